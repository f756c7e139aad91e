"""Instance conflicts between members: the error events we send and how we react to those we receive.

Sending (omrs-reference §8.2, Egeria's ``processGUIDConflict`` and the type-regression branch of
``compareAndValidateReferenceInstance``): an ``INSTANCE_ERROR_EVENT`` whose ``errorSection`` says

* ``CONFLICTING_INSTANCES``: target = the incoming instance (its home, type and GUID); other = this member
  (``otherMetadataCollectionId`` is the local id, ``otherOrigin`` the stored instance's provenance,
  ``otherTypeDefSummary`` its type);
* ``CONFLICTING_TYPE``: target = the incoming instance's home, type and GUID; ``otherTypeDefSummary`` the
  stored instance's type.

Receiving (§8.3, ``processConflictingInstancesEvent`` / ``processConflictingTypeEvent``):

* ``CONFLICTING_INSTANCES`` aimed at us: we own the duplicated GUID, so our instance gets a fresh one
  (``reIdentifyEntity`` / ``reIdentifyRelationship`` by the target type's category), which announces it;
* ``CONFLICTING_INSTANCES`` or ``CONFLICTING_TYPE`` aimed at another member: our reference copy of the
  target instance is purged, provided it is a copy homed at the target (a copy from the other side of the
  clash, or an instance of our own, is kept). Egeria purges by GUID without that check;
* ``CONFLICTING_TYPE`` aimed at us: logged only.

Each reaction is idempotent: a replayed event finds the GUID gone and does nothing.
"""

from __future__ import annotations

import logging
import uuid

from graphrepo.cohort._exchange import TypeLookup
from graphrepo.cohort._registration import LocalMember
from graphrepo.omrs import (
    EntityNotKnownException,
    InstanceHeader,
    InstanceType,
    OMRSEventErrorCode,
    OMRSEventV1,
    OMRSEventV1ErrorSection,
    OMRSEventV1InstanceSection,
    OMRSInstanceEventType,
    Relationship,
    RelationshipNotKnownException,
    TypeDefCategory,
    TypeDefSummary,
    instance_event,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore

__all__ = ["ConflictHandler", "instance_error_event", "type_summary"]

log = logging.getLogger("graphrepo.cohort.inbound")


def type_summary(instance_type: InstanceType | None, types: TypeLookup) -> TypeDefSummary | None:
    """The TypeDefSummary of an instance's type: from the local TypeDef when known (Egeria sends the
    whole TypeDef there), else from the instance's own type."""
    if instance_type is None:
        return None
    type_def = types.type_def_by_guid(instance_type.type_def_guid) if instance_type.type_def_guid else None
    if type_def is not None:
        return TypeDefSummary(
            guid=type_def.guid,
            name=type_def.name,
            status=type_def.status,
            category=type_def.category,
            version=type_def.version,
            version_name=type_def.version_name,
        )
    return TypeDefSummary(
        guid=instance_type.type_def_guid,
        name=instance_type.type_def_name,
        category=instance_type.type_def_category,
        version=instance_type.type_def_version,
    )


def instance_error_event(
    member: LocalMember,
    code: OMRSEventErrorCode,
    incoming: InstanceHeader,
    stored: InstanceHeader,
    types: TypeLookup,
) -> OMRSEventV1:
    """The ``INSTANCE_ERROR_EVENT`` reporting a clash between ``incoming`` and our ``stored`` instance."""
    kind = "relationship" if isinstance(incoming, Relationship) else "entity"
    incoming_type = incoming.type.type_def_name if incoming.type else None
    stored_type = stored.type.type_def_name if stored.type else None
    if code is OMRSEventErrorCode.CONFLICTING_TYPE:
        message = (
            f"The {kind} {incoming.guid} from metadata collection {incoming.metadata_collection_id} "
            f"(version {incoming.version}) has type {incoming_type} version "
            f"{incoming.type.type_def_version if incoming.type else '?'}, older than the type version "
            f"{stored.type.type_def_version if stored.type else '?'} of the copy held by "
            f"{member.server_name} ({member.metadata_collection_id})"
        )
        error = OMRSEventV1ErrorSection(
            error_code=code,
            error_message=message,
            target_metadata_collection_id=incoming.metadata_collection_id,
            target_type_def_summary=type_summary(incoming.type, types),
            target_instance_guid=incoming.guid,
            other_type_def_summary=type_summary(stored.type, types),
        )
    else:
        message = (
            f"The {kind} {incoming.guid} of type {incoming_type} from metadata collection "
            f"{incoming.metadata_collection_id} has the same GUID as the {kind} of type {stored_type} "
            f"from metadata collection {stored.metadata_collection_id} held by {member.server_name} "
            f"({member.metadata_collection_id}), but is another instance"
        )
        error = OMRSEventV1ErrorSection(
            error_code=code,
            error_message=message,
            target_metadata_collection_id=incoming.metadata_collection_id,
            target_type_def_summary=type_summary(incoming.type, types),
            target_instance_guid=incoming.guid,
            other_origin=stored.instance_provenance_type,
            other_metadata_collection_id=member.metadata_collection_id,
            other_type_def_summary=type_summary(stored.type, types),
            other_instance_guid=stored.guid,
        )
    section = OMRSEventV1InstanceSection(event_type=OMRSInstanceEventType.INSTANCE_ERROR_EVENT)
    event = instance_event(member.originator(), section)
    return event.model_copy(update={"error_section": error})


class ConflictHandler:
    """Reacts to the INSTANCE_ERROR_EVENTs of the cohort (see the module docstring)."""

    def __init__(
        self,
        collection: MetadataCollection,
        store: InstanceStore,
        member: LocalMember,
        types: TypeLookup,
        *,
        user_id: str,
    ) -> None:
        self._collection = collection
        self._store = store
        self._member = member
        self._types = types
        self._user = user_id

    def handle(self, event: OMRSEventV1) -> None:
        error = event.error_section
        sender = event.originator.server_name if event.originator else None
        if error is None or error.error_code is None:
            log.warning("instance error event from %s without an error section ignored", sender)
            return
        code = error.error_code
        target = error.target_metadata_collection_id
        guid = error.target_instance_guid
        ours = target == self._member.metadata_collection_id
        log.warning(
            "%s from %s: %s (target %s, instance %s)", code.name, sender, error.error_message, target, guid
        )
        if code not in (OMRSEventErrorCode.CONFLICTING_INSTANCES, OMRSEventErrorCode.CONFLICTING_TYPE):
            return
        if not guid or not target:
            return
        relationship = self._is_relationship(error.target_type_def_summary)
        if code is OMRSEventErrorCode.CONFLICTING_INSTANCES and ours:
            self._re_identify(guid, error.target_type_def_summary, relationship)
        elif not ours:
            self._purge_copy(guid, target, error.target_type_def_summary, relationship)

    def _is_relationship(self, summary: TypeDefSummary | None) -> bool:
        category = summary.category if summary is not None else TypeDefCategory.UNKNOWN_DEF
        if category is TypeDefCategory.UNKNOWN_DEF and summary is not None and summary.guid:
            local = self._types.type_def_by_guid(summary.guid)
            category = local.category if local is not None else category
        return category is TypeDefCategory.RELATIONSHIP_DEF

    def _stored(self, guid: str, relationship: bool) -> InstanceHeader | None:
        if relationship:
            return self._store.read(lambda tx: tx.get_relationship(guid))
        return self._store.read(lambda tx: tx.get_entity(guid))

    def _re_identify(self, guid: str, summary: TypeDefSummary | None, relationship: bool) -> None:
        stored = self._stored(guid, relationship)
        if stored is None or stored.metadata_collection_id != self._member.metadata_collection_id:
            log.info("conflict on %s: no instance of ours has that GUID (any more); nothing to do", guid)
            return
        type_guid = str(stored.type.type_def_guid if stored.type else (summary.guid if summary else ""))
        type_name = str(stored.type.type_def_name if stored.type else (summary.name if summary else ""))
        new_guid = str(uuid.uuid4())
        if relationship:
            self._collection.re_identify_relationship(self._user, type_guid, type_name, guid, new_guid)
        else:
            self._collection.re_identify_entity(self._user, type_guid, type_name, guid, new_guid)
        log.warning("conflict on %s: our instance re-identified as %s", guid, new_guid)

    def _purge_copy(self, guid: str, target: str, summary: TypeDefSummary | None, relationship: bool) -> None:
        stored = self._stored(guid, relationship)
        if stored is None or stored.metadata_collection_id != target:
            return  # not held, or held from another home: kept
        type_guid = str(summary.guid if summary and summary.guid else "")
        type_name = str(summary.name if summary and summary.name else "")
        try:
            if relationship:
                self._collection.purge_relationship_reference_copy_by_guid(
                    self._user, guid, type_guid, type_name, target
                )
            else:
                self._collection.purge_entity_reference_copy_by_guid(
                    self._user, guid, type_guid, type_name, target
                )
        except (EntityNotKnownException, RelationshipNotKnownException):
            return
        log.warning("conflict on %s: our reference copy from %s purged", guid, target)

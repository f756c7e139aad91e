"""What every part of the metadata collection shares: its identity, clock, types, and the common checks.

The operation mixins (``_reads``, ``_searches``, ``_maintenance``, ...) all derive from
:class:`CollectionCore`; ``_collection.MetadataCollection`` joins them. Helpers here raise the exact OMRS
exception Egeria raises for the same mistake (parameter checks follow ``OMRSRepositoryContentValidator``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from graphrepo.metamodel import InstanceValidator, TypeGallery
from graphrepo.omrs import (
    AnyTypeDef,
    Classification,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    EntityProxyOnlyException,
    InstanceAuditHeader,
    InstanceHeader,
    InstanceProperties,
    InstanceStatus,
    InstanceType,
    InvalidParameterException,
    OMRSErrorCode,
    PagingErrorException,
    Relationship,
    RelationshipNotKnownException,
    TypeDefCategory,
    TypeDefSummary,
    UserNotAuthorizedException,
)
from graphrepo.repository._events import EventFactory
from graphrepo.repository._kinds import EntityKind, InstanceKind, RelationshipKind
from graphrepo.repository._ownership import check_can_update, is_home
from graphrepo.repository._provenance import ProvenanceFixer
from graphrepo.store import (
    EntityRecord,
    InstanceStore,
    ProxyRecord,
    RelationshipRecord,
    StoreTransaction,
)

__all__ = ["CollectionCore", "convert", "now_ms", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def now_ms(value: datetime) -> datetime:
    """``java.util.Date`` keeps milliseconds: trim, so a stored time equals its wire round trip."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


_NOT_DELETED = frozenset(s for s in InstanceStatus if s is not InstanceStatus.DELETED)


_M = TypeVar("_M", bound=BaseModel)
_I = TypeVar("_I", EntityDetail, Relationship)
_T = TypeVar("_T")


def convert(instance: BaseModel, target: type[_M]) -> _M:
    """The fields ``target`` shares with ``instance`` (an EntityDetail as EntitySummary or EntityProxy);
    the ``class`` tag is the target's own."""
    shared = {
        name: getattr(instance, name)
        for name in target.model_fields
        if name in type(instance).model_fields and name != "class_"
    }
    return target(**shared)


class CollectionCore:
    """State and shared helpers; see ``_collection.MetadataCollection`` for the constructor's meaning."""

    store: InstanceStore
    gallery: TypeGallery
    local_id: str
    local_name: str
    server_name: str
    repository_name: str
    validator: InstanceValidator
    events: EventFactory
    fixer: ProvenanceFixer
    entities: EntityKind
    relationships: RelationshipKind
    _clock: Callable[[], datetime]
    _guid_factory: Callable[[], object]

    # --- identity and time ----------------------------------------------------------------------------------

    def now(self) -> datetime:
        return now_ms(self._clock())

    def new_guid(self) -> str:
        return str(self._guid_factory())

    # --- parameter checks -----------------------------------------------------------------------------------

    def check_user(self, user_id: str | None, method: str) -> None:
        # Egeria's validateUserId raises UserNotAuthorizedException for a null user.
        if not user_id:
            raise UserNotAuthorizedException.from_code(
                OMRSErrorCode.NULL_USER_ID, "userId", method, self.repository_name, action=method
            )

    def check_guid(self, guid: str | None, parameter: str, method: str) -> str:
        if not guid:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NO_GUID,
                parameter,
                method,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        return guid

    def check_as_of(self, as_of_time: datetime | None, method: str) -> datetime | None:
        if as_of_time is None:
            return None
        as_of = as_of_time if as_of_time.tzinfo is not None else as_of_time.replace(tzinfo=UTC)
        if as_of > self._clock():
            raise InvalidParameterException.from_code(
                OMRSErrorCode.REPOSITORY_NOT_CRYSTAL_BALL,
                as_of.isoformat(),
                method,
                self.repository_name,
                action=method,
                parameter_name="asOfTime",
            )
        return as_of

    def check_paging(self, offset: int, page_size: int, method: str) -> None:
        if page_size < 0:
            raise PagingErrorException.negative_page_size(page_size, method, self.repository_name)
        if offset < 0:
            # Egeria's NEGATIVE_START_FROM row is not in the wire model's table; same class, same meaning.
            raise PagingErrorException(
                http_code=400,
                error_message=f"A negative fromElement of {offset} has been passed on a {method} request "
                f"to open metadata repository {self.repository_name}",
                action_description=method,
            )

    def statuses(self, limit_results_by_status: Iterable[InstanceStatus] | None) -> frozenset[InstanceStatus]:
        """Egeria's null (or empty, which REST cannot tell apart) means every status but DELETED."""
        wanted = frozenset(s for s in (limit_results_by_status or ()) if s is not None)
        return wanted or _NOT_DELETED

    def check_status_present(
        self, status: InstanceStatus | None, parameter: str, method: str
    ) -> InstanceStatus:
        if status is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_INSTANCE_STATUS,
                parameter,
                method,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        return status

    def check_reference(self, value: _T | None, parameter: str, method: str) -> _T:
        """A reference instance (Group 6) must be given: ``NULL_REFERENCE_INSTANCE``."""
        if value is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                self.repository_name,
                method,
                parameter,
                action=method,
                parameter_name=parameter,
            )
        return value

    # --- types ----------------------------------------------------------------------------------------------

    def type_by_guid(
        self, guid: str | None, category: TypeDefCategory, parameter: str, method: str
    ) -> AnyTypeDef:
        """A known TypeDef of ``category``, abstract allowed (searches and summaries may name one).

        The validator's ``type_for_new_instance`` makes the same checks but refuses abstract types and has
        no switch for that, so a known type of the right category is returned here and anything else goes
        to the validator, which raises the exception for it (null, unknown or wrong category)."""
        type_def = self.gallery.type_def_by_guid(guid) if guid else None
        if type_def is not None and type_def.category is category:
            return type_def
        return self.validator.type_for_new_instance(guid, category, parameter, method)

    def type_names_for(
        self,
        type_guid: str | None,
        subtype_guids: Iterable[str] | None,
        category: TypeDefCategory,
        method: str,
    ) -> frozenset[str] | None:
        """The instance type names a search accepts: the type and its subtypes, narrowed to the given
        subtypes (and theirs) when some are named; None means any type."""
        names: frozenset[str] | None = None
        if type_guid:
            names = self.gallery.subtypes(
                str(self.type_by_guid(type_guid, category, "typeGUID", method).name)
            )
        subs = [g for g in (subtype_guids or ()) if g]
        if subs:
            wanted: set[str] = set()
            for guid in subs:
                wanted |= self.gallery.subtypes(
                    str(self.type_by_guid(guid, category, "subtypeGUIDs", method).name)
                )
            names = frozenset(wanted) if names is None else names & frozenset(wanted)
        return names

    @staticmethod
    def instance_type(type_def: AnyTypeDef) -> InstanceType:
        return InstanceType(
            type_def_category=type_def.category,
            type_def_guid=type_def.guid,
            type_def_name=type_def.name,
            type_def_version=type_def.version or 0,
        )  # the description fields left InstanceType in Egeria 4.0; 5.x peers never send them

    @staticmethod
    def summary_of(instance_type: InstanceType | None) -> TypeDefSummary:
        if instance_type is None:
            return TypeDefSummary()
        return TypeDefSummary(
            guid=instance_type.type_def_guid,
            name=instance_type.type_def_name,
            category=instance_type.type_def_category,
            version=instance_type.type_def_version,
        )

    @staticmethod
    def type_name(instance: InstanceAuditHeader) -> str:
        return str(instance.type.type_def_name) if instance.type is not None else ""

    def lineage(self, type_name: str) -> tuple[str, ...]:
        return self.gallery.lineage(type_name) if type_name in self.gallery else (type_name,)

    # --- records --------------------------------------------------------------------------------------------

    def classification_lineages(
        self, classifications: Iterable[Classification]
    ) -> dict[str, tuple[str, ...]]:
        return {str(c.name): self.lineage(str(c.name)) for c in classifications}

    def entity_record(self, entity: EntityDetail) -> EntityRecord:
        return EntityRecord(
            entity=entity,
            lineage=self.lineage(self.type_name(entity)),
            classification_lineages=self.classification_lineages(entity.classifications),
            reference_copy=not is_home(entity, self.local_id),
        )

    def proxy_record(self, proxy: EntityProxy) -> ProxyRecord:
        return ProxyRecord(
            proxy=proxy,
            lineage=self.lineage(self.type_name(proxy)),
            classification_lineages=self.classification_lineages(proxy.classifications),
        )

    def relationship_record(self, relationship: Relationship) -> RelationshipRecord:
        return RelationshipRecord(
            relationship=relationship,
            lineage=self.lineage(self.type_name(relationship)),
            reference_copy=not is_home(relationship, self.local_id),
        )

    def proxy_of(self, entity: EntityDetail | EntityProxy) -> EntityProxy:
        """``OMRSRepositoryContentHelper.getNewEntityProxy``: the header, classifications and the unique
        properties (with the effectivity dates) of the entity."""
        if isinstance(entity, EntityProxy):
            return entity
        proxy = convert(entity, EntityProxy)
        unique = None
        if entity.properties is not None:
            type_name = self.type_name(entity)
            attributes = self.gallery.attributes(type_name) if type_name in self.gallery else {}
            values = {
                name: value
                for name, value in entity.properties.instance_properties.items()
                if (attribute := attributes.get(name)) is not None and attribute.unique
            }
            if values or entity.properties.effective_from_time or entity.properties.effective_to_time:
                unique = InstanceProperties(
                    instance_properties=values,
                    effective_from_time=entity.properties.effective_from_time,
                    effective_to_time=entity.properties.effective_to_time,
                )
        return proxy.model_copy(update={"unique_properties": unique})

    def bump(self, header: Any, user_id: str, now: datetime, **changes: Any) -> Any:
        """``incrementVersion``: version + 1, updatedBy/updateTime, the user added to maintainedBy."""
        maintained = list(header.maintained_by)
        if user_id not in maintained:
            maintained.append(user_id)
        return header.model_copy(
            update={
                "version": header.version + 1,
                "updated_by": user_id,
                "update_time": now,
                "maintained_by": maintained,
                **changes,
            }
        )

    # --- fetching instances inside a transaction -----------------------------------------------------------

    def stored_entity(self, tx: StoreTransaction, guid: str, method: str) -> EntityDetail | EntityProxy:
        stored = tx.get_entity(guid)
        if stored is None:
            raise EntityNotKnownException.for_guid(guid, method, self.repository_name)
        return stored

    def entity_detail(
        self,
        tx: StoreTransaction,
        guid: str,
        method: str,
        *,
        parameter: str = "entityGUID",
        deleted_ok: bool = False,
    ) -> EntityDetail:
        """The full entity: EntityProxyOnly for a proxy, EntityNotKnown (soft-deleted) for DELETED."""
        stored = self.stored_entity(tx, guid, method)
        if isinstance(stored, EntityProxy):
            raise EntityProxyOnlyException.for_guid(guid, self.repository_name, parameter, method)
        if not deleted_ok:
            self.not_deleted(stored, method)
        return stored

    def not_deleted(self, instance: InstanceHeader, method: str) -> None:
        if instance.status is not InstanceStatus.DELETED:
            return
        if isinstance(instance, Relationship):
            raise RelationshipNotKnownException.soft_deleted(
                self.type_name(instance), str(instance.guid), method, self.repository_name
            )
        raise EntityNotKnownException.soft_deleted(
            self.type_name(instance), str(instance.guid), method, self.repository_name
        )

    def entity_for_update(
        self, tx: StoreTransaction, guid: str, method: str, *, deleted_ok: bool = False
    ) -> EntityDetail:
        """A full, owned entity (the reference-copy lock), not soft-deleted unless ``deleted_ok``."""
        stored = self.stored_entity(tx, guid, method)
        check_can_update(stored, self.local_id, self.repository_name, method)
        return self.entity_detail(tx, guid, method, deleted_ok=deleted_ok)

    def stored_relationship(self, tx: StoreTransaction, guid: str, method: str) -> Relationship:
        stored = tx.get_relationship(guid)
        if stored is None:
            raise RelationshipNotKnownException.for_guid(guid, method, self.repository_name)
        return stored

    def relationship_for_update(
        self, tx: StoreTransaction, guid: str, method: str, *, deleted_ok: bool = False
    ) -> Relationship:
        stored = self.stored_relationship(tx, guid, method)
        check_can_update(stored, self.local_id, self.repository_name, method, relationship=True)
        if not deleted_ok:
            self.not_deleted(stored, method)
        return stored

    def change_home(
        self,
        kind: InstanceKind[_I],
        method: str,
        guid: str,
        change: Callable[[StoreTransaction, _I], _I],
        *,
        deleted_ok: bool = False,
    ) -> _I:
        """One write transaction: ``change`` applied to the instance owned here (the reference-copy lock),
        returned with its provenance fixed."""
        return kind.fix(
            self.store.write(lambda tx: change(tx, kind.for_update(tx, guid, method, deleted_ok=deleted_ok)))
        )

    def check_type_ids_for_delete(
        self, type_def_guid: str | None, type_def_name: str | None, instance: InstanceHeader, method: str
    ) -> None:
        """``validateTypeForInstanceDelete``: the TypeDef ids must name the instance's type or a supertype."""
        type_def = self.gallery.type_def_by_guid(type_def_guid) if type_def_guid else None
        actual = self.type_name(instance)
        if (
            type_def is None
            or type_def.name != type_def_name
            or actual not in self.gallery
            or not self.gallery.is_type_of(actual, str(type_def_name))
        ):
            raise InvalidParameterException.from_code(
                OMRSErrorCode.BAD_TYPEDEF_IDS_FOR_DELETE,
                type_def_name,
                type_def_guid,
                method,
                instance.guid,
                self.repository_name,
                action=method,
                parameter_name="typeDefGUID",
            )

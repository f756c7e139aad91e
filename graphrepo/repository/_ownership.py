"""Who may change an instance (omrs-reference §2.1): ownership by ``metadataCollectionId`` is the whole lock.

An instance may be maintained here only when this member is its home: ``LOCAL_COHORT`` with our metadata
collection id, or ``EXTERNAL_SOURCE`` replicated by us. Everything else (reference copies of peers'
instances, archive content, instances of deregistered members) is read-only: updates, deletes, purges,
undo, re-identify and re-type raise ``InvalidParameterException`` naming the home
(``INSTANCE_HOME_NOT_LOCAL``, parameter ``entityGUID``/``relationshipGUID``), as Egeria's connector-level
``validateEntityCanBeUpdated`` does. Classifications, purges and refreshes of reference copies go through
other rules (see ``_classifications`` and ``_reference_copies``).
"""

from __future__ import annotations

from graphrepo.omrs import (
    EntityProxy,
    InstanceAuditHeader,
    InstanceHeader,
    InstanceProvenanceType,
    InvalidParameterException,
    OMRSErrorCode,
)

__all__ = ["check_can_update", "is_home", "is_local_home"]


def is_home(instance: InstanceAuditHeader, local_id: str) -> bool:
    """Whether this member maintains ``instance`` (Egeria's ``validateEntityCanBeUpdated`` test).

    A null provenance is taken as LOCAL_COHORT: Egeria's wrapper fills it in the same way
    (``setLocalProvenance``), and an instance without it can only have been created here."""
    provenance = instance.instance_provenance_type or InstanceProvenanceType.LOCAL_COHORT
    if provenance is InstanceProvenanceType.LOCAL_COHORT:
        return instance.metadata_collection_id in (None, local_id)
    if provenance is InstanceProvenanceType.EXTERNAL_SOURCE:
        return instance.replicated_by == local_id
    return False


def is_local_home(instance: InstanceAuditHeader, local_id: str) -> bool:
    """Whether the instance's recorded home is this member (whatever its provenance): the test of
    ``refresh*ReferenceCopy`` and ``addEntityProxy``."""
    return instance.metadata_collection_id in (None, local_id) or (
        instance.instance_provenance_type is InstanceProvenanceType.EXTERNAL_SOURCE
        and instance.replicated_by == local_id
    )


def check_can_update(
    instance: InstanceHeader,
    local_id: str,
    repository_name: str,
    method: str,
    *,
    relationship: bool = False,
) -> None:
    """Refuse to change an instance homed elsewhere (the reference-copy lock), or an entity of which only a
    proxy is stored here while we are its home (``ENTITY_PROXY_IN_HOME``)."""
    parameter = "relationshipGUID" if relationship else "entityGUID"
    if isinstance(instance, EntityProxy) and is_home(instance, local_id):
        raise InvalidParameterException.from_code(
            OMRSErrorCode.ENTITY_PROXY_IN_HOME,
            repository_name,
            instance.guid,
            action=method,
            parameter_name=parameter,
        )
    if is_home(instance, local_id):
        return
    raise InvalidParameterException.from_code(
        OMRSErrorCode.INSTANCE_HOME_NOT_LOCAL,
        instance.metadata_collection_id,
        method,
        instance.guid,
        local_id,
        repository_name,
        action=method,
        parameter_name=parameter,
    )

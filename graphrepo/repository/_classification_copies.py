"""Group 6 classification copies: classifications homed elsewhere, on entities or proxies held here.

``save/purgeClassificationReferenceCopy`` (each with an ``EntityProxy`` form) keep a peer's classification
in step on our copy of its entity (stored as a proxy when we hold nothing of it); the classification's own
version decides whether a copy is newer (§8.2). ``getHomeClassifications`` answers the classifications homed
here, whatever the entity's home. None of this publishes events.
"""

from __future__ import annotations

from datetime import datetime

from graphrepo.omrs import (
    Classification,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["ClassificationCopyOperations"]


class ClassificationCopyOperations(CollectionCore):
    def save_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity, classification, purge=False)

    def save_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity_proxy, classification, purge=False)

    def purge_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity, classification, purge=True)

    def purge_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity_proxy, classification, purge=True)

    def _classification_copy(
        self, user_id: str, entity: EntityDetail | EntityProxy, classification: Classification, *, purge: bool
    ) -> None:
        method = "purgeClassificationReferenceCopy" if purge else "saveClassificationReferenceCopy"
        self.check_user(user_id, method)
        self.check_reference(entity, "entity", method)
        self.check_reference(classification, "classification", method)
        self.check_guid(entity.guid, "entity", method)
        entity_type = self.validator.type_for_instance(
            entity.type, TypeDefCategory.ENTITY_DEF, "entity", method
        )
        if not purge:
            self.validator.validate_classifications(
                [classification], str(entity_type.name), "classification", method, require_mandatory=False
            )

        def work(tx: StoreTransaction) -> None:
            stored = tx.get_entity(str(entity.guid))
            if stored is None:
                if purge:
                    return
                if is_home(entity, self.local_id):
                    raise EntityNotKnownException.for_guid(str(entity.guid), method, self.repository_name)
                stored = self.proxy_of(entity)
            current = next((c for c in stored.classifications if c.name == classification.name), None)
            others = [c for c in stored.classifications if c.name != classification.name]
            if purge:
                if current is None:
                    return
            elif current is not None and classification.version <= current.version:
                return  # stale: the classification's own version decides (§8.2, classification events)
            else:
                others.append(classification)
            updated = stored.model_copy(update={"classifications": others})
            if isinstance(updated, EntityDetail):
                tx.save_entity(self.entity_record(updated))
            else:
                tx.save_proxy(self.proxy_record(updated))

        self.store.write(work)

    def get_home_classifications(
        self, user_id: str, entity_guid: str, as_of_time: datetime | None = None
    ) -> list[Classification]:
        """The classifications homed here on the entity (whatever the entity's own home)."""
        method = "getHomeClassifications"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        as_of = self.check_as_of(as_of_time, method)

        def work(tx: StoreTransaction) -> list[Classification]:
            found: EntityDetail | EntityProxy | None = (
                tx.get_entity(entity_guid) if as_of is None else tx.entity_as_of(entity_guid, as_of)
            )
            if found is None:
                raise EntityNotKnownException.for_guid(entity_guid, method, self.repository_name)
            return [c for c in found.classifications if is_home(c, self.local_id)]

        return [self.fixer.header(c) for c in self.store.read(work)]

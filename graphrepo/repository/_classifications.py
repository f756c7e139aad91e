"""Group 4 classifications: classify, reclassify (updateEntityClassification), declassify, each in the
entity-GUID form (returns the entity) and the ``EntityProxy`` form (returns the classification).

A classification has its own header and home. Classifying works on reference copies too (the CTS profile
``REFERENCE_COPY_CLASSIFICATION``): the new classification is homed here while the entity stays homed
elsewhere. For that reason only an entity homed here gets a new version when its classifications change; a
reference copy keeps its home's version, so the home's next update still wins by version. The classification
itself counts its own versions. Events: CLASSIFIED / RECLASSIFIED / DECLASSIFIED_ENTITY_EVENT (§7.6), with
``entityProxy`` for the proxy forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from graphrepo.omrs import (
    Classification,
    ClassificationErrorException,
    ClassificationOrigin,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    EntityProxyOnlyException,
    InstanceProperties,
    InvalidParameterException,
    OMRSErrorCode,
    OMRSInstanceEventType,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._creation import CreationOperations
from graphrepo.repository._events import Ev
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["ClassificationOperations"]

# (current classification or None, now) -> (new classification or None to remove, event type)
_Change = Callable[
    [Classification | None, datetime, str], tuple[Classification | None, OMRSInstanceEventType]
]


class ClassificationOperations(CreationOperations, CollectionCore):
    # --- GUID forms: return the entity ----------------------------------------------------------------------

    def classify_entity(
        self,
        user_id: str,
        entity_guid: str,
        classification_name: str,
        classification_properties: InstanceProperties | None,
        *,
        external_source_guid: str | None = None,
        external_source_name: str | None = None,
        classification_origin: ClassificationOrigin | None = None,
        classification_origin_guid: str | None = None,
    ) -> EntityDetail:
        method = "classifyEntity"
        change = self._classify(
            method,
            user_id,
            classification_name,
            classification_properties,
            external_source_guid,
            external_source_name,
            classification_origin,
            classification_origin_guid,
        )
        return self._on_entity(method, user_id, entity_guid, classification_name, change)

    def declassify_entity(self, user_id: str, entity_guid: str, classification_name: str) -> EntityDetail:
        method = "declassifyEntity"
        change = self._declassify(method, classification_name)
        return self._on_entity(method, user_id, entity_guid, classification_name, change)

    def update_entity_classification(
        self,
        user_id: str,
        entity_guid: str,
        classification_name: str,
        properties: InstanceProperties | None,
    ) -> EntityDetail:
        method = "updateEntityClassification"
        change = self._reclassify(method, user_id, classification_name, properties)
        return self._on_entity(method, user_id, entity_guid, classification_name, change)

    # --- proxy forms: return the classification -------------------------------------------------------------

    def classify_entity_proxy(
        self,
        user_id: str,
        entity_proxy: EntityProxy,
        classification_name: str,
        classification_properties: InstanceProperties | None,
        *,
        external_source_guid: str | None = None,
        external_source_name: str | None = None,
        classification_origin: ClassificationOrigin | None = None,
        classification_origin_guid: str | None = None,
    ) -> Classification:
        method = "classifyEntity"
        change = self._classify(
            method,
            user_id,
            classification_name,
            classification_properties,
            external_source_guid,
            external_source_name,
            classification_origin,
            classification_origin_guid,
        )
        return self._on_proxy(method, user_id, entity_proxy, classification_name, change)

    def declassify_entity_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification_name: str
    ) -> Classification:
        method = "declassifyEntity"
        change = self._declassify(method, classification_name)
        return self._on_proxy(method, user_id, entity_proxy, classification_name, change)

    def update_entity_classification_proxy(
        self,
        user_id: str,
        entity_proxy: EntityProxy,
        classification_name: str,
        properties: InstanceProperties | None,
    ) -> Classification:
        method = "updateEntityClassification"
        change = self._reclassify(method, user_id, classification_name, properties)
        return self._on_proxy(method, user_id, entity_proxy, classification_name, change)

    def _on_entity(
        self, method: str, user_id: str, entity_guid: str, name: str, change: _Change
    ) -> EntityDetail:
        entity, _ = self._apply(method, user_id, entity_guid, None, name, change)
        assert isinstance(entity, EntityDetail)
        return self.fixer.entity(entity)

    def _on_proxy(
        self, method: str, user_id: str, proxy: EntityProxy, name: str, change: _Change
    ) -> Classification:
        _, result = self._apply(method, user_id, None, proxy, name, change)
        assert result is not None
        return self.fixer.header(result)

    # --- the changes ----------------------------------------------------------------------------------------

    def _classify(
        self,
        method: str,
        user_id: str,
        name: str,
        properties: InstanceProperties | None,
        external_source_guid: str | None,
        external_source_name: str | None,
        origin: ClassificationOrigin | None,
        origin_guid: str | None,
    ) -> _Change:
        def change(
            current: Classification | None, now: datetime, entity_type: str
        ) -> tuple[Classification, Ev]:
            type_def = self.validator.validate_classification(name, entity_type, "classificationName", method)
            if current is not None:
                raise ClassificationErrorException.from_code(
                    OMRSErrorCode.ENTITY_ALREADY_CLASSIFIED,
                    method,
                    self.repository_name,
                    name,
                    "",
                    action=method,
                )
            self.validator.validate_properties(
                str(type_def.name), properties, "classificationProperties", method
            )
            created = self.new_classification(
                user_id,
                now,
                type_def,
                properties,
                self._home_fields(external_source_guid, external_source_name),
                origin=origin,
                origin_guid=origin_guid,
            )
            return created, Ev.CLASSIFIED_ENTITY_EVENT

        return change

    def _reclassify(
        self, method: str, user_id: str, name: str, properties: InstanceProperties | None
    ) -> _Change:
        def change(
            current: Classification | None, now: datetime, entity_type: str
        ) -> tuple[Classification, Ev]:
            current = self._present(current, method, name)
            self.validator.validate_properties(name, properties, "properties", method)
            updated: Classification = self.bump(current, user_id, now, properties=properties)
            return updated, Ev.RECLASSIFIED_ENTITY_EVENT

        return change

    def _declassify(self, method: str, name: str) -> _Change:
        def change(current: Classification | None, now: datetime, entity_type: str) -> tuple[None, Ev]:
            self._present(current, method, name)
            return None, Ev.DECLASSIFIED_ENTITY_EVENT

        return change

    def _present(self, current: Classification | None, method: str, name: str) -> Classification:
        if current is None:
            raise ClassificationErrorException.from_code(
                OMRSErrorCode.ENTITY_NOT_CLASSIFIED, method, self.repository_name, name, "", action=method
            )
        return current

    # --- applying a change ----------------------------------------------------------------------------------

    def _apply(
        self,
        method: str,
        user_id: str,
        entity_guid: str | None,
        proxy: EntityProxy | None,
        name: str,
        change: _Change,
    ) -> tuple[EntityDetail | EntityProxy, Classification | None]:
        """Run ``change`` on the entity's classification ``name`` in one transaction; returns the entity
        after the change and the classification the proxy forms return (the new one, or the removed one)."""
        self.check_user(user_id, method)
        if not name:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_CLASSIFICATION_NAME,
                "classificationName",
                method,
                self.repository_name,
                action=method,
                parameter_name="classificationName",
            )
        if proxy is None:
            self.check_guid(entity_guid, "entityGUID", method)
        else:
            self.check_guid(proxy.guid, "entityProxy", method)
            self.validator.type_for_instance(proxy.type, TypeDefCategory.ENTITY_DEF, "entityProxy", method)

        def work(tx: StoreTransaction) -> tuple[EntityDetail | EntityProxy, Classification | None]:
            entity = self._target(tx, method, entity_guid, proxy)
            self.not_deleted(entity, method)
            current = next((c for c in entity.classifications if c.name == name), None)
            now = self.now()
            new, event_type = change(current, now, self.type_name(entity))
            # Keep the order of the other classifications; a new one goes last.
            others = [c for c in entity.classifications if c.name != name]
            if new is not None:
                position = next(
                    (i for i, c in enumerate(entity.classifications) if c.name == name), len(others)
                )
                others.insert(position, new)
            if isinstance(entity, EntityDetail):
                updated: EntityDetail | EntityProxy = (
                    self.bump(entity, user_id, now, classifications=others)
                    if is_home(entity, self.local_id)
                    else entity.model_copy(update={"classifications": others})
                )
                assert isinstance(updated, EntityDetail)
                tx.save_entity(self.entity_record(updated))
            else:
                updated = entity.model_copy(update={"classifications": others})
                tx.save_proxy(self.proxy_record(updated))
            announced: EntityDetail | EntityProxy = updated if proxy is None else self.proxy_of(updated)
            tx.add_to_outbox(
                [
                    self.events.classification(
                        event_type,
                        announced,
                        classification=new,
                        original=current if event_type is not Ev.CLASSIFIED_ENTITY_EVENT else None,
                    )
                ]
            )
            return updated, new if new is not None else current

        return self.store.write(work)

    def _target(
        self, tx: StoreTransaction, method: str, entity_guid: str | None, proxy: EntityProxy | None
    ) -> EntityDetail | EntityProxy:
        if proxy is None:
            assert entity_guid is not None
            stored = self.stored_entity(tx, entity_guid, method)
            if isinstance(stored, EntityProxy):
                raise EntityProxyOnlyException.for_guid(
                    entity_guid, self.repository_name, "entityGUID", method
                )
            return stored
        held = tx.get_entity(str(proxy.guid))
        if held is not None:
            return held
        # The proxy forms store the proxy when the entity is not held here (Egeria's default classifyEntity
        # for proxies); a proxy claiming to be homed here but unknown names an entity that does not exist.
        if is_home(proxy, self.local_id):
            raise EntityNotKnownException.for_guid(str(proxy.guid), method, self.repository_name)
        tx.save_proxy(self.proxy_record(proxy))
        return proxy

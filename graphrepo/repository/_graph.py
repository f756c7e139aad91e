"""Group 3 graph queries: getRelationshipsForEntity, getEntityNeighborhood, getRelatedEntities,
getLinkingEntities.

They walk the store's ``relationships_of`` one entity at a time (Egeria's in-memory connector walks the same
way), reading each instance as of ``asOfTime`` when one is given. An entity or relationship that fails a
filter is neither returned nor walked through. Entities held only as proxies are never returned (they are not
EntityDetails) and are not walked through.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from graphrepo.omrs import (
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    InstanceGraph,
    InstanceStatus,
    Relationship,
    SequencingOrder,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._paging import page, sort_instances
from graphrepo.store import StoreTransaction

__all__ = ["GraphOperations"]

_MAX_PATHS = 10_000  # getLinkingEntities: bound the simple-path enumeration on dense graphs


class _Walk:
    """The filters of one graph query, applied inside one read transaction."""

    def __init__(
        self,
        core: CollectionCore,
        tx: StoreTransaction,
        statuses: frozenset[InstanceStatus],
        as_of: datetime | None,
        entity_types: frozenset[str] | None = None,
        relationship_types: frozenset[str] | None = None,
        classifications: Iterable[str] = (),
    ) -> None:
        self.core, self.tx, self.statuses, self.as_of = core, tx, statuses, as_of
        self.entity_types, self.relationship_types = entity_types, relationship_types
        self.classifications = frozenset(classifications)

    def entity(self, guid: str) -> EntityDetail | None:
        found = self.tx.get_entity(guid) if self.as_of is None else self.tx.entity_as_of(guid, self.as_of)
        if not isinstance(found, EntityDetail) or found.status not in self.statuses:
            return None
        if self.entity_types is not None and self.core.type_name(found) not in self.entity_types:
            return None
        if not self.classifications <= {c.name for c in found.classifications}:
            return None
        return found

    def relationships(self, entity_guid: str) -> list[Relationship]:
        result = []
        for current in self.tx.relationships_of(entity_guid):
            found = (
                current if self.as_of is None else self.tx.relationship_as_of(str(current.guid), self.as_of)
            )
            if found is None or found.status not in self.statuses:
                continue
            if (
                self.relationship_types is not None
                and self.core.type_name(found) not in self.relationship_types
            ):
                continue
            result.append(found)
        return result

    @staticmethod
    def other_end(relationship: Relationship, guid: str) -> str | None:
        one, two = relationship.entity_one_proxy, relationship.entity_two_proxy
        if one is not None and one.guid == guid:
            return two.guid if two is not None else None
        return one.guid if one is not None else None


class GraphOperations(CollectionCore):
    def _type_names(
        self, guids: list[str] | None, category: TypeDefCategory, method: str
    ) -> frozenset[str] | None:
        wanted = [g for g in (guids or ()) if g]
        if not wanted:
            return None
        names: set[str] = set()
        for guid in wanted:
            names |= self.gallery.subtypes(str(self.type_by_guid(guid, category, "typeGUIDs", method).name))
        return frozenset(names)

    def _start(
        self, tx: StoreTransaction, guid: str, as_of: datetime | None, method: str
    ) -> EntityDetail | EntityProxy:
        stored = self.stored_entity(tx, guid, method)
        if as_of is not None:
            then = tx.entity_as_of(guid, as_of)
            if then is None:
                raise EntityNotKnownException.for_guid(guid, method, self.repository_name)
            stored = then
        self.not_deleted(stored, method)
        return stored

    def get_relationships_for_entity(
        self,
        user_id: str,
        entity_guid: str,
        relationship_type_guid: str | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]:
        method = "getRelationshipsForEntity"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        self.check_paging(from_relationship_element, page_size, method)
        as_of = self.check_as_of(as_of_time, method)
        types = self._type_names(
            [relationship_type_guid] if relationship_type_guid else None,
            TypeDefCategory.RELATIONSHIP_DEF,
            method,
        )

        def work(tx: StoreTransaction) -> list[Relationship]:
            self._start(tx, entity_guid, as_of, method)
            walk = _Walk(self, tx, self.statuses(limit_results_by_status), as_of, relationship_types=types)
            return walk.relationships(entity_guid)

        found = sort_instances(self.store.read(work), sequencing_order, sequencing_property)
        return [self.fixer.relationship(r) for r in page(found, from_relationship_element, page_size)]

    def get_entity_neighborhood(
        self,
        user_id: str,
        entity_guid: str,
        entity_type_guids: list[str] | None = None,
        relationship_type_guids: list[str] | None = None,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        level: int = 1,
    ) -> InstanceGraph:
        """Everything within ``level`` relationships of the entity (the entity itself always included)."""
        method = "getEntityNeighborhood"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        as_of = self.check_as_of(as_of_time, method)
        entity_types = self._type_names(entity_type_guids, TypeDefCategory.ENTITY_DEF, method)
        relationship_types = self._type_names(
            relationship_type_guids, TypeDefCategory.RELATIONSHIP_DEF, method
        )
        for name in limit_results_by_classification or ():
            self.validator.validate_classification(name, None, "limitResultsByClassification", method)

        def work(tx: StoreTransaction) -> InstanceGraph:
            start = self._start(tx, entity_guid, as_of, method)
            walk = _Walk(
                self,
                tx,
                self.statuses(limit_results_by_status),
                as_of,
                entity_types,
                relationship_types,
                limit_results_by_classification or (),
            )
            entities: dict[str, EntityDetail] = {}
            if isinstance(start, EntityDetail):
                entities[entity_guid] = start
            relationships: dict[str, Relationship] = {}
            frontier, seen = [entity_guid], {entity_guid}
            for _ in range(max(level, 0)):
                following: list[str] = []
                for guid in frontier:
                    for relationship in walk.relationships(guid):
                        other = walk.other_end(relationship, guid)
                        if other is None:
                            continue
                        other_entity = entities.get(other) or walk.entity(other)
                        if other_entity is None:
                            continue
                        relationships[str(relationship.guid)] = relationship
                        entities[other] = other_entity
                        if other not in seen:
                            seen.add(other)
                            following.append(other)
                frontier = following
            return InstanceGraph(
                entities=sort_instances(list(entities.values()), None, None),
                relationships=sort_instances(list(relationships.values()), None, None),
            )

        graph = self.store.read(work)
        return InstanceGraph(
            entities=[self.fixer.entity(e) for e in graph.entities],
            relationships=[self.fixer.relationship(r) for r in graph.relationships],
        )

    def get_related_entities(
        self,
        user_id: str,
        start_entity_guid: str,
        entity_type_guids: list[str] | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]:
        """Every entity connected to the start entity, directly or indirectly, and the start entity itself.

        The CTS (``TestGraphQueries.getRelatedEntities``, assertions 06/07) expects the root in the
        answer: its expected list is ``exploreFromEntity(root, null, -1)``, which adds the root. The root,
        like every other entity, must pass the type, status and classification filters to be returned."""
        method = "getRelatedEntities"
        self.check_user(user_id, method)
        self.check_guid(start_entity_guid, "startEntityGUID", method)
        self.check_paging(from_entity_element, page_size, method)
        as_of = self.check_as_of(as_of_time, method)
        entity_types = self._type_names(entity_type_guids, TypeDefCategory.ENTITY_DEF, method)
        for name in limit_results_by_classification or ():
            self.validator.validate_classification(name, None, "limitResultsByClassification", method)

        def work(tx: StoreTransaction) -> list[EntityDetail]:
            self._start(tx, start_entity_guid, as_of, method)
            walk = _Walk(
                self,
                tx,
                self.statuses(limit_results_by_status),
                as_of,
                entity_types,
                None,
                limit_results_by_classification or (),
            )
            found: dict[str, EntityDetail] = {}
            root = walk.entity(start_entity_guid)
            if root is not None:
                found[start_entity_guid] = root
            frontier, seen = [start_entity_guid], {start_entity_guid}
            while frontier:
                guid = frontier.pop()
                for relationship in walk.relationships(guid):
                    other = walk.other_end(relationship, guid)
                    if other is None or other in seen:
                        continue
                    seen.add(other)
                    entity = walk.entity(other)
                    if entity is not None:
                        found[other] = entity
                        frontier.append(other)
            return list(found.values())

        result = sort_instances(self.store.read(work), sequencing_order, sequencing_property)
        return [self.fixer.entity(e) for e in page(result, from_entity_element, page_size)]

    def get_linking_entities(
        self,
        user_id: str,
        start_entity_guid: str,
        end_entity_guid: str,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
    ) -> InstanceGraph:
        """The entities and relationships on every simple path between the two entities.

        When both GUIDs name the same entity the answer is that entity and no relationships; when no path
        exists it is empty (CTS ``TestGraphQueries.getLinkingEntities``, assertions 08-11)."""
        method = "getLinkingEntities"
        self.check_user(user_id, method)
        self.check_guid(start_entity_guid, "startEntityGUID", method)
        self.check_guid(end_entity_guid, "endEntityGUID", method)
        as_of = self.check_as_of(as_of_time, method)

        def work(tx: StoreTransaction) -> InstanceGraph:
            self._start(tx, start_entity_guid, as_of, method)
            self._start(tx, end_entity_guid, as_of, method)
            walk = _Walk(self, tx, self.statuses(limit_results_by_status), as_of)
            entities: dict[str, EntityDetail] = {}
            relationships: dict[str, Relationship] = {}
            cache: dict[str, EntityDetail | None] = {}
            paths = 0

            def entity(guid: str) -> EntityDetail | None:
                if guid not in cache:
                    cache[guid] = walk.entity(guid)
                return cache[guid]

            def visit(guid: str, on_path: list[str], via: list[Relationship]) -> None:
                nonlocal paths
                if paths >= _MAX_PATHS:
                    return
                if guid == end_entity_guid:
                    paths += 1
                    for step in on_path:
                        found = entity(step)
                        if found is not None:
                            entities[step] = found
                    relationships.update({str(r.guid): r for r in via})
                    return
                for relationship in walk.relationships(guid):
                    other = walk.other_end(relationship, guid)
                    if other is None or other in on_path or entity(other) is None:
                        continue
                    visit(other, [*on_path, other], [*via, relationship])

            start = entity(start_entity_guid)
            if start is not None and start_entity_guid == end_entity_guid:
                entities[start_entity_guid] = start
            elif start is not None:
                visit(start_entity_guid, [start_entity_guid], [])
            return InstanceGraph(
                entities=sort_instances(list(entities.values()), None, None),
                relationships=sort_instances(list(relationships.values()), None, None),
            )

        graph = self.store.read(work)
        return InstanceGraph(
            entities=[self.fixer.entity(e) for e in graph.entities],
            relationships=[self.fixer.relationship(r) for r in graph.relationships],
        )

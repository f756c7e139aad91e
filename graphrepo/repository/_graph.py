"""Group 3 graph queries: getRelationshipsForEntity, getEntityNeighborhood, getRelatedEntities,
getLinkingEntities.

They walk breadth first, one level at a time: a level costs one batched store read of the frontier's
relationships (``relationships_of_entities``) and one of the entities newly met at their other ends
(``get_entities``), or the same as of ``asOfTime`` (``relationships_as_of`` / ``entities_as_of``), so a
walk costs a few statements per level, not per entity. An entity or relationship that fails a filter is
neither returned nor walked through. Entities held only as proxies are never returned (they are not
EntityDetails) and are not walked through.

getRelatedEntities with no sequencing order (null or ANY) answers in **walk order**: the start entity
first (when it passes the filters), then entities by their distance from it (relationships walked, through
entities that pass the filters), and at one distance by GUID. That order is deterministic, so pages
concatenate to the whole answer, and it lets the walk stop as soon as ``fromEntityElement + pageSize``
entities are known, so a page costs what its distance costs, whatever the size of the connected
component. An explicit order (GUID, a property, dates) needs every connected entity: the walk runs to
the end and the result is sorted (``_paging.sort_instances``). Egeria's CTS asks for the whole component
with no order (``TestGraphQueries.getRelatedEntities``: same size, contains all); its PTS asks for the
first ``maxSearchResults``, with no order either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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
from graphrepo.repository._paging import in_walk_order, page, sort_instances
from graphrepo.store import StoredEntity, StoreTransaction

__all__ = ["GraphOperations"]

Step = tuple[Relationship, str]
"""A relationship that passes the filters and the GUID of the entity at its other end."""


class _Walk:
    """The filters of one graph query, applied inside one read transaction, with batched reads."""

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
        # Each entity is read and judged once per query (None: unknown or filtered out).
        self._judged: dict[str, EntityDetail | None] = {}

    def _passes(self, found: StoredEntity | None) -> EntityDetail | None:
        if not isinstance(found, EntityDetail) or found.status not in self.statuses:
            return None
        if self.entity_types is not None and self.core.type_name(found) not in self.entity_types:
            return None
        if not self.classifications <= {c.name for c in found.classifications}:
            return None
        return found

    def entities(self, guids: Iterable[str]) -> dict[str, EntityDetail]:
        """The entities among ``guids`` that pass the filters, read in one batch (those not judged yet)."""
        wanted = list(dict.fromkeys(guids))
        unread = [guid for guid in wanted if guid not in self._judged]
        if unread:
            found: dict[str, EntityDetail] | dict[str, StoredEntity] = (
                self.tx.get_entities(unread)
                if self.as_of is None
                else self.tx.entities_as_of(unread, self.as_of)
            )
            for guid in unread:
                self._judged[guid] = self._passes(found.get(guid))
        return {guid: entity for guid in wanted if (entity := self._judged[guid]) is not None}

    def entity(self, guid: str) -> EntityDetail | None:
        return self.entities([guid]).get(guid)

    def steps(self, frontier: Sequence[str]) -> dict[str, list[Step]]:
        """For each entity of ``frontier``, its relationships that pass the filters (as of ``as_of``, in
        relationship GUID order) with their other ends; one batched read (two with ``as_of``)."""
        current = self.tx.relationships_of_entities(frontier)
        then: dict[str, Relationship] = {}
        if self.as_of is not None:
            guids = [str(r.guid) for found in current.values() for r in found]
            then = self.tx.relationships_as_of(guids, self.as_of)
        result: dict[str, list[Step]] = {}
        for guid in frontier:
            steps: list[Step] = []
            for relationship in current.get(guid, []):
                found = relationship if self.as_of is None else then.get(str(relationship.guid))
                if found is None or not self._relationship_passes(found):
                    continue
                other = self.other_end(found, guid)
                if other is not None:
                    steps.append((found, other))
            result[guid] = steps
        return result

    def relationships(self, entity_guid: str) -> list[Relationship]:
        """The entity's relationships that pass the filters, whatever their other end."""
        current = self.tx.relationships_of(entity_guid)
        if self.as_of is not None:
            then = self.tx.relationships_as_of([str(r.guid) for r in current], self.as_of)
            current = [then[str(r.guid)] for r in current if str(r.guid) in then]
        return [r for r in current if self._relationship_passes(r)]

    def _relationship_passes(self, relationship: Relationship) -> bool:
        if relationship.status not in self.statuses:
            return False
        return self.relationship_types is None or self.core.type_name(relationship) in self.relationship_types

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
                entities[entity_guid] = start  # the root is returned whatever the filters say
            relationships: dict[str, Relationship] = {}
            frontier, seen = [entity_guid], {entity_guid}
            for _ in range(max(level, 0)):
                if not frontier:
                    break
                steps = walk.steps(frontier)
                met = walk.entities(o for f in frontier for _, o in steps[f] if o not in entities)
                following: list[str] = []
                for guid in frontier:
                    for relationship, other in steps[guid]:
                        other_entity = entities.get(other) or met.get(other)
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
        like every other entity, must pass the type, status and classification filters to be returned.
        With no sequencing order the answer is in walk order (module doc): root, then by distance, then
        by GUID."""
        method = "getRelatedEntities"
        self.check_user(user_id, method)
        self.check_guid(start_entity_guid, "startEntityGUID", method)
        self.check_paging(from_entity_element, page_size, method)
        as_of = self.check_as_of(as_of_time, method)
        entity_types = self._type_names(entity_type_guids, TypeDefCategory.ENTITY_DEF, method)
        for name in limit_results_by_classification or ():
            self.validator.validate_classification(name, None, "limitResultsByClassification", method)
        walk_order = in_walk_order(sequencing_order)

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
            # Walk order can stop once the page is known; any other order needs every entity.
            wanted = from_entity_element + page_size if walk_order and page_size > 0 else None
            found: list[EntityDetail] = []
            root = walk.entity(start_entity_guid)
            if root is not None:
                found.append(root)
            frontier, seen = [start_entity_guid], {start_entity_guid}
            while frontier and (wanted is None or len(found) < wanted):
                steps = walk.steps(frontier)
                # One distance at a time, by GUID; an entity met is judged once, passing or not.
                met = sorted({other for guid in frontier for _, other in steps[guid]} - seen)
                seen.update(met)
                passing = walk.entities(met)
                level = [passing[guid] for guid in met if guid in passing]
                found.extend(level)
                frontier = [str(entity.guid) for entity in level]
            return found

        result = self.store.read(work)
        if not walk_order:
            result = sort_instances(result, sequencing_order, sequencing_property)
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

        Found without listing paths (their number can grow exponentially): an edge lies on a simple path
        from s to t exactly when its biconnected block lies on the path from s to t in the block-cut
        tree (in a 2-connected block any edge is on a simple path between any two of its vertices), so
        the answer is those blocks' entities and relationships (``_on_simple_paths``). When both GUIDs
        name the same entity the answer is that entity and no relationships; when no path exists it is
        empty (CTS ``TestGraphQueries.getLinkingEntities``, assertions 08-11)."""
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
            start = walk.entity(start_entity_guid)
            if start is not None and start_entity_guid == end_entity_guid:
                entities[start_entity_guid] = start
            elif start is not None:
                adjacency = _reachable(walk, start_entity_guid, end_entity_guid)
                if end_entity_guid in adjacency:
                    on_paths, via = _on_simple_paths(adjacency, start_entity_guid, end_entity_guid)
                    entities.update(walk.entities(sorted(on_paths)))
                    relationships.update(via)
            return InstanceGraph(
                entities=sort_instances(list(entities.values()), None, None),
                relationships=sort_instances(list(relationships.values()), None, None),
            )

        graph = self.store.read(work)
        return InstanceGraph(
            entities=[self.fixer.entity(e) for e in graph.entities],
            relationships=[self.fixer.relationship(r) for r in graph.relationships],
        )


def _reachable(walk: _Walk, start: str, end: str) -> dict[str, list[Step]]:
    """The steps out of every entity that passes the filters and is reachable from ``start`` without
    passing through ``end`` (no simple path to ``end`` goes through it), read a level at a time; ``end``
    is a key (with no steps) when it is reached."""
    adjacency: dict[str, list[Step]] = {}
    frontier, queued = [start], {start}
    while frontier:
        steps = walk.steps(frontier)
        passing = walk.entities(other for guid in frontier for _, other in steps[guid])
        following: list[str] = []
        for guid in frontier:
            adjacency[guid] = [(r, other) for r, other in steps[guid] if other in passing]
            for _, other in adjacency[guid]:
                if other not in queued:
                    queued.add(other)
                    if other == end:
                        adjacency[end] = []
                    else:
                        following.append(other)
        frontier = following
    return adjacency


def _on_simple_paths(
    adjacency: dict[str, list[Step]], start: str, end: str
) -> tuple[set[str], dict[str, Relationship]]:
    """The entities and relationships (by GUID) on some simple path from ``start`` to ``end`` (which
    ``adjacency`` reaches): the blocks on the block-cut tree path between them."""
    relationships: dict[str, Relationship] = {}
    neighbours: dict[str, list[tuple[str, str]]] = {guid: [] for guid in adjacency}
    for guid, steps in adjacency.items():
        for relationship, other in steps:
            key = str(relationship.guid)
            if other == guid or key in relationships:
                continue  # a relationship to itself is on no simple path; each edge once
            relationships[key] = relationship
            neighbours[guid].append((key, other))
            neighbours[other].append((key, guid))
    blocks = _blocks(neighbours, start)
    # The block-cut tree: an entity is joined to each block holding it; its start-end path is unique.
    holding: dict[str, list[int]] = {}
    for number, (vertices, _) in enumerate(blocks):
        for vertex in vertices:
            holding.setdefault(vertex, []).append(number)
    came_from: dict[str | int, str | int | None] = {start: None}
    queue: list[str | int] = [start]
    for reached in queue:
        if reached == end:
            break
        following: list[str] | list[int] = (
            holding.get(reached, []) if isinstance(reached, str) else sorted(blocks[reached][0])
        )
        for step in following:
            if step not in came_from:
                came_from[step] = reached
                queue.append(step)
    entities: set[str] = set()
    on_path: dict[str, Relationship] = {}
    node = came_from.get(end)  # walk back from end: block, entity, block, ... start
    while node is not None:
        if isinstance(node, int):
            entities |= blocks[node][0]
            on_path.update({key: relationships[key] for key in blocks[node][1]})
        node = came_from[node]
    return entities, on_path


def _blocks(neighbours: dict[str, list[tuple[str, str]]], root: str) -> list[tuple[set[str], set[str]]]:
    """The biconnected blocks (entity GUIDs, relationship GUIDs) of ``root``'s component: Tarjan's
    edge-stack algorithm, iterative (a long chain must not exhaust Python's recursion). ``neighbours``
    gives, per entity, (relationship GUID, other end) pairs; parallel relationships form a block."""
    discovered, low = {root: 0}, {root: 0}
    edges: list[tuple[str, str, str]] = []
    blocks: list[tuple[set[str], set[str]]] = []
    stack: list[tuple[str, str | None, Iterator[tuple[str, str]]]] = [(root, None, iter(neighbours[root]))]
    while stack:
        vertex, parent_edge, pending = stack[-1]
        descended = False
        for key, other in pending:
            if key == parent_edge:
                continue
            if other not in discovered:
                discovered[other] = low[other] = len(discovered)
                edges.append((key, vertex, other))
                stack.append((other, key, iter(neighbours[other])))
                descended = True
                break
            if discovered[other] < discovered[vertex]:  # a back edge, met from its lower end
                low[vertex] = min(low[vertex], discovered[other])
                edges.append((key, vertex, other))
        if descended:
            continue
        stack.pop()
        if not stack:
            break
        parent = stack[-1][0]
        low[parent] = min(low[parent], low[vertex])
        if low[vertex] >= discovered[parent]:  # parent separates this block from the rest
            vertices: set[str] = set()
            keys: set[str] = set()
            while True:
                key, one, two = edges.pop()
                keys.add(key)
                vertices |= {one, two}
                if key == parent_edge:
                    break
            blocks.append((vertices, keys))
    return blocks

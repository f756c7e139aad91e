// Current state of entities, proxies, classifications and relationships (Neo4jInstanceStore).
// The layout is described in graphrepo/store/neo4j/_graph.py. Every lookup starts from a unique-index
// seek on a GUID: (:Entity {_guid}) or (:RelationshipKey {_guid}).
// A relationship between two bound end nodes is matched with a filter comparing to a variable
// (r._guid = k._guid): planned as Expand(Into). (With a parameter there, or on a database holding no
// relationships at all, the 5.26 planner may prefer an all-relationships scan.)

// name: get_entity
MATCH (n:Entity {_guid: $guid})
RETURN n._doc AS doc

// name: get_relationship
MATCH (k:RelationshipKey {_guid: $guid})
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationships_of
// Every relationship at either end of the entity (a relationship to itself once).
MATCH (n:Entity {_guid: $guid})-[r]-(:Entity)
WHERE r._doc IS NOT NULL
RETURN DISTINCT r._guid AS guid, r._doc AS doc

// name: save_entities
// Create or replace entities (or proxies: with row.onlyOverProxy, a full entity stays as it is), one
// row of $rows each (one GUID at most once), then add $events to the outbox: an OMRS write is one
// statement. row.properties holds every property of the node but the search text: SET n = ... drops
// attributes the new state no longer has. Labels not in row.labels (an old type's lineage, a marker)
// are removed. Classification nodes are replaced by name. row.snapshot (null for a proxy) is stored as
// the version's immutable InstanceVersion (saving a version number again replaces it; its _doc is the
// node's). Dates arrive as [epochSeconds, nanosecond] pairs in row.times (and each classification's
// times, and snapshot.validFrom): the driver packs a Python datetime slowly (_writes).
// Search text (_graph_values): the TEXT index's _searchText is left as it was (a TEXT index update costs
// a Lucene commit, about 3 ms of Neo4j CPU here for one text); a changed text waits in _searchNext,
// flagged _searchPending (a candidate for every text search meanwhile) until index_entity_search_text
// moves a batch of them at once.
UNWIND $rows AS row
MERGE (n:Entity {_guid: row.guid})
WITH n, row
WHERE NOT row.onlyOverProxy OR n._doc IS NULL OR n:EntityProxy
WITH n, row, n._searchText AS indexed, n._searchPending AS waiting,
     [label IN labels(n) WHERE NOT label IN row.labels] AS stale
WITH n, row, indexed, waiting, stale, coalesce(row.searchText, '') = coalesce(indexed, '') AS current,
     row.properties AS properties
REMOVE n:$(stale)
// The search properties go into the same map: dropped by SET n = ... and set again after, the TEXT
// index would take the unchanged text as a change: a Lucene commit on every write.
SET n = properties {.*, _searchText: indexed,
                    _searchPending: CASE WHEN current THEN waiting ELSE true END,
                    _searchNext: CASE WHEN current THEN null ELSE coalesce(row.searchText, '') END},
    n:$(row.labels)
FOREACH (key IN keys(row.times) |
  SET n[key] = datetime({epochSeconds: row.times[key][0], nanosecond: row.times[key][1]}))
WITH n, row
CALL (n, row) {
  MATCH (n)-[:CLASSIFIED_AS]->(old:Classification)
  WHERE NOT old._typeName IN [c IN row.classifications | c.name]
  DETACH DELETE old
}
CALL (n, row) {
  UNWIND row.classifications AS classification
  MERGE (n)-[:CLASSIFIED_AS]->(c:Classification {_typeName: classification.name})
  SET c = classification.properties, c:$(classification.labels)
  FOREACH (key IN keys(classification.times) |
    SET c[key] = datetime({epochSeconds: classification.times[key][0], nanosecond: classification.times[key][1]}))
}
CALL (row) {
  WITH row.snapshot AS snapshot
  WHERE snapshot IS NOT NULL
  MERGE (v:InstanceVersion {_guid: row.guid, _version: snapshot.properties._version})
  SET v += snapshot.properties,
      v._doc = row.properties._doc,
      v._validFrom = datetime({epochSeconds: snapshot.validFrom[0], nanosecond: snapshot.validFrom[1]})
}
WITH count(*) AS saved
// The statement's OMRS events ($events, may be empty) go to the outbox in the same statement (see
// add_to_outbox in outbox.cypher: the counter's SET locks it, so numbers are distinct and ordered).
CALL () {
  WITH $events AS events
  WHERE size(events) > 0
  MERGE (counter:GraphrepoSequence {name: 'outbox'})
    ON CREATE SET counter.value = 0
  SET counter.value = counter.value + size(events)
  WITH counter.value - size(events) AS base, events
  UNWIND range(0, size(events) - 1) AS i
  CREATE (:GraphrepoOutbox {sequence: base + i + 1, event: events[i]})
}
RETURN saved

// name: save_relationships
// Create or replace relationships and their keys, one row of $rows each (one GUID at most once), then add
// $events to the outbox. The current relationship (found through the key) is kept when its type and
// ends are unchanged, otherwise deleted and created anew (Neo4j cannot change a relationship's type or
// ends). A row whose end is not stored saves nothing (the caller compares the count). The key's search
// text is deferred as an entity's is (save_entities), and dates and the snapshot's _doc travel as theirs do.
UNWIND $rows AS row
MATCH (a:Entity {_guid: row.end1})
MATCH (b:Entity {_guid: row.end2})
OPTIONAL MATCH (k:RelationshipKey {_guid: row.guid})
OPTIONAL MATCH (oldA:Entity {_guid: k._end1})
OPTIONAL MATCH (oldB:Entity {_guid: k._end2})
WITH row, a, b, [(oldA)-[old]->(oldB) WHERE old._guid = k._guid | old] AS found
WITH row, a, b, coalesce(found, []) AS current
WITH row, a, b,
     [r IN current WHERE type(r) = row.typeName AND startNode(r) = a AND endNode(r) = b] AS kept,
     [r IN current WHERE type(r) <> row.typeName OR startNode(r) <> a OR endNode(r) <> b] AS replaced
FOREACH (r IN replaced | DELETE r)
FOREACH (r IN kept |
  SET r = row.properties
  FOREACH (key IN keys(row.times) |
    SET r[key] = datetime({epochSeconds: row.times[key][0], nanosecond: row.times[key][1]})))
WITH row, a, b, kept
CALL (row, a, b, kept) {
  WITH row, a, b
  WHERE size(kept) = 0
  CREATE (a)-[r:$(row.typeName)]->(b)
  SET r = row.properties
  FOREACH (key IN keys(row.times) |
    SET r[key] = datetime({epochSeconds: row.times[key][0], nanosecond: row.times[key][1]}))
}
MERGE (key:RelationshipKey {_guid: row.guid})
WITH row, key, key._searchText AS indexed, key._searchPending AS waiting, row.key AS properties
WITH row, key, indexed, waiting, properties, coalesce(row.searchText, '') = coalesce(indexed, '') AS current
SET key = properties {.*, _searchText: indexed,
                      _searchPending: CASE WHEN current THEN waiting ELSE true END,
                      _searchNext: CASE WHEN current THEN null ELSE coalesce(row.searchText, '') END}
WITH row, key
MERGE (v:InstanceVersion {_guid: row.guid, _version: row.snapshot.properties._version})
SET v += row.snapshot.properties,
    v._doc = row.properties._doc,
    v._validFrom = datetime({epochSeconds: row.snapshot.validFrom[0], nanosecond: row.snapshot.validFrom[1]})
WITH count(*) AS saved
// The statement's OMRS events ($events, may be empty) go to the outbox in the same statement (see
// add_to_outbox in outbox.cypher: the counter's SET locks it, so numbers are distinct and ordered).
CALL () {
  WITH $events AS events
  WHERE size(events) > 0
  MERGE (counter:GraphrepoSequence {name: 'outbox'})
    ON CREATE SET counter.value = 0
  SET counter.value = counter.value + size(events)
  WITH counter.value - size(events) AS base, events
  UNWIND range(0, size(events) - 1) AS i
  CREATE (:GraphrepoOutbox {sequence: base + i + 1, event: events[i]})
}
RETURN saved

// name: index_entity_search_text
// Move up to $limit pending search texts (save_entities) into the TEXT index: one Lucene commit for all.
// They stay flagged pending until confirm_entity_search_text, a round later: a reader may see this
// commit's RANGE index change (the flag) before its TEXT index change, so both never change at once.
MATCH (n:Entity)
WHERE n._searchPending = true AND n._searchNext IS NOT NULL
WITH n
LIMIT $limit
SET n._searchText = CASE n._searchNext WHEN '' THEN null ELSE n._searchNext END
REMOVE n._searchNext
RETURN count(n) AS indexed

// name: confirm_entity_search_text
// Texts moved by an earlier index_entity_search_text (and not changed since) are no longer pending.
MATCH (n:Entity)
WHERE n._searchPending = true AND n._searchNext IS NULL
WITH n
LIMIT $limit
REMOVE n._searchPending
RETURN count(n) AS indexed

// name: index_relationship_search_text
MATCH (k:RelationshipKey)
WHERE k._searchPending = true AND k._searchNext IS NOT NULL
WITH k
LIMIT $limit
SET k._searchText = CASE k._searchNext WHEN '' THEN null ELSE k._searchNext END
REMOVE k._searchNext
RETURN count(k) AS indexed

// name: confirm_relationship_search_text
MATCH (k:RelationshipKey)
WHERE k._searchPending = true AND k._searchNext IS NULL
WITH k
LIMIT $limit
REMOVE k._searchPending
RETURN count(k) AS indexed

// name: get_entities
// Several entities (or proxies) by GUID, in one round trip. The SEEK hint: on a small graph the planner
// may join the list to a scan of every entity's GUID instead.
UNWIND $guids AS guid
MATCH (n:Entity {_guid: guid})
USING INDEX SEEK n:Entity(_guid)
RETURN guid, n._doc AS doc

// name: get_relationships
UNWIND $guids AS guid
MATCH (k:RelationshipKey {_guid: guid})
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN guid, r._doc AS doc

// name: purge_entity
// The entity or proxy, its classifications, its history, and every relationship attached to it with
// their keys and histories.
CALL () {
  MATCH (v:InstanceVersion {_guid: $guid})
  WHERE v._validFrom IS NOT NULL
  DELETE v
}
OPTIONAL MATCH (n:Entity {_guid: $guid})
CALL (n) {
  MATCH (n)-[r]-(:Entity)
  WITH DISTINCT r._guid AS relationshipGuid
  CALL (relationshipGuid) {
    MATCH (k:RelationshipKey {_guid: relationshipGuid})
    DELETE k
  }
  CALL (relationshipGuid) {
    MATCH (v:InstanceVersion {_guid: relationshipGuid})
    WHERE v._validFrom IS NOT NULL
    DELETE v
  }
}
CALL (n) {
  MATCH (n)-[:CLASSIFIED_AS]->(c:Classification)
  DETACH DELETE c
}
DETACH DELETE n
RETURN count(n) AS purged

// name: purge_relationship
// The relationship, its key and its history.
CALL () {
  MATCH (v:InstanceVersion {_guid: $guid})
  WHERE v._validFrom IS NOT NULL
  DELETE v
}
OPTIONAL MATCH (k:RelationshipKey {_guid: $guid})
OPTIONAL MATCH (a:Entity {_guid: k._end1})
OPTIONAL MATCH (b:Entity {_guid: k._end2})
WITH k, [(a)-[r]->(b) WHERE r._guid = k._guid | r] AS found
FOREACH (r IN coalesce(found, []) | DELETE r)
DELETE k
RETURN count(k) AS purged

// name: reidentify_entity
// Give the entity node its new GUID (the caller then saves the new state on it) and point the keys of
// its relationships and its classification nodes at it. The old GUID's history goes: that GUID no longer names anything.
CALL () {
  MATCH (v:InstanceVersion {_guid: $oldGuid})
  WHERE v._validFrom IS NOT NULL
  DELETE v
}
MATCH (n:Entity {_guid: $oldGuid})
SET n._guid = $newGuid
WITH n
CALL (n) {
  MATCH (n)-[r]-(:Entity)
  WITH DISTINCT r._guid AS relationshipGuid
  MATCH (k:RelationshipKey {_guid: relationshipGuid})
  SET k._end1 = CASE k._end1 WHEN $oldGuid THEN $newGuid ELSE k._end1 END,
      k._end2 = CASE k._end2 WHEN $oldGuid THEN $newGuid ELSE k._end2 END
}
CALL (n) {
  MATCH (n)-[:CLASSIFIED_AS]->(c:Classification)
  SET c._entityGuid = $newGuid
}
RETURN count(n) AS renamed

// name: reidentify_relationship
// Give the relationship and its key the new GUID (the caller then saves the new state); the old GUID's
// history goes.
CALL () {
  MATCH (v:InstanceVersion {_guid: $oldGuid})
  WHERE v._validFrom IS NOT NULL
  DELETE v
}
MATCH (k:RelationshipKey {_guid: $oldGuid})
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
WITH k, [(a)-[r]->(b) WHERE r._guid = k._guid | r] AS found
FOREACH (r IN found | SET r._guid = $newGuid)
SET k._guid = $newGuid
RETURN count(k) AS renamed

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

// name: save_entity
// Create or replace an entity (or a proxy: with $onlyOverProxy, a full entity stays as it is).
// $properties holds every property of the node (header, attributes, _doc, search text): SET n = ...
// drops attributes the new state no longer has. Labels not in $labels (an old type's lineage, a
// marker) are removed. Classification nodes are replaced by name. $snapshot (null for a proxy) is
// stored as the version's immutable InstanceVersion (saving a version number again replaces it).
MERGE (n:Entity {_guid: $guid})
WITH n
WHERE NOT $onlyOverProxy OR n._doc IS NULL OR n:EntityProxy
WITH n, [label IN labels(n) WHERE NOT label IN $labels] AS stale
REMOVE n:$(stale)
SET n = $properties, n:$($labels)
WITH n
CALL (n) {
  MATCH (n)-[:CLASSIFIED_AS]->(old:Classification)
  WHERE NOT old._typeName IN [c IN $classifications | c.name]
  DETACH DELETE old
}
CALL (n) {
  UNWIND $classifications AS classification
  MERGE (n)-[:CLASSIFIED_AS]->(c:Classification {_typeName: classification.name})
  SET c = classification.properties, c:$(classification.labels)
}
CALL () {
  WITH $snapshot AS snapshot
  WHERE snapshot IS NOT NULL
  MERGE (v:InstanceVersion {_guid: $guid, _version: snapshot._version})
  SET v += snapshot
}
RETURN count(n) AS saved

// name: save_relationship
// Create or replace a relationship and its key in one statement. The current relationship (found
// through the key) is kept when its type and ends are unchanged, otherwise deleted and created anew
// (Neo4j cannot change a relationship's type or ends). Returns no row when an end is not stored.
MATCH (a:Entity {_guid: $end1})
MATCH (b:Entity {_guid: $end2})
OPTIONAL MATCH (k:RelationshipKey {_guid: $guid})
OPTIONAL MATCH (oldA:Entity {_guid: k._end1})
OPTIONAL MATCH (oldB:Entity {_guid: k._end2})
WITH a, b, [(oldA)-[old]->(oldB) WHERE old._guid = k._guid | old] AS found
WITH a, b, coalesce(found, []) AS current
WITH a, b,
     [r IN current WHERE type(r) = $typeName AND startNode(r) = a AND endNode(r) = b] AS kept,
     [r IN current WHERE type(r) <> $typeName OR startNode(r) <> a OR endNode(r) <> b] AS replaced
FOREACH (r IN replaced | DELETE r)
FOREACH (r IN kept | SET r = $properties)
WITH a, b, kept
CALL (a, b, kept) {
  WITH a, b
  WHERE size(kept) = 0
  CREATE (a)-[r:$($typeName)]->(b)
  SET r = $properties
}
MERGE (key:RelationshipKey {_guid: $guid})
SET key = $key
WITH key
MERGE (v:InstanceVersion {_guid: $guid, _version: $snapshot._version})
SET v += $snapshot
RETURN count(key) AS saved

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
// its relationships at it. The old GUID's history goes: that GUID no longer names anything.
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

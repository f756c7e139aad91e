// Type-derived indexes are RANGE indexes now (graphrepo/metamodel/_schema.py), and a RANGE index key is
// limited to about 8 kB: the store writes a string attribute's projection truncated to 4,000 UTF-8 bytes
// and flags the instance `_longValues = true` (graphrepo/store/neo4j/_graph_values.py). Flagged instances
// are candidates for every attribute search, found through these indexes (relationships through their
// key nodes: no index spans all relationship types).
// Each statement ends with ';' at the end of a line. Statements are idempotent.

CREATE INDEX graphrepo_entity_long_values IF NOT EXISTS
FOR (n:Entity) ON (n._longValues);

CREATE INDEX graphrepo_relationship_key_long_values IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._longValues);

// Instances written before this migration: truncate every long string projection so that the RANGE
// indexes the types call for can be built over them. 1,000 characters are at most 4,000 UTF-8 bytes
// (Cypher counts characters, not bytes); a shorter cut than new writes make only flags more instances.
MATCH (n)
WHERE n:Entity OR n:Classification
CALL (n) {
  WITH n, [key IN keys(n) WHERE NOT key STARTS WITH '_' AND n[key] IS :: STRING AND size(n[key]) > 1000] AS long
  WHERE size(long) > 0
  FOREACH (key IN long | SET n[key] = left(n[key], 1000))
  SET n._longValues = true
} IN TRANSACTIONS OF 1000 ROWS;

MATCH (k:RelationshipKey)
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  WITH k, r, [key IN keys(r) WHERE NOT key STARTS WITH '_' AND r[key] IS :: STRING AND size(r[key]) > 1000] AS long
  WHERE size(long) > 0
  FOREACH (key IN long | SET r[key] = left(r[key], 1000))
  SET r._longValues = true, k._longValues = true
} IN TRANSACTIONS OF 1000 ROWS;

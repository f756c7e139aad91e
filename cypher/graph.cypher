// Graph walks (repository/_graph: getRelatedEntities, getEntityNeighborhood, getLinkingEntities): one
// statement per BFS level instead of one per entity. Every row starts from a unique-index seek on an
// entity GUID, then expands that node's relationships (the graph layout: store/neo4j/_graph.py).

// name: relationships_of_entities
// Every relationship (any status) at either end of each entity of $guids: one row per (entity,
// relationship), a relationship to itself once. Rows for one relationship share its GUID: the caller
// parses each document once. CLASSIFIED_AS edges lead to Classification nodes, not entities: left out.
// The other end's document comes along: a walk reads those entities next, and a round trip costs more
// than the bytes (the caller keeps them for the transaction's get_entities). The SEEK hint: on a small
// graph the planner sometimes joined the list to a scan of every entity's GUID instead.
UNWIND $guids AS guid
MATCH (n:Entity {_guid: guid})-[r]-(other:Entity)
USING INDEX SEEK n:Entity(_guid)
WHERE r._doc IS NOT NULL
WITH DISTINCT guid, r, other
RETURN guid, r._guid AS relationshipGuid, r._doc AS doc, other._guid AS otherGuid, other._doc AS otherDoc

// name: versions_as_of
// For each GUID of $guids (entities or relationships), the version current at $asOf: the latest that
// started at or before it (version_as_of in history.cypher, for a batch). GUIDs with none are left out.
UNWIND $guids AS guid
CALL (guid) {
  MATCH (v:InstanceVersion {_guid: guid})
  WHERE v._validFrom <= $asOf
  RETURN v._doc AS doc
  ORDER BY v._validFrom DESC, v._version DESC
  LIMIT 1
}
RETURN guid, doc

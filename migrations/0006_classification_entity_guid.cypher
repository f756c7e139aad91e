// A search for one classification by name pages in the classified entities' GUID order
// (cypher/search.cypher, entity_page_by_classification). Each Classification node carries its entity's
// GUID (_entityGuid, written with the node: graphrepo/store/neo4j/_writes.py), so the page is read in
// (_typeName, _entityGuid) index order and stops after offset + page, instead of reaching every
// classified entity and sorting them all.
// Each statement ends with ';' at the end of a line. Statements are idempotent.

CREATE INDEX graphrepo_classification_type_entity_guid IF NOT EXISTS
FOR (c:Classification) ON (c._typeName, c._entityGuid);

// Classification nodes written before this migration: give them their entity's GUID.
MATCH (n:Entity)-[:CLASSIFIED_AS]->(c:Classification)
WHERE c._entityGuid IS NULL OR c._entityGuid <> n._guid
CALL (n, c) {
  SET c._entityGuid = n._guid
} IN TRANSACTIONS OF 1000 ROWS;

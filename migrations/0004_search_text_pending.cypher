// Search text waits in _searchNext, flagged _searchPending = true, until a batch of texts is moved into
// the TEXT index at once (cypher/instances.cypher, save_entities): a TEXT index update costs a Lucene
// commit (about 10 ms on the reference machine), which a single OMRS write no longer pays. Pending
// instances are candidates for every text search, found through these indexes.
// Each statement ends with ';' at the end of a line. Statements are idempotent.

CREATE INDEX graphrepo_entity_search_pending IF NOT EXISTS
FOR (n:Entity) ON (n._searchPending);

CREATE INDEX graphrepo_relationship_key_search_pending IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._searchPending);

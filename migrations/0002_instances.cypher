// Structural schema of the instance store (graphrepo/store/neo4j/_graph.py describes the layout).
// Each statement ends with ';' at the end of a line. Statements are idempotent (IF NOT EXISTS).

// History: one snapshot per (GUID, version); as-of reads and ranges seek (GUID, validFrom).
CREATE CONSTRAINT graphrepo_instance_version_key IF NOT EXISTS
FOR (v:InstanceVersion) REQUIRE (v._guid, v._version) IS UNIQUE;

CREATE INDEX graphrepo_instance_version_validity IF NOT EXISTS
FOR (v:InstanceVersion) ON (v._guid, v._validFrom);

// Regex searches with a literal hint: CONTAINS on the joined search text of entities and of
// relationships (held by their key node: no index spans all relationship types); instances whose
// text is too long to index are flagged and always candidates.
CREATE TEXT INDEX graphrepo_entity_search_text IF NOT EXISTS
FOR (n:Entity) ON (n._searchText);

CREATE INDEX graphrepo_entity_search_overflow IF NOT EXISTS
FOR (n:Entity) ON (n._searchOverflow);

CREATE TEXT INDEX graphrepo_relationship_key_search_text IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._searchText);

CREATE INDEX graphrepo_relationship_key_search_overflow IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._searchOverflow);

// The outbox, read in sequence order.
CREATE CONSTRAINT graphrepo_outbox_sequence IF NOT EXISTS
FOR (o:GraphrepoOutbox) REQUIRE o.sequence IS UNIQUE;

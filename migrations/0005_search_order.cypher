// Index-ordered paging (cypher/search.cypher, *_page_by_type): a search that asks only for types (and
// statuses) reads each type's instances in GUID order from (_typeName, _guid) and stops after the page,
// instead of sorting every instance of the type. The single-property _typeName indexes of 0001 stay:
// migrations are append-only, and the candidate queries pin them.
// As-of searches that name types (history.cypher, versions_current_at_by_type) narrow the history by
// the version's type name instead of reading every version.
// Each statement ends with ';' at the end of a line. Statements are idempotent (IF NOT EXISTS).

CREATE INDEX graphrepo_entity_type_guid IF NOT EXISTS
FOR (n:Entity) ON (n._typeName, n._guid);

CREATE INDEX graphrepo_relationship_key_type_guid IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._typeName, k._guid);

CREATE INDEX graphrepo_instance_version_type_name IF NOT EXISTS
FOR (v:InstanceVersion) ON (v._typeName);

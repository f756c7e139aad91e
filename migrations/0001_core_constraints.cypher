// The structural constraints and indexes every graphrepo graph has, whatever its types.
// Each statement ends with ';' at the end of a line. Statements are idempotent (IF NOT EXISTS).

CREATE CONSTRAINT graphrepo_migration_version IF NOT EXISTS
FOR (m:GraphrepoMigration) REQUIRE m.version IS UNIQUE;

CREATE CONSTRAINT graphrepo_sequence_name IF NOT EXISTS
FOR (s:GraphrepoSequence) REQUIRE s.name IS UNIQUE;

CREATE CONSTRAINT graphrepo_type_kind_guid IF NOT EXISTS
FOR (t:GraphrepoType) REQUIRE (t.kind, t.guid) IS UNIQUE;

CREATE CONSTRAINT graphrepo_entity_guid IF NOT EXISTS
FOR (n:Entity) REQUIRE n._guid IS UNIQUE;

CREATE CONSTRAINT graphrepo_relationship_key_guid IF NOT EXISTS
FOR (k:RelationshipKey) REQUIRE k._guid IS UNIQUE;

CREATE INDEX graphrepo_entity_type_name IF NOT EXISTS
FOR (n:Entity) ON (n._typeName);

CREATE INDEX graphrepo_relationship_key_type_name IF NOT EXISTS
FOR (k:RelationshipKey) ON (k._typeName);

CREATE INDEX graphrepo_classification_type_name IF NOT EXISTS
FOR (c:Classification) ON (c._typeName);

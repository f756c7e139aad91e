// The record of applied schema migrations (see migrations/ and `graphrepo migrate`).

// name: applied_migrations
MATCH (m:GraphrepoMigration)
RETURN m.version AS version, m.name AS name, m.checksum AS checksum
ORDER BY m.version

// name: record_migration
MERGE (m:GraphrepoMigration {version: $version})
  ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()
RETURN m.checksum AS checksum

// name: type_index_names
// The type-derived indexes present now (their names start with the prefix graphrepo gives them).
SHOW INDEXES YIELD name, state
WHERE name STARTS WITH $prefix
RETURN name, state

// name: await_indexes
CALL db.awaitIndexes($timeoutSeconds)

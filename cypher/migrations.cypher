// The record of applied schema migrations (see migrations/ and `graphrepo migrate`).

// name: applied_migrations
MATCH (m:GraphrepoMigration)
RETURN m.version AS version, m.name AS name, m.checksum AS checksum
ORDER BY m.version

// name: record_migration
MERGE (m:GraphrepoMigration {version: $version})
  ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()
RETURN m.checksum AS checksum

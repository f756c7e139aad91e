// TypeDefs and AttributeTypeDefs added or changed at run time (the archive is loaded at every start).
// One node per type, keyed by kind and GUID; `document` is its exact Egeria JSON; `seq` keeps save order.

// name: load_types
MATCH (t:GraphrepoType)
RETURN t.kind AS kind, t.guid AS guid, t.name AS name, t.version AS version, t.document AS document
ORDER BY t.seq

// name: save_type
MERGE (counter:GraphrepoSequence {name: 'types'})
  ON CREATE SET counter.value = 0
SET counter.value = counter.value + 1
MERGE (t:GraphrepoType {kind: $kind, guid: $guid})
  ON CREATE SET t.seq = counter.value
SET t.name = $name, t.version = $version, t.document = $document

// name: delete_type
MATCH (t:GraphrepoType {kind: $kind, guid: $guid})
DELETE t

// name: count_instances_of_type
// Entities, relationships (through their key nodes) and classifications of exactly this type, any status.
CALL () {
  MATCH (e:Entity {_typeName: $typeName}) RETURN count(e) AS found
  UNION ALL
  MATCH (k:RelationshipKey {_typeName: $typeName}) RETURN count(k) AS found
  UNION ALL
  MATCH (c:Classification {_typeName: $typeName}) RETURN count(c) AS found
}
RETURN sum(found) AS total

// Search candidates (Neo4jInstanceStore.find_entities / find_relationships). Each query narrows with
// one index and filters by type name and status exactly; the store then evaluates the whole query with
// graphrepo.store._matching (the one evaluator) and pages. Proxies are never returned.
// $typeNames and $statuses are null for "any". USING INDEX SEEK pins the seek where fresh or empty
// statistics made the 5.26 planner choose a label scan or a full index scan.

// name: entity_candidates_by_guid
MATCH (n:Entity {_guid: $guid})
USING INDEX SEEK n:Entity(_guid)
WHERE NOT n:EntityProxy
  AND ($typeNames IS NULL OR n._typeName IN $typeNames)
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_candidates_by_type
MATCH (n:Entity)
USING INDEX SEEK n:Entity(_typeName)
WHERE n._typeName IN $typeNames
  AND NOT n:EntityProxy
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_page_by_type
// Exact filter (types and statuses only): the page is cut here, in GUID order (apply_paging's order
// for GUID, ANY and none). Each type's instances come from (_typeName, _guid) already in GUID order, so
// each type reads at most $offset + $limit of them (no sort of the whole type); the few per type are
// merged, then the page is cut.
UNWIND $typeNames AS typeName
CALL (typeName) {
  MATCH (n:Entity)
  USING INDEX SEEK n:Entity(_typeName, _guid)
  WHERE n._typeName = typeName AND n._guid IS NOT NULL
    AND NOT n:EntityProxy
    AND ($statuses IS NULL OR n._status IN $statuses)
  WITH n
  ORDER BY n._typeName, n._guid
  LIMIT $offset + $limit
  RETURN n
}
WITH n
ORDER BY n._guid
SKIP $offset
LIMIT $limit
RETURN n._doc AS doc

// name: entity_candidates_by_text
// Some attribute's text contains $text (or the instance's text is too long to index).
// A pending instance's text is _searchNext ('' for none), or _searchText once moved and not yet confirmed
// (instances.cypher): tested here, so only those that contain $text are candidates (their documents are
// read and evaluated). Pending instances are read first, to the end, then the text index (each subquery imports the previous
// one's result, so they run in this order): reads are read-committed, and an instance whose text is
// indexed between the two seeks is then found by the second (text first could miss it in both).
CALL () {
  MATCH (n:Entity)
  USING INDEX n:Entity(_searchPending)
  WHERE n._searchPending = true
    AND coalesce(n._searchNext, n._searchText) CONTAINS $text
  RETURN collect(n) AS pending
}
CALL (pending) {
  MATCH (n:Entity)
  USING TEXT INDEX n:Entity(_searchText)
  WHERE n._searchText CONTAINS $text
  RETURN collect(n) AS containing
}
CALL (containing) {
  MATCH (n:Entity)
  USING INDEX n:Entity(_searchOverflow)
  WHERE n._searchOverflow = true
  RETURN collect(n) AS overflowing
}
UNWIND pending + containing + overflowing AS n
WITH DISTINCT n
WHERE NOT n:EntityProxy
  AND ($typeNames IS NULL OR n._typeName IN $typeNames)
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_candidates_by_classification
MATCH (c:Classification {_typeName: $classification})<-[:CLASSIFIED_AS]-(n:Entity)
WHERE NOT n:EntityProxy
  AND ($typeNames IS NULL OR n._typeName IN $typeNames)
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_candidates_by_classification_attribute
// The entities classified $classification whose classification node's $attribute is one of $values
// (with $prefix: starts with $values[0]), or holds a long value stored cut (_longValues): a superset of
// the classification's property condition (_search's seek hints). No index serves classification
// attributes; the filter keeps the other classified entities' documents from being read.
MATCH (c:Classification {_typeName: $classification})<-[:CLASSIFIED_AS]-(n:Entity)
WHERE (c._longValues = true
       OR (NOT $prefix AND c[$attribute] IN $values)
       OR ($prefix AND c[$attribute] STARTS WITH $values[0]))
  AND NOT n:EntityProxy
  AND ($typeNames IS NULL OR n._typeName IN $typeNames)
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_page_by_classification
// Exact filter (one classification by name, with types and statuses only): the page is cut here, in GUID
// order (apply_paging's order for GUID, ANY and none); only the page's documents are read. The
// classification nodes come from (_typeName, _entityGuid) already in their entities' GUID order
// (migration 0006), so the read stops after $offset + $limit matching entities: no sort of every
// classified entity.
MATCH (c:Classification)
USING INDEX SEEK c:Classification(_typeName, _entityGuid)
WHERE c._typeName = $classification AND c._entityGuid IS NOT NULL
MATCH (c)<-[:CLASSIFIED_AS]-(n:Entity)
WHERE NOT n:EntityProxy
  AND ($typeNames IS NULL OR n._typeName IN $typeNames)
  AND ($statuses IS NULL OR n._status IN $statuses)
WITH c, n
ORDER BY c._typeName, c._entityGuid
SKIP $offset
LIMIT $limit
RETURN n._doc AS doc

// name: entity_candidates_all
// Nothing to narrow with: every entity (a label scan, unavoidable for such a query).
MATCH (n:Entity)
WHERE NOT n:EntityProxy
  AND ($statuses IS NULL OR n._status IN $statuses)
RETURN n._doc AS doc

// name: entity_page_all
// The _guid index gives GUID order (hence the IS NOT NULL, true of every entity): no sort of everything.
MATCH (n:Entity)
WHERE n._guid IS NOT NULL
  AND NOT n:EntityProxy
  AND ($statuses IS NULL OR n._status IN $statuses)
WITH n
ORDER BY n._guid
SKIP $offset
LIMIT $limit
RETURN n._doc AS doc

// name: relationship_candidates_by_guid
MATCH (k:RelationshipKey {_guid: $guid})
USING INDEX SEEK k:RelationshipKey(_guid)
WHERE ($typeNames IS NULL OR k._typeName IN $typeNames)
  AND ($statuses IS NULL OR k._status IN $statuses)
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationship_candidates_by_type
MATCH (k:RelationshipKey)
USING INDEX SEEK k:RelationshipKey(_typeName)
WHERE k._typeName IN $typeNames
  AND ($statuses IS NULL OR k._status IN $statuses)
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationship_page_by_type
// As entity_page_by_type, on the keys' (_typeName, _guid).
UNWIND $typeNames AS typeName
CALL (typeName) {
  MATCH (k:RelationshipKey)
  USING INDEX SEEK k:RelationshipKey(_typeName, _guid)
  WHERE k._typeName = typeName AND k._guid IS NOT NULL
    AND ($statuses IS NULL OR k._status IN $statuses)
  WITH k
  ORDER BY k._typeName, k._guid
  LIMIT $offset + $limit
  RETURN k
}
WITH k
ORDER BY k._guid
SKIP $offset
LIMIT $limit
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationship_candidates_by_text
// As entity_candidates_by_text, on the keys.
CALL () {
  MATCH (k:RelationshipKey)
  USING INDEX k:RelationshipKey(_searchPending)
  WHERE k._searchPending = true
    AND coalesce(k._searchNext, k._searchText) CONTAINS $text
  RETURN collect(k) AS pending
}
CALL (pending) {
  MATCH (k:RelationshipKey)
  USING TEXT INDEX k:RelationshipKey(_searchText)
  WHERE k._searchText CONTAINS $text
  RETURN collect(k) AS containing
}
CALL (containing) {
  MATCH (k:RelationshipKey)
  USING INDEX k:RelationshipKey(_searchOverflow)
  WHERE k._searchOverflow = true
  RETURN collect(k) AS overflowing
}
UNWIND pending + containing + overflowing AS k
WITH DISTINCT k
WHERE ($typeNames IS NULL OR k._typeName IN $typeNames)
  AND ($statuses IS NULL OR k._status IN $statuses)
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationship_candidates_all
MATCH (k:RelationshipKey)
WHERE ($statuses IS NULL OR k._status IN $statuses)
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// name: relationship_page_all
MATCH (k:RelationshipKey)
WHERE k._guid IS NOT NULL
  AND ($statuses IS NULL OR k._status IN $statuses)
WITH k
ORDER BY k._guid
SKIP $offset
LIMIT $limit
MATCH (a:Entity {_guid: k._end1})
MATCH (b:Entity {_guid: k._end2})
CALL (a, b, k) {
  MATCH (a)-[r]->(b)
  WHERE r._guid = k._guid
  RETURN r
}
RETURN r._doc AS doc

// Past versions (Neo4jInstanceStore): immutable (:InstanceVersion) snapshots, one per stored version of
// an entity or relationship, with no type labels so that current-state queries never meet them.
// A version is current from its _validFrom (its updateTime, else createTime) until the next version's
// _validFrom, in (_validFrom, _version) order: the memory store's rule, so nothing is updated when a
// version is added. Every query seeks the composite index (_guid, _validFrom).

// name: version_as_of
// The version current at $asOf: the latest that started at or before it.
MATCH (v:InstanceVersion {_guid: $guid})
WHERE v._validFrom <= $asOf
RETURN v._doc AS doc
ORDER BY v._validFrom DESC, v._version DESC
LIMIT 1

// name: version_history
// Every version whose validity [start, next start) overlaps [$fromTime, $toTime), oldest first.
MATCH (v:InstanceVersion {_guid: $guid})
WHERE v._validFrom < $toTime
WITH v
ORDER BY v._validFrom, v._version
WITH collect(v) AS versions
UNWIND range(0, size(versions) - 1) AS i
WITH i, versions[i] AS v, versions[i + 1]._validFrom AS validTo
WHERE validTo IS NULL OR validTo > $fromTime
RETURN v._doc AS doc
ORDER BY i

// name: versions_current_at
// as_of searches (rare): for every instance of a kind, the version current at $asOf; the caller
// evaluates the query (types included: an instance may have been retyped since).
MATCH (v:InstanceVersion)
WHERE v._kind = $kind AND v._validFrom <= $asOf
WITH v
ORDER BY v._validFrom DESC, v._version DESC
WITH v._guid AS guid, collect(v)[0] AS current
RETURN current._doc AS doc

// name: versions_current_at_by_type
// as_of searches that name types: the instances that had a version of one of $typeNames by $asOf (the
// history's _typeName index), each with its version current at $asOf (the (_guid, _validFrom) seek),
// kept when that version is of one of the types (the one filter that needs the whole history: the version
// current at $asOf was itself seeked); the caller evaluates the rest of the query.
MATCH (v:InstanceVersion)
USING INDEX v:InstanceVersion(_typeName)
WHERE v._typeName IN $typeNames AND v._kind = $kind AND v._validFrom <= $asOf
WITH DISTINCT v._guid AS guid
CALL (guid) {
  MATCH (current:InstanceVersion {_guid: guid})
  WHERE current._validFrom <= $asOf
  RETURN current
  ORDER BY current._validFrom DESC, current._version DESC
  LIMIT 1
}
WITH current
WHERE current._typeName IN $typeNames
RETURN current._doc AS doc

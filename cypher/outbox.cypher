// The outbox (Neo4jInstanceStore): OMRS events written in the same transaction as the change they
// announce, numbered by the 'outbox' counter, read and removed by the relay in sequence order.

// name: add_to_outbox
// SET on the counter locks it, so concurrent writers get distinct, gap-free, ordered numbers.
MERGE (counter:GraphrepoSequence {name: 'outbox'})
  ON CREATE SET counter.value = 0
SET counter.value = counter.value + size($events)
WITH counter.value - size($events) AS base
UNWIND range(0, size($events) - 1) AS i
CREATE (:GraphrepoOutbox {sequence: base + i + 1, event: $events[i]})

// name: pending_events
MATCH (o:GraphrepoOutbox)
WHERE o.sequence >= 0
RETURN o.sequence AS sequence, o.event AS event
ORDER BY o.sequence
LIMIT $limit

// name: remove_published
MATCH (o:GraphrepoOutbox)
WHERE o.sequence IN $sequences
DELETE o

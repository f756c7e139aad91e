"""The metadata collection: every OMRS instance operation and its rules."""

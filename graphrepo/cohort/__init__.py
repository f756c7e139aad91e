"""Cohort membership over Kafka: registration, type exchange, instance events."""

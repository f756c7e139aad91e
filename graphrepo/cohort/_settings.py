"""Building the cohort's parts from :class:`graphrepo.settings.Settings` (for the composition root)."""

from __future__ import annotations

from graphrepo.cohort._bus import EventBus
from graphrepo.cohort._local_bus import LocalEventBus
from graphrepo.cohort._registration import LocalMember, server_rest_root
from graphrepo.cohort._topics import CohortTopics, cohort_topics
from graphrepo.settings import EventBusKind, Settings

__all__ = ["create_event_bus", "local_member", "topics_from_settings"]


def create_event_bus(settings: Settings) -> EventBus:
    """The bus ``event_bus.kind`` names: in-process (the embedded default) or Kafka."""
    if settings.event_bus.kind is EventBusKind.KAFKA:
        # Imported here so that the embedded default never loads librdkafka.
        from graphrepo.cohort._kafka import KafkaEventBus

        return KafkaEventBus(settings.event_bus.bootstrap_servers)
    return LocalEventBus()


def topics_from_settings(settings: Settings) -> list[CohortTopics]:
    """The topics of every configured cohort (``event_bus.cohorts``)."""
    bus = settings.event_bus
    return [cohort_topics(name, root=bus.topic_root, layout=bus.topic_layout) for name in bus.cohorts]


def local_member(settings: Settings, metadata_collection_id: str) -> LocalMember:
    """Who this server is in its cohorts; the REST root is ``<http root URL>/servers/<server_name>``."""
    return LocalMember(
        metadata_collection_id=metadata_collection_id,
        metadata_collection_name=settings.metadata_collection_name or settings.server_name,
        server_name=settings.server_name,
        rest_root=server_rest_root(settings.http.root_url(), settings.server_name),
        server_type=settings.server_type,
        organization_name=settings.organization_name,
    )

"""Cohort membership over Kafka: registration, type exchange, instance events.

Public surface:

* topics: :func:`cohort_topics` / :class:`CohortTopics` (Egeria's names, dedicated or single layout);
* transports: :class:`EventBus` (interface), :class:`KafkaEventBus`, :class:`LocalEventBus` (the embedded
  default), :func:`create_event_bus` (from settings); consumers and producers report a
  :class:`LifecycleState`;
* registration: :class:`LocalMember`, :class:`CohortRegistration`, :class:`CohortRegistryStore`,
  :class:`MemberRegistration`;
* :class:`OutboxRelay`: publishes the store's outbox; :class:`CommitNotifier` wakes it after each commit;
* :class:`CohortMember` (one cohort) and :class:`CohortManager` (all cohorts, the producer, the relay,
  the TypeDef announcer; it also serves the metadata-highway REST API);
* exchange rules: :class:`ExchangeRule` (the setting) and :class:`ExchangeFilter` (applied);
* inbound: :class:`InstanceEventProcessor` (instance events to reference copies, refresh answers,
  conflicts) and :class:`TypeDefEventProcessor`; outbound types: :class:`TypeDefAnnouncer`;
* :func:`build_cohort`: all of the above from settings, for the composition root.

``confluent_kafka`` is imported by ``_kafka`` only, and only when a Kafka bus is created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphrepo.cohort._bus import (
    BatchEventHandler,
    ConsumerStats,
    DispatchOutcome,
    EventBus,
    EventBusError,
    EventConsumer,
    EventDispatcher,
    EventHandler,
    EventProducer,
    LifecycleState,
    RetryableEventError,
)
from graphrepo.cohort._exchange import ExchangeFilter, ExchangeRule
from graphrepo.cohort._inbound import InboundStats, InstanceEventProcessor, is_transient
from graphrepo.cohort._local_bus import LocalEventBus
from graphrepo.cohort._manager import CohortManager
from graphrepo.cohort._member import BatchEventSink, CohortMember, EventSink, registry_path
from graphrepo.cohort._registration import (
    CohortRegistration,
    LocalMember,
    MemberChange,
    RegistrationError,
    server_rest_root,
)
from graphrepo.cohort._registry import CohortRegistryStore, MemberRegistration, RegistryStoreError
from graphrepo.cohort._relay import CommitNotifier, EventPublisher, Outbox, OutboxRelay, RelayStats
from graphrepo.cohort._service import CohortWiring, build_cohort
from graphrepo.cohort._settings import create_event_bus, local_member, topics_from_settings
from graphrepo.cohort._topics import DEFAULT_TOPIC_ROOT, CohortTopics, cohort_topics
from graphrepo.cohort._typedefs import TypeDefAnnouncer, TypeDefEventProcessor

if TYPE_CHECKING:
    from graphrepo.cohort._kafka import KafkaEventBus

__all__ = [
    "DEFAULT_TOPIC_ROOT",
    "BatchEventHandler",
    "BatchEventSink",
    "CohortManager",
    "CohortMember",
    "CohortRegistration",
    "CohortRegistryStore",
    "CohortTopics",
    "CohortWiring",
    "CommitNotifier",
    "ConsumerStats",
    "DispatchOutcome",
    "EventBus",
    "EventBusError",
    "EventConsumer",
    "EventDispatcher",
    "EventHandler",
    "EventProducer",
    "EventPublisher",
    "EventSink",
    "ExchangeFilter",
    "ExchangeRule",
    "InboundStats",
    "InstanceEventProcessor",
    "KafkaEventBus",
    "LifecycleState",
    "LocalEventBus",
    "LocalMember",
    "MemberChange",
    "MemberRegistration",
    "Outbox",
    "OutboxRelay",
    "RegistrationError",
    "RegistryStoreError",
    "RelayStats",
    "RetryableEventError",
    "TypeDefAnnouncer",
    "TypeDefEventProcessor",
    "build_cohort",
    "cohort_topics",
    "create_event_bus",
    "is_transient",
    "local_member",
    "registry_path",
    "server_rest_root",
    "topics_from_settings",
]


def __getattr__(name: str) -> object:
    # Lazy, so that importing graphrepo.cohort (the embedded default) does not load librdkafka.
    if name == "KafkaEventBus":
        from graphrepo.cohort._kafka import KafkaEventBus

        return KafkaEventBus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The cohort layer assembled for one server (called by ``graphrepo.bootstrap``, the composition root).

:func:`build_cohort` wires, from :class:`~graphrepo.settings.Settings`:

* the exchange rules: ``events_to_save_rule`` / ``selected_types_to_save`` for what arrives,
  ``events_to_send_rule`` / ``selected_types_to_send`` for what leaves;
* the instance sink (:class:`InstanceEventProcessor`, which also takes batches of events) and the TypeDef
  sink (:class:`TypeDefEventProcessor`);
* the :class:`CohortManager` on the configured bus (Kafka or in-process) for every configured cohort, with
  the outbox relay over the store and the TypeDef announcer listening to the TypeDef service;
* the relay's wake-up: ``store`` should be the :class:`CommitNotifier` the metadata collection writes
  through, so every commit wakes the relay.

Nothing starts here: :meth:`CohortManager.start` joins the cohorts (the FastAPI lifespan calls it once the
store and the types are ready) and :meth:`CohortManager.close` leaves them.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphrepo.cohort._bus import EventBus
from graphrepo.cohort._exchange import ExchangeFilter
from graphrepo.cohort._inbound import InstanceEventProcessor
from graphrepo.cohort._manager import CohortManager
from graphrepo.cohort._relay import CommitNotifier
from graphrepo.cohort._settings import create_event_bus, local_member, topics_from_settings
from graphrepo.cohort._typedefs import TypeDefEventProcessor
from graphrepo.metamodel import TypeDefService
from graphrepo.omrs import OMRSEventV1
from graphrepo.repository import MetadataCollection
from graphrepo.settings import Settings
from graphrepo.store import InstanceStore

__all__ = ["CohortWiring", "build_cohort"]


@dataclass(slots=True)
class CohortWiring:
    """The assembled cohort layer of one server."""

    manager: CohortManager
    instances: InstanceEventProcessor
    types: TypeDefEventProcessor
    save_rule: ExchangeFilter
    send_rule: ExchangeFilter


def build_cohort(
    settings: Settings,
    metadata_collection_id: str,
    collection: MetadataCollection,
    typedefs: TypeDefService,
    store: InstanceStore,
    *,
    bus: EventBus | None = None,
) -> CohortWiring:
    """Assemble (not start) the cohort layer; ``bus`` overrides the configured one (tests)."""
    config = settings.event_bus
    member = local_member(settings, metadata_collection_id)
    gallery = collection.gallery
    save_rule = ExchangeFilter(config.events_to_save_rule, config.selected_types_to_save, types=gallery)
    send_rule = ExchangeFilter(config.events_to_send_rule, config.selected_types_to_send, types=gallery)
    user = settings.server_user_id
    instances = InstanceEventProcessor(
        collection,
        store,
        member,
        gallery,
        save_rule,
        user_id=user,
        produce_refresh_events=config.produce_refresh_events,
    )
    managers: list[CohortManager] = []

    def reply(cohort: str, event: OMRSEventV1) -> None:
        managers[0].send_to_cohort(cohort, event)

    types = TypeDefEventProcessor(typedefs, member, reply, save_rule, user_id=user)
    manager = CohortManager(
        member,
        bus if bus is not None else create_event_bus(settings),
        topics_from_settings(settings),
        data_dir=settings.data_dir,
        # In no cohort nothing is published: no relay (and CommitNotifier keeps no events).
        outbox=store if config.cohorts else None,
        typedef_sink=types,
        instance_sink=instances,
        instance_batch_sink=instances.handle_batch,
        relay_poll_seconds=config.relay_poll_seconds,
        relay_linger_seconds=config.relay_linger_seconds,
        send_rule=send_rule,
        outbound_observer=save_rule.observe_outbound,
    )
    managers.append(manager)
    if manager.types_announcer is not None:
        typedefs.add_listener(manager.types_announcer)
    if isinstance(store, CommitNotifier):
        store.keep_events = manager.relay is not None  # no relay: nothing would ever publish them
        store.subscribe(manager.wake_relay)
    return CohortWiring(manager, instances, types, save_rule, send_rule)

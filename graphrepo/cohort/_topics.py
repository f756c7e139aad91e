"""Egeria's cohort topic names, and which topic each event category travels on.

From ``ConnectorConfigurationFactory`` (adapters/open-connectors/connector-configuration-factory): a cohort
topic is ``<topicURLRoot>.openmetadata.repositoryservices.cohort.<cohortName>.OMRSTopic[<leaf>]``, the
root joined with a ``.`` (``getDefaultEventBusConnection``); the default root is ``egeria.omag``
(``EventBusConfig``). The dedicated layout (the admin API's default since 2.11) has three topics; the
original single layout carries every category on the bare ``...OMRSTopic``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from graphrepo.omrs import OMRSEventCategory, OMRSEventV1
from graphrepo.settings import TopicLayout

__all__ = [
    "DEFAULT_TOPIC_ROOT",
    "CohortTopics",
    "cohort_topics",
]

DEFAULT_TOPIC_ROOT: Final = "egeria.omag"
_COHORT_ROOT: Final = "openmetadata.repositoryservices.cohort."
_SINGLE_LEAF: Final = ".OMRSTopic"
_REGISTRATION_LEAF: Final = ".OMRSTopic.registration"
_TYPES_LEAF: Final = ".OMRSTopic.types"
_INSTANCES_LEAF: Final = ".OMRSTopic.instances"


@dataclass(frozen=True, slots=True)
class CohortTopics:
    """The topics of one cohort. In the single layout all three names are the same topic."""

    cohort: str
    registration: str
    types: str
    instances: str

    @property
    def all(self) -> tuple[str, ...]:
        """Each distinct topic once, in registration, types, instances order."""
        return tuple(dict.fromkeys((self.registration, self.types, self.instances)))

    def for_category(self, category: OMRSEventCategory) -> str:
        """Where an event of ``category`` is published: Egeria routes REGISTRY events to the
        registration topic, TYPEDEF to types and INSTANCE to instances (``OMRSTopicConnector``)."""
        if category is OMRSEventCategory.REGISTRY:
            return self.registration
        if category is OMRSEventCategory.TYPEDEF:
            return self.types
        if category is OMRSEventCategory.INSTANCE:
            return self.instances
        raise ValueError(f"no cohort topic carries {category.name} events")

    def for_event(self, event: OMRSEventV1) -> str:
        if event.event_category is None:
            raise ValueError("an event without eventCategory cannot be routed")
        return self.for_category(event.event_category)


def cohort_topics(
    cohort: str, *, root: str | None = DEFAULT_TOPIC_ROOT, layout: TopicLayout = TopicLayout.DEDICATED
) -> CohortTopics:
    """The topic names Egeria uses for ``cohort``; ``root`` None or empty means no root prefix
    (Egeria then uses the bare topic name)."""
    if not cohort or any(c.isspace() for c in cohort):
        raise ValueError(f"invalid cohort name {cohort!r}")
    base = f"{_COHORT_ROOT}{cohort}"
    if root:
        base = f"{root}.{base}"
    if layout is TopicLayout.SINGLE:
        single = base + _SINGLE_LEAF
        return CohortTopics(cohort, single, single, single)
    return CohortTopics(
        cohort,
        registration=base + _REGISTRATION_LEAF,
        types=base + _TYPES_LEAF,
        instances=base + _INSTANCES_LEAF,
    )

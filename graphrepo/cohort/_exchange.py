"""The exchange rules: which instance and TypeDef events this member saves or sends (omrs-reference §8.1).

Egeria's ``OMRSRepositoryEventExchangeRule`` (5.x) over ``OpenMetadataExchangeRule``:

* ``REGISTRATION_ONLY``: no TypeDef and no instance events; ``JUST_TYPEDEFS``: TypeDef events only;
* ``ALL``: every instance event; ``DESELECTED_TYPES``: all but the listed types; ``SELECTED_TYPES``: only
  the listed types; ``LEARNED_TYPES``: the listed types plus the types this member learned.

Listed types are matched by GUID or by name (the settings take either), on the exact type, as Egeria does.
Every rule also requires the instance's type to be known and active locally (``isActiveType``).

Learning: Egeria learns a type when a federated retrieval makes it ask a refresh of an instance
(``verifyWhetherToRequestRefresh``). This member federates nothing, so it learns a type when it sends a
``REFRESH_*_REQUEST`` for an instance of it (our ``refresh*ReferenceCopy`` API): the answer, and the later
events of that type, are then saved. Learned types live in memory, as in Egeria (a restart forgets them).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Protocol

from graphrepo.omrs import AnyTypeDef, OMRSEventV1, OMRSInstanceEventType
from graphrepo.settings import ExchangeRule

__all__ = ["ExchangeFilter", "ExchangeRule", "TypeLookup"]

_NO_INSTANCES = frozenset({ExchangeRule.REGISTRATION_ONLY, ExchangeRule.JUST_TYPEDEFS})
_REFRESH_REQUESTS = frozenset(
    {OMRSInstanceEventType.REFRESH_ENTITY_REQUEST, OMRSInstanceEventType.REFRESH_RELATIONSHIP_REQUEST}
)


class TypeLookup(Protocol):
    """The part of the type gallery the rules consult."""

    def type_def_by_guid(self, guid: str) -> AnyTypeDef | None: ...


class ExchangeFilter:
    """One rule (to save, or to send) with its listed types; safe to use from several threads."""

    def __init__(self, rule: ExchangeRule, selected: Iterable[str] = (), *, types: TypeLookup) -> None:
        self.rule = rule
        self._selected = frozenset(selected)
        self._types = types
        self._learned: set[str] = set()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"ExchangeFilter({self.rule.value}, {sorted(self._selected)})"

    def typedef_events(self) -> bool:
        """TypeDef events are exchanged unless the rule is ``REGISTRATION_ONLY``."""
        return self.rule is not ExchangeRule.REGISTRATION_ONLY

    def instance_events(self) -> bool:
        return self.rule not in _NO_INSTANCES

    def is_active_type(self, type_guid: str | None, type_name: str | None) -> bool:
        """Known here by GUID, with that name (Egeria's ``isActiveType``; deprecated types are active)."""
        if not type_guid or not type_name:
            return False
        type_def = self._types.type_def_by_guid(type_guid)
        return type_def is not None and type_def.name == type_name

    def accepts(self, type_guid: str | None, type_name: str | None) -> bool:
        """May an instance of this type be exchanged (``processInstanceEvent`` and ``isActiveType``)?"""
        if not self.instance_events() or not type_guid or not type_name:
            return False
        if not self.is_active_type(type_guid, type_name):
            return False
        if self.rule is ExchangeRule.ALL:
            return True
        listed = type_guid in self._selected or type_name in self._selected
        if self.rule is ExchangeRule.DESELECTED_TYPES:
            return not listed
        if listed:
            return True
        with self._lock:
            return type_guid in self._learned

    def learn(self, type_guid: str | None) -> None:
        """Under ``LEARNED_TYPES``, process this type's instances from now on."""
        if self.rule is ExchangeRule.LEARNED_TYPES and type_guid:
            with self._lock:
                self._learned.add(type_guid)

    def observe_outbound(self, event: OMRSEventV1) -> None:
        """Learn from the refresh requests this member sends."""
        section = event.instance_event_section
        if section is not None and section.event_type in _REFRESH_REQUESTS:
            self.learn(section.type_def_guid)

    def learned(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._learned)

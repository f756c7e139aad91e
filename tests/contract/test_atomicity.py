"""Nothing half-written: a store whose transaction fails after its first write leaves no trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import InstanceStatus, RepositoryErrorException
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore, OutboxEntry, StoreTransaction
from tests.contract.conftest import USER, TickingClock, make_collection, props, type_guid

T = TypeVar("T")

_WRITES = frozenset(
    {
        "save_entity",
        "save_proxy",
        "purge_entity",
        "save_relationship",
        "purge_relationship",
        "reidentify_entity",
    }
)


class _FailAfterFirstWrite:
    """Passes reads through; the second write of the transaction raises (the first one has happened)."""

    def __init__(self, tx: StoreTransaction) -> None:
        self._tx = tx
        self._writes = 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._tx, name)
        if name not in _WRITES and name != "add_to_outbox":
            return attribute

        def write(*args: Any) -> Any:
            self._writes += 1
            if self._writes > 1:
                raise RepositoryErrorException(http_code=500, error_message="injected failure")
            return attribute(*args)

        return write


class FailingStore:
    """An InstanceStore whose write transactions fail midway once ``armed``."""

    def __init__(self, inner: InstanceStore) -> None:
        self.inner = inner
        self.armed = False

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.inner.read(work)

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        if not self.armed:
            return self.inner.write(work)
        return self.inner.write(lambda tx: work(_FailAfterFirstWrite(tx)))

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        return self.inner.pending_events(limit)

    def remove_published(self, sequences: Any) -> None:
        self.inner.remove_published(sequences)

    def close(self) -> None:
        self.inner.close()


def test_failed_delete_cascade_leaves_everything_as_it_was(
    store: InstanceStore, gallery: TypeGallery, clock: TickingClock
) -> None:
    failing = FailingStore(store)
    c: MetadataCollection = make_collection(failing, gallery, clock)
    g = gallery
    one = c.add_entity(USER, type_guid(g, "GlossaryTerm"), props(g, "GlossaryTerm", qualifiedName="one"))
    two = c.add_entity(USER, type_guid(g, "GlossaryTerm"), props(g, "GlossaryTerm", qualifiedName="two"))
    relationship = c.add_relationship(USER, type_guid(g, "RelatedTerm"), None, str(one.guid), str(two.guid))
    events_before = len(store.pending_events(1000))
    failing.armed = True
    with pytest.raises(RepositoryErrorException):
        # Writes the entity, then fails soft-deleting its relationship.
        c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", str(one.guid))
    failing.armed = False
    assert c.get_entity_detail(USER, str(one.guid)) == one
    assert c.get_relationship(USER, str(relationship.guid)).status is InstanceStatus.ACTIVE
    assert len(store.pending_events(1000)) == events_before
    assert [h.version for h in c.get_entity_detail_history(USER, str(one.guid))] == [1]

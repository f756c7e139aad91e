"""The metadata collection: every OMRS instance operation and its rules.

:class:`MetadataCollectionAPI` is the whole OMRS metadata collection as a Protocol (what the REST layer
calls); :class:`MetadataCollection` implements it over an :class:`~graphrepo.store.InstanceStore`.
"""

from graphrepo.repository._api import MetadataCollectionAPI
from graphrepo.repository._collection import MetadataCollection
from graphrepo.repository._reference_copies import SaveOutcome
from graphrepo.repository._reference_copy_batches import CopyOutcome, ReferenceCopy

__all__ = ["CopyOutcome", "MetadataCollection", "MetadataCollectionAPI", "ReferenceCopy", "SaveOutcome"]

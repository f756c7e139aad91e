"""The whole ``OMRSMetadataCollection`` (Egeria 5.x) as a Python Protocol: what the REST layer calls.

One Protocol per OMRS group (``_api_types``, ``_api_queries``, ``_api_maintenance``,
``_api_reference_copies``), joined here. Conventions (kept exactly, so the REST layer and the cohort layer
can be written against these Protocols alone):

* a method is the Java method name in ``snake_case``; ``user_id`` comes first; every parameter is the
  Java parameter name in ``snake_case`` and may be passed by keyword;
* Java overloads get distinct names: the ``EntityProxy`` forms end in ``_proxy``, the GUID forms of the
  reference-copy purges end in ``_by_guid``; ``as_of_time=None`` folds the historical overloads of
  ``getEntityDetail``/``getRelationship``/``getHomeClassifications`` into one method;
* beans are the wire model's (:mod:`graphrepo.omrs`);
* every list-returning method returns ``[]`` where Java returns ``null`` (the REST layer omits an empty
  list from the response); graph queries return an ``InstanceGraph`` whose lists may be empty;
* errors are the OMRS exceptions of :mod:`graphrepo.omrs` Egeria raises in that case (omrs-reference §2).

Group 2 (TypeDefs) is the metamodel's :class:`~graphrepo.metamodel.TypeDefService`; the metadata
collection delegates to it, so this Protocol is the whole metadata collection.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from graphrepo.repository._api_maintenance import ControlAPI, MaintenanceAPI
from graphrepo.repository._api_queries import QueryAPI
from graphrepo.repository._api_reference_copies import ReferenceCopyAPI
from graphrepo.repository._api_types import IdentityAPI, TypeDefAPI

__all__ = ["MetadataCollectionAPI"]


@runtime_checkable
class MetadataCollectionAPI(
    IdentityAPI, TypeDefAPI, QueryAPI, MaintenanceAPI, ControlAPI, ReferenceCopyAPI, Protocol
):
    """Every operation of Egeria's ``OMRSMetadataCollection`` (Groups 1 to 6), one Protocol per group."""

"""CTS profile "Entity proxies" (``TestSupportedEntityProxyLifecycle``, ENTITY_PROXIES / STORE_PROXIES).

``addEntityProxy`` stores a proxy of a remote entity: ``getEntitySummary`` answers from it,
``getEntityDetail`` raises EntityProxyOnly, ``isEntityKnown`` answers null, searches never return it;
relationships may end at it and can be found from it; a proxy of a local entity is refused; storing the full
reference copy later replaces the proxy, and a proxy never replaces a full entity; classification through the
proxy form works; purging the relationship leaves the proxy.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import EntityProxyOnlyException, InvalidParameterException
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, TickingClock, add, guids, relate, remote_entity, type_guid


def test_proxy_lifecycle(collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock) -> None:
    c, g = collection, gallery
    remote = remote_entity(g, clock, "px-1", qualifiedName="proxied", displayName="Proxy Name")
    proxy = c.proxy_of(remote)
    c.add_entity_proxy(USER, proxy)
    summary = c.get_entity_summary(USER, "px-1")
    assert summary.guid == "px-1" and summary.metadata_collection_id == remote.metadata_collection_id
    with pytest.raises(EntityProxyOnlyException):
        c.get_entity_detail(USER, "px-1")
    assert c.is_entity_known(USER, "px-1") is None
    assert c.find_entities(USER) == []
    assert c.find_entities_by_property_value(USER, None, r"\Qproxied\E") == []
    local = add(c, g, "GlossaryTerm", qualifiedName="local")
    rel = relate(c, g, local, "px-1")
    assert guids(c.get_relationships_for_entity(USER, "px-1")) == {rel}
    assert guids(c.get_entity_neighborhood(USER, local, level=1).entities) == {local}  # a proxy is no detail
    with pytest.raises(InvalidParameterException):
        c.add_entity_proxy(USER, c.proxy_of(c.get_entity_detail(USER, local)))
    with pytest.raises(InvalidParameterException):
        c.add_entity_proxy(USER, None)
    assert c.classify_entity_proxy(USER, proxy, "Confidentiality", None).name == "Confidentiality"
    assert c.get_entity_summary(USER, "px-1").classifications[0].name == "Confidentiality"
    assert c.declassify_entity_proxy(USER, proxy, "Confidentiality").name == "Confidentiality"
    # The full copy replaces the proxy; a proxy never downgrades a full entity.
    c.save_entity_reference_copy(USER, remote)
    assert c.get_entity_detail(USER, "px-1").version == 1
    c.add_entity_proxy(USER, proxy)
    assert c.is_entity_known(USER, "px-1") is not None
    c.delete_relationship(USER, type_guid(g, "RelatedTerm"), "RelatedTerm", rel)
    c.purge_relationship(USER, type_guid(g, "RelatedTerm"), "RelatedTerm", rel)
    assert c.get_entity_summary(USER, "px-1").guid == "px-1"

"""The names graphrepo uses in the Neo4j graph: labels, relationship types and header properties.

What people see in the console (see design.md, "The graph that people see"):

* an entity is a node labelled ``Entity`` plus its type name and every supertype name;
* its attributes are node properties under their own names (``qualifiedName``, ``displayName``, ...);
* header fields and graphrepo's own bookkeeping live in the reserved namespace of names starting with
  ``_`` (``_guid``, ``_typeName``, ``_version``, ...). Open metadata attribute names never start with an
  underscore, and a TypeDef that declares one is refused, so the two can never collide;
* graphrepo's own housekeeping nodes carry labels starting with ``Graphrepo``.
"""

from __future__ import annotations

from typing import Final

HEADER_PREFIX: Final = "_"

ENTITY_LABEL: Final = "Entity"
CLASSIFICATION_LABEL: Final = "Classification"
# One registry node per relationship makes lookup by GUID index-backed whatever the relationship's type
# (Neo4j has no property index spanning all relationship types; neo4j-modeling notes §1.4, design D1).
RELATIONSHIP_KEY_LABEL: Final = "RelationshipKey"

GUID_PROPERTY: Final = "_guid"
TYPE_NAME_PROPERTY: Final = "_typeName"

# --- instances (Neo4jInstanceStore) -------------------------------------------------------------------
#
# Entity node  (:Entity:<type>:<supertype>...[:ReferenceCopy][:EntityProxy])
#   attributes: native properties under their own names (see _graph_values: strings, numbers, booleans;
#     dates as DateTime in UTC; enums as their symbolic name; arrays of one primitive kind as lists;
#     maps, structs and mixed arrays as JSON text);
#   header: _guid _typeName _version _status _metadataCollectionId _metadataCollectionName _provenance
#     _createdBy _updatedBy _createTime _updateTime (DateTime), _classifications (list of names: the
#     classifications at a glance);
#   bookkeeping: _doc (the instance's exact OMRS JSON: the source of truth for every read),
#     _searchText / _searchOverflow (candidates for regex searches, see _graph_values),
#     _longValues (some string attribute's projection is truncated to fit a RANGE index key: the instance
#     is a candidate for every attribute search, see _graph_values).
# Classification node  (:Classification:<classification type>:<supertypes>), one per classification,
#   linked (entity)-[:CLASSIFIED_AS]->(classification): its own header (_typeName, _version, _status,
#   _metadataCollectionId, _origin, ...) and its attributes as native properties, so classification type
#   indexes and `MATCH (c:Confidentiality) WHERE c.level > 2` work; _entityGuid (its entity's GUID) lets a
#   search by classification page in entity GUID order from one index. Chosen over a label per classification
#   on the entity: a classification keeps its own header and properties, and type-derived indexes on the
#   classification's label stay free of entities.
# Relationship  (end1)-[:<RelationshipDef name>]->(end2) carrying the same header, native attributes and
#   _doc; plus its (:RelationshipKey {_guid, _typeName, _end1, _end2, _status, _searchText, _longValues})
#   written in the same statement: lookup by GUID is key seek -> end node seeks -> Expand(Into).
# History  (:InstanceVersion {_guid, _version, _kind, _typeName, _validFrom, _doc}): one immutable
#   snapshot per stored version (current until the next one's _validFrom), no type labels, so
#   current-state queries never see them.
# Outbox  (:GraphrepoOutbox {sequence, event}) numbered by (:GraphrepoSequence {name: 'outbox'}).

REFERENCE_COPY_LABEL: Final = "ReferenceCopy"
ENTITY_PROXY_LABEL: Final = "EntityProxy"
INSTANCE_VERSION_LABEL: Final = "InstanceVersion"
OUTBOX_LABEL: Final = "GraphrepoOutbox"
CLASSIFIED_AS: Final = "CLASSIFIED_AS"

DOC_PROPERTY: Final = "_doc"
SEARCH_TEXT_PROPERTY: Final = "_searchText"
SEARCH_OVERFLOW_PROPERTY: Final = "_searchOverflow"
LONG_VALUES_PROPERTY: Final = "_longValues"
CLASSIFICATIONS_PROPERTY: Final = "_classifications"
VERSION_PROPERTY: Final = "_version"
STATUS_PROPERTY: Final = "_status"
METADATA_COLLECTION_ID_PROPERTY: Final = "_metadataCollectionId"
METADATA_COLLECTION_NAME_PROPERTY: Final = "_metadataCollectionName"
PROVENANCE_PROPERTY: Final = "_provenance"
CREATED_BY_PROPERTY: Final = "_createdBy"
UPDATED_BY_PROPERTY: Final = "_updatedBy"
CREATE_TIME_PROPERTY: Final = "_createTime"
UPDATE_TIME_PROPERTY: Final = "_updateTime"
ORIGIN_PROPERTY: Final = "_origin"
ENTITY_GUID_PROPERTY: Final = "_entityGuid"  # on Classification nodes: the classified entity's GUID
END1_PROPERTY: Final = "_end1"
END2_PROPERTY: Final = "_end2"
REFERENCE_COPY_PROPERTY: Final = "_referenceCopy"  # on relationships and their keys (they have no labels)
KIND_PROPERTY: Final = "_kind"  # on InstanceVersion: 'entity' or 'relationship'
VALID_FROM_PROPERTY: Final = "_validFrom"

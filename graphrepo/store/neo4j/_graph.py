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

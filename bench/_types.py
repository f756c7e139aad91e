"""The open metadata types a PTS-style run uses, read from the service's own ``/types/all``, and the
property values its instances carry.

The PTS creates ``instancesPerType`` instances of *every* entity, relationship and classification type
the repository supports. On this 2-core machine the default run takes a deterministic sample (all types
with ``--full``): entity types first (a fixed list of widely used ones, then others in name order), then
the relationship types whose two ends accept entity types of the sample, then the classification types
valid for them. String attributes (inherited ones included) get values derived from the type, attribute
and instance number, unique across the run, so exact, prefix, suffix and contains searches have known
answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench._omrs import Bean, primitive, properties

# Widely used types first, so a small sample still looks like real metadata.
PREFERRED_ENTITY_TYPES = (
    "GlossaryTerm",
    "GlossaryCategory",
    "Glossary",
    "Asset",
    "DataSet",
    "CSVFile",
    "DataFile",
    "Database",
    "DeployedDatabaseSchema",
    "RelationalTable",
    "RelationalColumn",
    "Process",
    "Person",
    "Team",
    "Project",
    "Community",
    "Connection",
    "Endpoint",
    "SoftwareServer",
    "Collection",
)
PREFERRED_CLASSIFICATION_TYPES = (
    "Confidentiality",
    "Criticality",
    "Retention",
    "Confidence",
    "Impact",
    "SubjectArea",
)
# Classifications with side effects or meanings that make them poor load (anchoring, templating, ...).
SKIPPED_CLASSIFICATIONS = frozenset({"Anchors", "Template", "TemplateSubstitute", "Memento", "LatestChange"})

_PRIMITIVE_VALUES: dict[str, Any] = {
    "OM_PRIMITIVE_TYPE_INT": 7,
    "OM_PRIMITIVE_TYPE_LONG": 7,
    "OM_PRIMITIVE_TYPE_SHORT": 7,
    "OM_PRIMITIVE_TYPE_BYTE": 7,
    "OM_PRIMITIVE_TYPE_BOOLEAN": True,
    "OM_PRIMITIVE_TYPE_FLOAT": 0.5,
    "OM_PRIMITIVE_TYPE_DOUBLE": 0.5,
    "OM_PRIMITIVE_TYPE_DATE": 1700000000000,
}


@dataclass
class TypeInfo:
    name: str
    guid: str
    category: str
    super_name: str | None
    attributes: list[Bean]  # own and inherited TypeDefAttributes
    definition: Bean
    subtypes: list[str] = field(default_factory=list)

    @property
    def string_attributes(self) -> list[str]:
        return [
            a["attributeName"]
            for a in self.attributes
            if a["attributeType"].get("primitiveDefCategory") == "OM_PRIMITIVE_TYPE_STRING"
        ]


@dataclass
class TypeCatalog:
    types: dict[str, TypeInfo]

    @classmethod
    def from_gallery(cls, gallery: Bean) -> TypeCatalog:
        raw = {
            t["name"]: t for t in gallery["typeDefs"] if t.get("status", "ACTIVE_TYPEDEF") == "ACTIVE_TYPEDEF"
        }
        infos: dict[str, TypeInfo] = {}
        for name, definition in raw.items():
            lineage = []
            current: Bean | None = definition
            while current is not None:
                lineage.append(current)
                parent = current.get("superType")
                current = raw.get(parent["name"]) if parent else None
            attributes: list[Bean] = []
            seen: set[str] = set()
            for typedef in lineage:
                for attribute in typedef.get("propertiesDefinition") or []:
                    if attribute["attributeName"] not in seen and attribute.get(
                        "attributeStatus", "ACTIVE_ATTRIBUTE"
                    ) in ("ACTIVE_ATTRIBUTE", None):
                        seen.add(attribute["attributeName"])
                        attributes.append(attribute)
            parent = definition.get("superType")
            infos[name] = TypeInfo(
                name=name,
                guid=definition["guid"],
                category=definition["category"],
                super_name=parent["name"] if parent else None,
                attributes=attributes,
                definition=definition,
            )
        for info in infos.values():
            if info.super_name in infos:
                infos[info.super_name].subtypes.append(info.name)
        return cls(infos)

    def lineage(self, name: str) -> list[str]:
        names: list[str] = []
        current: str | None = name
        while current is not None and current in self.types:
            names.append(current)
            current = self.types[current].super_name
        return names

    def is_a(self, name: str, ancestor: str) -> bool:
        return ancestor in self.lineage(name)

    def of_category(self, category: str) -> list[TypeInfo]:
        return sorted((t for t in self.types.values() if t.category == category), key=lambda t: t.name)


@dataclass
class RelationshipPlan:
    type: TypeInfo
    end1_types: list[str]  # sampled entity types allowed at each end
    end2_types: list[str]


@dataclass
class ClassificationPlan:
    type: TypeInfo
    entity_types: list[str]  # sampled entity types it may classify


@dataclass
class TypeSample:
    entities: list[TypeInfo]
    relationships: list[RelationshipPlan]
    classifications: list[ClassificationPlan]
    retypes: dict[str, str]  # entity type -> a subtype of it that is also sampled or creatable

    @property
    def type_count(self) -> int:
        return len(self.entities) + len(self.relationships) + len(self.classifications)


def _end_type(definition: Bean, end: str) -> str:
    return str(definition[end]["entityType"]["name"])


def choose_types(
    catalog: TypeCatalog,
    *,
    entity_count: int | None,
    relationship_count: int | None,
    classification_count: int | None,
) -> TypeSample:
    """A deterministic sample (None: every type of that category)."""
    all_entities = catalog.of_category("ENTITY_DEF")
    ordered = [catalog.types[n] for n in PREFERRED_ENTITY_TYPES if n in catalog.types]
    ordered += [t for t in all_entities if t.name not in PREFERRED_ENTITY_TYPES]
    entities = ordered if entity_count is None else ordered[:entity_count]
    entity_names = [t.name for t in entities]

    relationships: list[RelationshipPlan] = []
    for info in catalog.of_category("RELATIONSHIP_DEF"):
        end1, end2 = _end_type(info.definition, "endDef1"), _end_type(info.definition, "endDef2")
        ones = [n for n in entity_names if catalog.is_a(n, end1)]
        twos = [n for n in entity_names if catalog.is_a(n, end2)]
        if ones and twos:
            relationships.append(RelationshipPlan(info, ones, twos))
    if relationship_count is not None:
        # Prefer relationships between specific types (not Referenceable-to-Referenceable everywhere).
        relationships.sort(key=lambda p: (len(p.end1_types) + len(p.end2_types), p.type.name))
        relationships = sorted(relationships[:relationship_count], key=lambda p: p.type.name)

    classifications: list[ClassificationPlan] = []
    preferred = [catalog.types[n] for n in PREFERRED_CLASSIFICATION_TYPES if n in catalog.types]
    others = [
        t for t in catalog.of_category("CLASSIFICATION_DEF") if t.name not in PREFERRED_CLASSIFICATION_TYPES
    ]
    for info in preferred + others:
        if info.name in SKIPPED_CLASSIFICATIONS:
            continue
        valid = [d["name"] for d in info.definition.get("validEntityDefs") or []]
        allowed = [n for n in entity_names if not valid or any(catalog.is_a(n, v) for v in valid)]
        if allowed:
            classifications.append(ClassificationPlan(info, allowed))
    if classification_count is not None:
        classifications = classifications[:classification_count]

    retypes: dict[str, str] = {}
    for info in entities:
        candidates = [s for s in info.subtypes if s in catalog.types]
        if candidates:
            retypes[info.name] = sorted(candidates)[0]
    return TypeSample(entities, relationships, classifications, retypes)


# --- values -----------------------------------------------------------------------------------------------


def string_value(type_name: str, attribute: str, number: int, run: str) -> str:
    """Unique across the run; ``<attribute>`` inside it makes "contains" searches meaningful."""
    return f"{type_name}.{attribute}.{run}.{number}"


def instance_properties(
    info: TypeInfo, number: int, run: str, *, only: Iterable[str] | None = None
) -> Bean | None:
    """Every primitive attribute of the type (strings unique per instance), as the PTS fills them."""
    wanted = set(only) if only is not None else None
    values: dict[str, Bean] = {}
    for attribute in info.attributes:
        name = attribute["attributeName"]
        if wanted is not None and name not in wanted:
            continue
        attribute_type = attribute["attributeType"]
        category = attribute_type.get("primitiveDefCategory")
        if attribute_type.get("category") != "PRIMITIVE" or category is None:
            continue
        if category == "OM_PRIMITIVE_TYPE_STRING":
            values[name] = primitive(string_value(info.name, name, number, run))
        elif category in _PRIMITIVE_VALUES:
            values[name] = primitive(_PRIMITIVE_VALUES[category], category)
    return properties(values) if values else None


def first_searchable_string(info: TypeInfo, skip: Sequence[str] = ()) -> str | None:
    """The PTS searches the first string attribute whose name is at least 3 characters long."""
    for name in info.string_attributes:
        if len(name) > 2 and name not in skip:
            return name
    return None

"""Egeria's Java enums, written and read by constant name (Jackson's default, no ``@JsonValue``).

Every member's value is its Java constant name, so pydantic writes ``"ACTIVE"`` and accepts only
``"ACTIVE"``. Egeria's own numeric code (``getOrdinal()``) and display name are kept as attributes for
messages and mapping tables; they are never written.

Decision on bare integers: Jackson also accepts a JSON integer for an enum and reads it as the
*declaration position* (``{"status": 15}`` is ``DEPRECATED``, the 16th constant, although ``ACTIVE``'s code
is 15). No Egeria component ever writes one, and the position/code confusion would silently turn a status
into another, so these models reject integers with a ``ValidationError`` instead of guessing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = [
    "AttributeCardinality",
    "AttributeTypeDefCategory",
    "ClassificationOrigin",
    "ClassificationPropagationRule",
    "CollectionDefCategory",
    "HistorySequencingOrder",
    "InstancePropertyCategory",
    "InstanceProvenanceType",
    "InstanceStatus",
    "JavaEnum",
    "MatchCriteria",
    "PrimitiveDefCategory",
    "PropertyComparisonOperator",
    "RelationshipEndCardinality",
    "SequencingOrder",
    "TypeDefAttributeStatus",
    "TypeDefCategory",
    "TypeDefStatus",
]


class JavaEnum(StrEnum):
    """A Java enum: value = constant name; ``ordinal`` = Egeria's code; ``display_name`` = its name."""

    _value_: str
    ordinal: int
    display_name: str

    def __new__(cls, constant: str, ordinal: int = 0, display_name: str = "") -> Self:
        # Defaults only let type checkers accept the by-value lookup ``InstanceStatus("ACTIVE")``.
        member = str.__new__(cls, constant)
        member._value_ = constant
        member.ordinal = ordinal
        member.display_name = display_name
        return member

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Self:
        """The member with Egeria code ``ordinal`` (for example ``InstanceStatus.from_ordinal(15)``)."""
        for member in cls:
            if member.ordinal == ordinal:
                return member
        raise ValueError(f"{cls.__name__} has no member with ordinal {ordinal}")


class InstanceStatus(JavaEnum):
    """The lifecycle status of an instance (5.x set of 18; 6.0's ``INVALID`` is deliberately absent)."""

    UNKNOWN = ("UNKNOWN", 0, "Unknown")
    DRAFT = ("DRAFT", 1, "Draft")
    PREPARED = ("PREPARED", 2, "Prepared")
    PROPOSED = ("PROPOSED", 3, "Proposed")
    APPROVED = ("APPROVED", 4, "Approved")
    REJECTED = ("REJECTED", 5, "Rejected")
    APPROVED_CONCEPT = ("APPROVED_CONCEPT", 6, "Approved concept")
    UNDER_DEVELOPMENT = ("UNDER_DEVELOPMENT", 7, "Under development")
    DEVELOPMENT_COMPLETE = ("DEVELOPMENT_COMPLETE", 8, "Development complete")
    APPROVED_FOR_DEPLOYMENT = ("APPROVED_FOR_DEPLOYMENT", 9, "Approved for deployment")
    STANDBY = ("STANDBY", 10, "StandBy")
    ACTIVE = ("ACTIVE", 15, "Active")
    FAILED = ("FAILED", 20, "Failed")
    DISABLED = ("DISABLED", 21, "Disabled")
    COMPLETE = ("COMPLETE", 22, "Complete")
    DEPRECATED = ("DEPRECATED", 30, "Deprecated")
    OTHER = ("OTHER", 50, "Other")
    DELETED = ("DELETED", 99, "Deleted")


class InstanceProvenanceType(JavaEnum):
    """Where an instance came from; decides who may update it."""

    UNKNOWN = ("UNKNOWN", 0, "Unknown")
    LOCAL_COHORT = ("LOCAL_COHORT", 1, "Local to cohort")
    EXPORT_ARCHIVE = ("EXPORT_ARCHIVE", 2, "Export Archive")
    CONTENT_PACK = ("CONTENT_PACK", 3, "Content Pack")
    DEREGISTERED_REPOSITORY = ("DEREGISTERED_REPOSITORY", 4, "Deregistered Repository")
    CONFIGURATION = ("CONFIGURATION", 5, "Configuration")
    EXTERNAL_SOURCE = ("EXTERNAL_SOURCE", 6, "External Source")


class ClassificationOrigin(JavaEnum):
    """Whether a classification was assigned directly or propagated."""

    ASSIGNED = ("ASSIGNED", 0, "Assigned")
    PROPAGATED = ("PROPAGATED", 1, "Propagated")


class InstancePropertyCategory(JavaEnum):
    """The kind of an ``InstancePropertyValue``."""

    UNKNOWN = ("UNKNOWN", 0, "Unknown")
    PRIMITIVE = ("PRIMITIVE", 1, "Primitive")
    ENUM = ("ENUM", 2, "Enum")
    STRUCT = ("STRUCT", 3, "Struct")
    MAP = ("MAP", 4, "Map")
    ARRAY = ("ARRAY", 5, "Array")


class TypeDefCategory(JavaEnum):
    """The kind of a TypeDef (also used in ``InstanceType``)."""

    UNKNOWN_DEF = ("UNKNOWN_DEF", 0, "Unknown")
    CLASSIFICATION_DEF = ("CLASSIFICATION_DEF", 5, "ClassificationDef")
    ENTITY_DEF = ("ENTITY_DEF", 6, "EntityDef")
    RELATIONSHIP_DEF = ("RELATIONSHIP_DEF", 8, "RelationshipDef")


class AttributeTypeDefCategory(JavaEnum):
    """The kind of an AttributeTypeDef."""

    UNKNOWN_DEF = ("UNKNOWN_DEF", 0, "Unknown")
    PRIMITIVE = ("PRIMITIVE", 1, "Primitive")
    COLLECTION = ("COLLECTION", 2, "Collection")
    ENUM_DEF = ("ENUM_DEF", 4, "EnumDef")


class TypeDefStatus(JavaEnum):
    """Whether a TypeDef is active, renamed or deprecated."""

    ACTIVE_TYPEDEF = ("ACTIVE_TYPEDEF", 1, "ActiveTypeDef")
    RENAMED_TYPEDEF = ("RENAMED_TYPEDEF", 2, "RenamedTypeDef")
    DEPRECATED_TYPEDEF = ("DEPRECATED_TYPEDEF", 3, "DeprecatedTypeDef")


class TypeDefAttributeStatus(JavaEnum):
    """Whether a TypeDef attribute is active, renamed or deprecated."""

    ACTIVE_ATTRIBUTE = ("ACTIVE_ATTRIBUTE", 1, "ActiveAttribute")
    RENAMED_ATTRIBUTE = ("RENAMED_ATTRIBUTE", 2, "RenamedAttribute")
    DEPRECATED_ATTRIBUTE = ("DEPRECATED_ATTRIBUTE", 3, "DeprecatedAttribute")


class AttributeCardinality(JavaEnum):
    """Cardinality of a TypeDef attribute."""

    UNKNOWN = ("UNKNOWN", 0, "Unknown")
    AT_MOST_ONE = ("AT_MOST_ONE", 1, "At Most One")
    ONE_ONLY = ("ONE_ONLY", 2, "One Only")
    AT_LEAST_ONE_ORDERED = ("AT_LEAST_ONE_ORDERED", 3, "At Least One (Ordered)")
    AT_LEAST_ONE_UNORDERED = ("AT_LEAST_ONE_UNORDERED", 4, "At Least One (Unordered)")
    ANY_NUMBER_ORDERED = ("ANY_NUMBER_ORDERED", 5, "Any Number (Ordered)")
    ANY_NUMBER_UNORDERED = ("ANY_NUMBER_UNORDERED", 6, "Any Number (Unordered)")


class RelationshipEndCardinality(JavaEnum):
    """Cardinality of a relationship end."""

    UNKNOWN = ("UNKNOWN", 0, "Unknown")
    AT_MOST_ONE = ("AT_MOST_ONE", 1, "At Most One")
    ANY_NUMBER = ("ANY_NUMBER", 2, "Any Number")


class ClassificationPropagationRule(JavaEnum):
    """Direction in which classifications propagate over a relationship."""

    NONE = ("NONE", 0, "NONE")
    ONE_TO_TWO = ("ONE_TO_TWO", 1, "ONE_TO_TWO")
    TWO_TO_ONE = ("TWO_TO_ONE", 2, "TWO_TO_ONE")
    BOTH = ("BOTH", 3, "BOTH")


class PropertyComparisonOperator(JavaEnum):
    """Operators of a ``PropertyCondition`` (5.x set: ``IN`` present, ``LIKE`` is a Java regex)."""

    EQ = ("EQ", 0, "Equal to")
    NEQ = ("NEQ", 1, "Not equal to")
    LT = ("LT", 2, "Less than")
    LTE = ("LTE", 3, "Less than or equal")
    GT = ("GT", 4, "Greater than")
    GTE = ("GTE", 5, "Greater than or equal")
    IN = ("IN", 6, "In list")
    IS_NULL = ("IS_NULL", 7, "Is null")
    NOT_NULL = ("NOT_NULL", 8, "Is not null")
    LIKE = ("LIKE", 9, "Like")
    NOT_LIKE = ("NOT_LIKE", 10, "Not Like")


class MatchCriteria(JavaEnum):
    """How the results of several conditions combine."""

    ALL = ("ALL", 0, "All")
    ANY = ("ANY", 1, "Any")
    NONE = ("NONE", 2, "None")


class SequencingOrder(JavaEnum):
    """Sort order of search results."""

    ANY = ("ANY", 0, "Any Order")
    GUID = ("GUID", 1, "GUID")
    CREATION_DATE_RECENT = ("CREATION_DATE_RECENT", 2, "Creation Date (Recent First)")
    CREATION_DATE_OLDEST = ("CREATION_DATE_OLDEST", 3, "Creation Date (Oldest First)")
    LAST_UPDATE_RECENT = ("LAST_UPDATE_RECENT", 4, "Last Update Date (Recent First)")
    LAST_UPDATE_OLDEST = ("LAST_UPDATE_OLDEST", 5, "Last Update Date (Oldest First)")
    PROPERTY_ASCENDING = ("PROPERTY_ASCENDING", 6, "By property value (Ascending)")
    PROPERTY_DESCENDING = ("PROPERTY_DESCENDING", 7, "By property value (Descending)")


class HistorySequencingOrder(JavaEnum):
    """Order of history results."""

    FORWARDS = ("FORWARDS", 0, "Forwards")
    BACKWARDS = ("BACKWARDS", 1, "Backwards")


class PrimitiveDefCategory(StrEnum):
    """The primitive types, with Egeria's type name and the fixed GUID of each ``PrimitiveDef``."""

    _value_: str
    ordinal: int
    type_name: str
    java_class_name: str
    type_guid: str

    def __new__(
        cls, constant: str, ordinal: int = 0, type_name: str = "", java_class_name: str = "", guid: str = ""
    ) -> Self:
        member = str.__new__(cls, constant)
        member._value_ = constant
        member.ordinal = ordinal
        member.type_name = type_name
        member.java_class_name = java_class_name
        member.type_guid = guid
        return member

    @classmethod
    def from_type_name(cls, type_name: str) -> PrimitiveDefCategory:
        """The category whose ``PrimitiveDef`` is named ``type_name`` (``"string"``, ``"date"``, ...)."""
        for member in cls:
            if member.type_name == type_name:
                return member
        raise ValueError(f"no primitive type named {type_name!r}")

    OM_PRIMITIVE_TYPE_UNKNOWN = (
        "OM_PRIMITIVE_TYPE_UNKNOWN",
        0,
        "object",
        "java.lang.Object",
        "1c4b21f4-0b67-41a7-a6ed-2af185eb9b3b",
    )
    OM_PRIMITIVE_TYPE_BOOLEAN = (
        "OM_PRIMITIVE_TYPE_BOOLEAN",
        1,
        "boolean",
        "java.lang.Boolean",
        "3863f010-611c-41fe-aaae-5d4d427f863b",
    )
    OM_PRIMITIVE_TYPE_BYTE = (
        "OM_PRIMITIVE_TYPE_BYTE",
        2,
        "byte",
        "java.lang.Byte",
        "6b7d410a-2e8a-4d12-981a-a806449f9bdb",
    )
    OM_PRIMITIVE_TYPE_CHAR = (
        "OM_PRIMITIVE_TYPE_CHAR",
        3,
        "char",
        "java.lang.Character",
        "b0abebe5-cf85-4065-86ad-f3c6360ed9c7",
    )
    OM_PRIMITIVE_TYPE_SHORT = (
        "OM_PRIMITIVE_TYPE_SHORT",
        4,
        "short",
        "java.lang.Short",
        "8e95b966-ab60-46d4-a03f-40c5a1ba6c2a",
    )
    OM_PRIMITIVE_TYPE_INT = (
        "OM_PRIMITIVE_TYPE_INT",
        5,
        "int",
        "java.lang.Integer",
        "7fc49104-fd3a-46c8-b6bf-f16b6074cd35",
    )
    OM_PRIMITIVE_TYPE_LONG = (
        "OM_PRIMITIVE_TYPE_LONG",
        6,
        "long",
        "java.lang.Long",
        "33a91510-92ee-4825-9f49-facd7a6f9db6",
    )
    OM_PRIMITIVE_TYPE_FLOAT = (
        "OM_PRIMITIVE_TYPE_FLOAT",
        7,
        "float",
        "java.lang.Float",
        "52aeb769-37b7-4b30-b949-ddc7dcebcfa2",
    )
    OM_PRIMITIVE_TYPE_DOUBLE = (
        "OM_PRIMITIVE_TYPE_DOUBLE",
        8,
        "double",
        "java.lang.Double",
        "e13572e8-25c3-4994-acb6-2ea66c95812e",
    )
    OM_PRIMITIVE_TYPE_BIGINTEGER = (
        "OM_PRIMITIVE_TYPE_BIGINTEGER",
        9,
        "biginteger",
        "java.math.BigInteger",
        "8aa56e52-1076-4e0d-9b66-3873a1ed7392",
    )
    OM_PRIMITIVE_TYPE_BIGDECIMAL = (
        "OM_PRIMITIVE_TYPE_BIGDECIMAL",
        10,
        "bigdecimal",
        "java.math.BigDecimal",
        "d5c8ad9f-8fee-4a64-80b3-63ce1e47f6bb",
    )
    OM_PRIMITIVE_TYPE_STRING = (
        "OM_PRIMITIVE_TYPE_STRING",
        11,
        "string",
        "java.lang.String",
        "b34a64b9-554a-42b1-8f8a-7d5c2339f9c4",
    )
    OM_PRIMITIVE_TYPE_DATE = (
        "OM_PRIMITIVE_TYPE_DATE",
        12,
        "date",
        "java.lang.Long",
        "1bef35ca-d4f9-48db-87c2-afce4649362d",
    )


class CollectionDefCategory(StrEnum):
    """The collection kinds, with Egeria's name pattern and number of type arguments."""

    _value_: str
    ordinal: int
    name_pattern: str
    argument_count: int

    def __new__(
        cls, constant: str, ordinal: int = 0, name_pattern: str = "", argument_count: int = 0
    ) -> Self:
        member = str.__new__(cls, constant)
        member._value_ = constant
        member.ordinal = ordinal
        member.name_pattern = name_pattern
        member.argument_count = argument_count
        return member

    OM_COLLECTION_UNKNOWN = ("OM_COLLECTION_UNKNOWN", 0, "<>", 0)
    OM_COLLECTION_MAP = ("OM_COLLECTION_MAP", 1, "map<{$0}, {$1}>", 2)
    OM_COLLECTION_ARRAY = ("OM_COLLECTION_ARRAY", 2, "array<{$0}>", 1)
    OM_COLLECTION_STRUCT = ("OM_COLLECTION_STRUCT", 3, "struct<>", 0)

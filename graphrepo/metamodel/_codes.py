"""Error codes for the checks graphrepo's type system makes beyond Egeria 5.x's validator.

Mandatory attributes, enum values outside the EnumDef, collection shapes, abstract types and bad regular
expressions: Egeria 5.x does not check these, so they use graphrepo's own message ids (a peer's log never
confuses them with an Egeria message) with Egeria's exception classes. Egeria's own rows are in
``graphrepo.omrs.OMRSErrorCode``.
"""

from __future__ import annotations

from graphrepo.omrs import ErrorCodeEnum

__all__ = ["GraphRepoTypeErrorCode"]


class GraphRepoTypeErrorCode(ErrorCodeEnum):
    """Checks graphrepo makes beyond Egeria 5.x's validator (see module docstring)."""

    MANDATORY_PROPERTY_MISSING = (
        400,
        "GRAPHREPO-METAMODEL-400-001",
        "The mandatory property {0} of {1} type {2} (cardinality {3}) has no value in the {4} parameter of "
        "the {5} request to open metadata repository {6}",
        "The system is unable to store the metadata instance because a property its type requires is "
        "missing.",
        "Supply a value for the property and retry the request.",
    )
    BAD_ENUM_VALUE = (
        400,
        "GRAPHREPO-METAMODEL-400-002",
        "A property called {0} has been given the enum value {1} (ordinal {2}) on a metadata instance of "
        "category {3} and type {4}; the valid values of enum {5} are {6} in open metadata repository {7}",
        "The system is unable to store the metadata instance because the value is not one of the enum's "
        "elements.",
        "Use one of the listed symbolic names with its ordinal and retry the request.",
    )
    BAD_COLLECTION_VALUE = (
        400,
        "GRAPHREPO-METAMODEL-400-003",
        "A property called {0} of type {1} has been given a value {2} on a metadata instance of category {3}"
        " and type {4}; {5} in open metadata repository {6}",
        "The system is unable to store the metadata instance because the collection value does not match "
        "the attribute's CollectionDef.",
        "Correct the value so that it matches the collection type and retry the request.",
    )
    ABSTRACT_TYPE = (
        400,
        "GRAPHREPO-METAMODEL-400-004",
        "The type {0} passed as the {1} parameter of the {2} request is abstract in open metadata "
        "repository {3}; create an instance of one of its subtypes instead",
        "The system is unable to create an instance of a type marked abstract.",
        "Choose a concrete subtype and retry the request.",
    )
    BAD_REGEX = (
        400,
        "GRAPHREPO-METAMODEL-400-005",
        "The regular expression {0} passed as the {1} parameter of the {2} request to open metadata "
        "repository {3} is not valid: {4}",
        "The system is unable to perform the search because the expression cannot be compiled.",
        "Correct the regular expression (Java syntax) and retry the request.",
    )
    TYPE_IDENTIFIER_IN_USE = (
        400,
        "GRAPHREPO-METAMODEL-400-006",
        "The new identifiers (guid {0}, name {1}) passed on the {2} request are already used by type {3} "
        "(guid {4}) in open metadata repository {5}",
        "The system is unable to re-identify the type because another type already has that identity.",
        "Choose a GUID and name that no other type uses and retry the request.",
    )
    TYPE_REFERENCE_NOT_KNOWN = (
        400,
        "GRAPHREPO-METAMODEL-400-007",
        "The TypeDef {0} (guid={1}) refers to {2} {3} (guid={4}) in its {5}, which is not known to open "
        "metadata repository {6}",
        "The system is unable to add the type because a type it depends on is not defined.",
        "Add the type it depends on first (or in the same gallery) and retry the request.",
    )

"""Search beans (Java package ``properties.search``, omrs-reference.md §5.1).

These are plain beans: no ``"class"`` and no ``headerVersion``. Their list getters return the list as
it is, so an empty ``conditions`` is written as ``[]``; ``None`` means absent.

``PropertyCondition`` is either a leaf (``property``, ``operator``, ``value``) or a group
(``nestedConditions``). Java's bean accepts both or neither; the repository validator rejects such a
condition with ``InvalidParameterException`` (400-074), so the check lives there (see
:meth:`PropertyCondition.shape_error`), not in parsing, where it could only raise a ``ValidationError``.
"""

from __future__ import annotations

from ._base import WireModel
from ._enums import MatchCriteria, PropertyComparisonOperator
from ._properties import AnyInstancePropertyValue

__all__ = [
    "ClassificationCondition",
    "PropertyCondition",
    "SearchClassifications",
    "SearchProperties",
]

_NO_VALUE_OPERATORS = frozenset({PropertyComparisonOperator.IS_NULL, PropertyComparisonOperator.NOT_NULL})


class PropertyCondition(WireModel):
    """One condition of a ``SearchProperties``: a comparison or a nested group."""

    property: str | None = None
    operator: PropertyComparisonOperator | None = None
    value: AnyInstancePropertyValue | None = None
    nested_conditions: SearchProperties | None = None

    def shape_error(self) -> str | None:
        """Why this condition is malformed under 5.4's ``validateSearchProperties``, or ``None``."""
        leaf = self.property is not None or self.operator is not None or self.value is not None
        if self.nested_conditions is not None:
            return "nestedConditions cannot be combined with property, operator or value" if leaf else None
        if self.property is None or self.operator is None:
            return "a condition needs property and operator, or nestedConditions"
        if self.value is None and self.operator not in _NO_VALUE_OPERATORS:
            return f"operator {self.operator.value} needs a value"
        return None


class SearchProperties(WireModel):
    """Conditions on properties, combined by ``matchCriteria`` (``ALL``/``ANY``/``NONE``)."""

    conditions: list[PropertyCondition] | None = None
    match_criteria: MatchCriteria | None = None


class ClassificationCondition(WireModel):
    """A classification (by name) that must be present, optionally with matching properties."""

    name: str | None = None
    match_properties: SearchProperties | None = None


class SearchClassifications(WireModel):
    """Conditions on classifications, combined by ``matchCriteria``."""

    conditions: list[ClassificationCondition] | None = None
    match_criteria: MatchCriteria | None = None


PropertyCondition.model_rebuild()

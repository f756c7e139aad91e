"""Group 3 searches: OMRS search beans compiled into the store's :class:`InstanceQuery`.

Checks follow Egeria 5.4's ``validateSearchProperties`` and ``verifyMatchingInstancePropertyValues``
(omrs-reference §5.2): a condition is a leaf or a nested group, never both (``INVALID_PROPERTY_SEARCH``);
``IN`` takes an array (``INVALID_LIST_CONDITION``); ``LIKE``/``NOT_LIKE`` take a string holding a Java regex
(``INVALID_LIKE_CONDITION``); ``LT``..``GTE`` take a number or a date (``INVALID_NUMERIC_CONDITION``). Regexes
that cannot be compiled are refused up front (``INVALID_SEARCH_CRITERIA``), so both stores see only valid
ones. ``findXByProperty`` keeps the 4.x-5.3 semantics (a string value is a regex that must match the whole
value; other values must be equal), which the CTS relies on (§5.3).
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from graphrepo.omrs import (
    ArrayPropertyValue,
    EntityDetail,
    InstanceProperties,
    InstancePropertyValue,
    InstanceStatus,
    InvalidParameterException,
    JavaRegexError,
    MatchCriteria,
    OMRSErrorCode,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    PropertyComparisonOperator,
    Relationship,
    SearchClassifications,
    SearchProperties,
    SequencingOrder,
    TypeDefCategory,
    compile_java_regex,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._kinds import InstanceKind
from graphrepo.store import (
    AnyValueMatches,
    ClassificationConditions,
    ClassificationTest,
    Combine,
    Condition,
    Conditions,
    InstanceQuery,
    Operator,
    Paging,
    PropertyTest,
)

__all__ = ["SearchOperations"]

_I = TypeVar("_I", EntityDetail, Relationship)

_P = PrimitiveDefCategory
_ORDERED = frozenset(
    {
        _P.OM_PRIMITIVE_TYPE_BYTE,
        _P.OM_PRIMITIVE_TYPE_SHORT,
        _P.OM_PRIMITIVE_TYPE_INT,
        _P.OM_PRIMITIVE_TYPE_LONG,
        _P.OM_PRIMITIVE_TYPE_FLOAT,
        _P.OM_PRIMITIVE_TYPE_DOUBLE,
        _P.OM_PRIMITIVE_TYPE_BIGINTEGER,
        _P.OM_PRIMITIVE_TYPE_BIGDECIMAL,
        _P.OM_PRIMITIVE_TYPE_DATE,
    }
)
_OPERATORS = {
    PropertyComparisonOperator.EQ: Operator.EQ,
    PropertyComparisonOperator.NEQ: Operator.NEQ,
    PropertyComparisonOperator.LT: Operator.LT,
    PropertyComparisonOperator.LTE: Operator.LTE,
    PropertyComparisonOperator.GT: Operator.GT,
    PropertyComparisonOperator.GTE: Operator.GTE,
    PropertyComparisonOperator.IN: Operator.IN,
    PropertyComparisonOperator.IS_NULL: Operator.IS_NULL,
    PropertyComparisonOperator.NOT_NULL: Operator.NOT_NULL,
    PropertyComparisonOperator.LIKE: Operator.MATCHES,
    PropertyComparisonOperator.NOT_LIKE: Operator.NOT_MATCHES,
}
_COMBINE = {MatchCriteria.ALL: Combine.ALL, MatchCriteria.ANY: Combine.ANY, MatchCriteria.NONE: Combine.NONE}


def _is_string(value: InstancePropertyValue | None) -> bool:
    return (
        isinstance(value, PrimitivePropertyValue)
        and value.primitive_def_category is PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING
        and isinstance(value.primitive_value, str)
    )


class SearchOperations(CollectionCore):
    # --- compiling ------------------------------------------------------------------------------------------

    def check_regex(self, regex: str, parameter: str, method: str) -> str:
        try:
            compile_java_regex(regex)
        except JavaRegexError as error:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.INVALID_SEARCH_CRITERIA,
                "PatternSyntaxException",
                regex,
                parameter,
                str(error),
                method,
                action=method,
                parameter_name=parameter,
            ) from error
        return regex

    def compile_search_properties(self, search: SearchProperties | None, method: str) -> Condition | None:
        if search is None or not search.conditions:
            return None
        children: list[Condition] = []
        for condition in search.conditions:
            if condition.shape_error() is not None:
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INVALID_PROPERTY_SEARCH, action=method, parameter_name="matchProperties"
                )
            if condition.nested_conditions is not None:
                nested = self.compile_search_properties(condition.nested_conditions, method)
                children.append(nested if nested is not None else Conditions(Combine.ALL, ()))
                continue
            assert condition.operator is not None and condition.property is not None  # shape checked
            children.append(self._leaf(condition.property, condition.operator, condition.value, method))
        return Conditions(_COMBINE[search.match_criteria or MatchCriteria.ALL], tuple(children))

    def _leaf(
        self,
        name: str,
        operator: PropertyComparisonOperator,
        value: InstancePropertyValue | None,
        method: str,
    ) -> PropertyTest:
        if operator in (PropertyComparisonOperator.LIKE, PropertyComparisonOperator.NOT_LIKE):
            if not _is_string(value):
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INVALID_LIKE_CONDITION, action=method, parameter_name="matchProperties"
                )
            assert isinstance(value, PrimitivePropertyValue)
            self.check_regex(str(value.primitive_value), "matchProperties", method)
        elif operator is PropertyComparisonOperator.IN:
            if not isinstance(value, ArrayPropertyValue):
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INVALID_LIST_CONDITION, action=method, parameter_name="matchProperties"
                )
        elif operator in (
            PropertyComparisonOperator.LT,
            PropertyComparisonOperator.LTE,
            PropertyComparisonOperator.GT,
            PropertyComparisonOperator.GTE,
        ):
            if not (isinstance(value, PrimitivePropertyValue) and value.primitive_def_category in _ORDERED):
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INVALID_NUMERIC_CONDITION,
                    operator.value,
                    action=method,
                    parameter_name="matchProperties",
                )
        elif operator in (PropertyComparisonOperator.IS_NULL, PropertyComparisonOperator.NOT_NULL):
            value = None
        return PropertyTest(name, _OPERATORS[operator], value)

    def compile_match_properties(
        self, properties: InstanceProperties | None, criteria: MatchCriteria | None, method: str
    ) -> Condition | None:
        """``*ByProperty``: strings are whole-value regexes, other values must be equal (§5.3)."""
        if properties is None or not properties.instance_properties:
            return None
        children: list[Condition] = []
        for name, value in properties.instance_properties.items():
            if _is_string(value):
                assert isinstance(value, PrimitivePropertyValue)
                self.check_regex(str(value.primitive_value), "matchProperties", method)
                children.append(PropertyTest(name, Operator.MATCHES, value))
            else:
                children.append(PropertyTest(name, Operator.EQ, value))
        return Conditions(_COMBINE[criteria or MatchCriteria.ALL], tuple(children))

    def compile_classifications(
        self, search: SearchClassifications | None, entity_type: str | None, method: str
    ) -> ClassificationConditions | None:
        if search is None or not search.conditions:
            return None
        tests = []
        for condition in search.conditions:
            self.validator.validate_classification(condition.name, None, "matchClassifications", method)
            tests.append(
                ClassificationTest(
                    str(condition.name), self.compile_search_properties(condition.match_properties, method)
                )
            )
        return ClassificationConditions(_COMBINE[search.match_criteria or MatchCriteria.ALL], tuple(tests))

    def classification_names_condition(
        self, names: list[str] | None, method: str
    ) -> ClassificationConditions | None:
        """``limitResultsByClassification``: the entity carries every named classification
        (``verifyEntityIsClassified``)."""
        wanted = [n for n in (names or ()) if n]
        if not wanted:
            return None
        for name in wanted:
            self.validator.validate_classification(name, None, "limitResultsByClassification", method)
        return ClassificationConditions(Combine.ALL, tuple(ClassificationTest(n) for n in wanted))

    def query(
        self,
        method: str,
        *,
        type_names: frozenset[str] | None,
        statuses: list[InstanceStatus] | None,
        condition: Condition | None,
        classifications: ClassificationConditions | None = None,
        as_of_time: datetime | None,
        offset: int,
        page_size: int,
        order: SequencingOrder | None,
        order_property: str | None,
    ) -> InstanceQuery:
        self.check_paging(offset, page_size, method)
        return InstanceQuery(
            type_names=type_names,
            statuses=self.statuses(statuses),
            condition=condition,
            classifications=classifications,
            as_of=self.check_as_of(as_of_time, method),
            paging=Paging(offset, page_size, order, order_property),
        )

    def _search(
        self,
        kind: InstanceKind[_I],
        method: str,
        type_names: frozenset[str] | None,
        *,
        condition: Condition | None,
        classifications: ClassificationConditions | None = None,
        statuses: list[InstanceStatus] | None,
        as_of_time: datetime | None,
        paging: Paging,
    ) -> list[_I]:
        """The store's answer to the compiled search, with provenance fixed (paging and ``asOfTime``
        checked here, after the type and condition checks the caller made)."""
        query = self.query(
            method,
            type_names=type_names,
            statuses=statuses,
            condition=condition,
            classifications=classifications,
            as_of_time=as_of_time,
            offset=paging.offset,
            page_size=paging.page_size,
            order=paging.order,
            order_property=paging.order_property,
        )
        return [kind.fix(found) for found in self.store.read(lambda tx: kind.find(tx, query))]

    def _search_criteria(self, search_criteria: str | None, method: str) -> AnyValueMatches:
        if not search_criteria:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NO_SEARCH_CRITERIA,
                "searchCriteria",
                method,
                self.repository_name,
                action=method,
                parameter_name="searchCriteria",
            )
        return AnyValueMatches(self.check_regex(search_criteria, "searchCriteria", method))

    # --- entities -------------------------------------------------------------------------------------------

    def find_entities(
        self,
        user_id: str,
        entity_type_guid: str | None = None,
        entity_subtype_guids: list[str] | None = None,
        match_properties: SearchProperties | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        match_classifications: SearchClassifications | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]:
        method = "findEntities"
        self.check_user(user_id, method)
        names = self.type_names_for(
            entity_type_guid, entity_subtype_guids, TypeDefCategory.ENTITY_DEF, method
        )
        return self._search(
            self.entities,
            method,
            names,
            condition=self.compile_search_properties(match_properties, method),
            classifications=self.compile_classifications(match_classifications, None, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_entity_element, page_size, sequencing_order, sequencing_property),
        )

    def find_entities_by_property(
        self,
        user_id: str,
        entity_type_guid: str | None = None,
        match_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]:
        method = "findEntitiesByProperty"
        self.check_user(user_id, method)
        names = self.type_names_for(entity_type_guid, None, TypeDefCategory.ENTITY_DEF, method)
        return self._search(
            self.entities,
            method,
            names,
            condition=self.compile_match_properties(match_properties, match_criteria, method),
            classifications=self.classification_names_condition(limit_results_by_classification, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_entity_element, page_size, sequencing_order, sequencing_property),
        )

    def find_entities_by_classification(
        self,
        user_id: str,
        entity_type_guid: str | None,
        classification_name: str,
        match_classification_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]:
        method = "findEntitiesByClassification"
        self.check_user(user_id, method)
        names = self.type_names_for(entity_type_guid, None, TypeDefCategory.ENTITY_DEF, method)
        entity_type = None
        if entity_type_guid:
            entity_type = str(
                self.type_by_guid(entity_type_guid, TypeDefCategory.ENTITY_DEF, "", method).name
            )
        self.validator.validate_classification(classification_name, entity_type, "classificationName", method)
        test = ClassificationTest(
            classification_name,
            self.compile_match_properties(match_classification_properties, match_criteria, method),
        )
        return self._search(
            self.entities,
            method,
            names,
            condition=None,
            classifications=ClassificationConditions(Combine.ALL, (test,)),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_entity_element, page_size, sequencing_order, sequencing_property),
        )

    def find_entities_by_property_value(
        self,
        user_id: str,
        entity_type_guid: str | None,
        search_criteria: str,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]:
        method = "findEntitiesByPropertyValue"
        self.check_user(user_id, method)
        names = self.type_names_for(entity_type_guid, None, TypeDefCategory.ENTITY_DEF, method)
        return self._search(
            self.entities,
            method,
            names,
            condition=self._search_criteria(search_criteria, method),
            classifications=self.classification_names_condition(limit_results_by_classification, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_entity_element, page_size, sequencing_order, sequencing_property),
        )

    # --- relationships --------------------------------------------------------------------------------------

    def find_relationships(
        self,
        user_id: str,
        relationship_type_guid: str | None = None,
        relationship_subtype_guids: list[str] | None = None,
        match_properties: SearchProperties | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]:
        method = "findRelationships"
        self.check_user(user_id, method)
        names = self.type_names_for(
            relationship_type_guid, relationship_subtype_guids, TypeDefCategory.RELATIONSHIP_DEF, method
        )
        return self._search(
            self.relationships,
            method,
            names,
            condition=self.compile_search_properties(match_properties, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_relationship_element, page_size, sequencing_order, sequencing_property),
        )

    def find_relationships_by_property(
        self,
        user_id: str,
        relationship_type_guid: str | None = None,
        match_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]:
        method = "findRelationshipsByProperty"
        self.check_user(user_id, method)
        names = self.type_names_for(relationship_type_guid, None, TypeDefCategory.RELATIONSHIP_DEF, method)
        return self._search(
            self.relationships,
            method,
            names,
            condition=self.compile_match_properties(match_properties, match_criteria, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_relationship_element, page_size, sequencing_order, sequencing_property),
        )

    def find_relationships_by_property_value(
        self,
        user_id: str,
        relationship_type_guid: str | None,
        search_criteria: str,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]:
        method = "findRelationshipsByPropertyValue"
        self.check_user(user_id, method)
        names = self.type_names_for(relationship_type_guid, None, TypeDefCategory.RELATIONSHIP_DEF, method)
        return self._search(
            self.relationships,
            method,
            names,
            condition=self._search_criteria(search_criteria, method),
            statuses=limit_results_by_status,
            as_of_time=as_of_time,
            paging=Paging(from_relationship_element, page_size, sequencing_order, sequencing_property),
        )

"""REST response beans of the OMRS repository services (``repositoryservices.rest.properties``, 5.4).

Every response extends ``OMRSAPIResponse``: ``relatedHTTPCode`` (always written, 200 by default) plus the
error fields, which :mod:`graphrepo.omrs._exceptions` fills and reads (the one place for that mapping).
Egeria always answers HTTP 200 and carries errors inside the bean, so a failed ``getEntityDetail`` is an
``EntityDetailResponse`` with ``relatedHTTPCode`` 404 and no ``entity``.

Jackson oddity kept as a constant: the abstract ``OMRSAPIPagedResponse`` is registered under the type id
``"OMRSRESTAPIPagedResponse"``. Being abstract it is never written, and the concrete paged responses use
their own class names.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Annotated, Any, ClassVar, Final, Self

from pydantic import Field, Tag, TypeAdapter

from graphrepo.omrs._base import (
    EpochMillis,
    OmitEmptyList,
    TaggedModel,
    WireModel,
    class_discriminator,
    to_wire,
)
from graphrepo.omrs._enums import JavaEnum
from graphrepo.omrs._exceptions import OMRSCheckedException, exception_from_error_fields
from graphrepo.omrs._instances import (
    AnyEntitySummary,
    Classification,
    EntityDetail,
    Relationship,
)
from graphrepo.omrs._ocf import AnyConnection
from graphrepo.omrs._typedefs import AnyAttributeTypeDef, AnyTypeDef

__all__ = [
    "PAGED_RESPONSE_TYPE_ID",
    "RESPONSE_CLASSES",
    "AttributeTypeDefListResponse",
    "AttributeTypeDefResponse",
    "BooleanResponse",
    "ClassificationListResponse",
    "ClassificationResponse",
    "CohortConnectionStatus",
    "CohortDescription",
    "CohortListResponse",
    "CohortMembershipListResponse",
    "CohortMembershipResponse",
    "ConnectionResponse",
    "EntityDetailResponse",
    "EntityListResponse",
    "EntitySummaryResponse",
    "InstanceGraphResponse",
    "MemberRegistration",
    "MetadataCollectionIdResponse",
    "OMRSAPIPagedResponse",
    "OMRSAPIResponse",
    "RelationshipListResponse",
    "RelationshipResponse",
    "TypeDefGalleryResponse",
    "TypeDefListResponse",
    "TypeDefResponse",
    "VoidResponse",
    "response_adapter",
    "tagged_union",
]

PAGED_RESPONSE_TYPE_ID: Final = "OMRSRESTAPIPagedResponse"
"""Jackson type id of the abstract ``OMRSAPIPagedResponse`` (sic: not its class name)."""


def tagged_union(family: str, models: tuple[type[TaggedModel], ...]) -> Any:
    """``Annotated[M1 | M2 | ..., discriminator]`` over ``models``, keyed on each one's ``wire_class``.

    For families too large to spell out; typed ``Any`` because the members are only known at run time,
    so wrap it in a ``TypeAdapter`` annotated with the family's Python base class.
    """
    members = [Annotated[model, Tag(model.wire_class)] for model in models]
    return Annotated[reduce(operator.or_, members), class_discriminator(family, *models)]


class OMRSAPIResponse(TaggedModel):
    """Abstract base of every response: the HTTP code and the exception fields (omrs-reference.md §6.3)."""

    related_http_code: int = Field(default=200, alias="relatedHTTPCode")
    action_description: str | None = None
    exception_class_name: str | None = None
    exception_caused_by: str | None = None
    exception_error_message: str | None = None
    exception_error_message_id: str | None = None
    exception_error_message_parameters: list[str] | None = None
    exception_system_action: str | None = None
    exception_user_action: str | None = None
    # Java's getter answers null for an empty map.
    exception_properties: dict[str, Any] | None = None

    @classmethod
    def for_exception(cls, error: OMRSCheckedException) -> Self:
        """This response carrying ``error`` (Egeria's ``captureCheckedException``); no payload."""
        return cls.model_validate({"class": cls.wire_class, **error.to_error_fields()})

    def exception(self) -> OMRSCheckedException | None:
        """The exception this response reports, or None (Egeria's client ``detectAndThrow*``)."""
        return exception_from_error_fields(to_wire(self))

    def raise_for_error(self) -> Self:
        """Raise the reported exception, if any; otherwise return self (for chaining)."""
        error = self.exception()
        if error is not None:
            raise error
        return self


class OMRSAPIPagedResponse(OMRSAPIResponse):
    """Abstract base of the paged responses (Jackson type id ``OMRSRESTAPIPagedResponse``)."""

    offset: int = 0
    page_size: int = 0


# --- simple responses --------------------------------------------------------------------------------


class VoidResponse(OMRSAPIResponse):
    """No payload: success or an error."""

    wire_class: ClassVar[str] = "VoidResponse"


class BooleanResponse(OMRSAPIResponse):
    """``flag`` (a Java ``boolean``, always written)."""

    wire_class: ClassVar[str] = "BooleanResponse"

    flag: bool = False


class MetadataCollectionIdResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "MetadataCollectionIdResponse"

    metadata_collection_id: str | None = None


class ConnectionResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "ConnectionResponse"

    connection: AnyConnection | None = None


# --- types -----------------------------------------------------------------------------------------


class TypeDefResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "TypeDefResponse"

    type_def: AnyTypeDef | None = None


class TypeDefListResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "TypeDefListResponse"

    type_defs: OmitEmptyList[AnyTypeDef] = []


class AttributeTypeDefResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "AttributeTypeDefResponse"

    attribute_type_def: AnyAttributeTypeDef | None = None


class AttributeTypeDefListResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "AttributeTypeDefListResponse"

    attribute_type_defs: OmitEmptyList[AnyAttributeTypeDef] = []


class TypeDefGalleryResponse(OMRSAPIResponse):
    """``getAllTypes``/``findTypesByName``: the gallery flattened into two lists."""

    wire_class: ClassVar[str] = "TypeDefGalleryResponse"

    attribute_type_defs: OmitEmptyList[AnyAttributeTypeDef] = []
    type_defs: OmitEmptyList[AnyTypeDef] = []


# --- instances ---------------------------------------------------------------------------------------


class EntityDetailResponse(OMRSAPIResponse):
    """One entity; ``isEntityKnown`` answers this with no ``entity`` (and no error) when unknown."""

    wire_class: ClassVar[str] = "EntityDetailResponse"

    entity: EntityDetail | None = None


class EntitySummaryResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "EntitySummaryResponse"

    # Declared EntitySummary in Java, so an EntityDetail or EntityProxy is also valid here.
    entity: AnyEntitySummary | None = None


class EntityListResponse(OMRSAPIPagedResponse):
    wire_class: ClassVar[str] = "EntityListResponse"

    entities: OmitEmptyList[EntityDetail] = []


class RelationshipResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "RelationshipResponse"

    relationship: Relationship | None = None


class RelationshipListResponse(OMRSAPIPagedResponse):
    wire_class: ClassVar[str] = "RelationshipListResponse"

    relationships: OmitEmptyList[Relationship] = []


class ClassificationResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "ClassificationResponse"

    classification: Classification | None = None


class ClassificationListResponse(OMRSAPIPagedResponse):
    wire_class: ClassVar[str] = "ClassificationListResponse"

    classifications: OmitEmptyList[Classification] = []


class InstanceGraphResponse(OMRSAPIResponse):
    """A graph query's answer: note the field names differ from ``InstanceGraph`` (entities/relationships)."""

    wire_class: ClassVar[str] = "InstanceGraphResponse"

    entity_element_list: OmitEmptyList[EntityDetail] = []
    relationship_element_list: OmitEmptyList[Relationship] = []


# --- metadata highway (cohort registry) ----------------------------------------------------------------


class CohortConnectionStatus(JavaEnum):
    """``repositoryservices.properties.CohortConnectionStatus``."""

    NOT_INITIALIZED = ("NOT_INITIALIZED", 0, "NotInitialized")
    INITIALIZING = ("INITIALIZING", 1, "Initializing")
    NEW = ("NEW", 2, "New")
    CONFIGURATION_ERROR = ("CONFIGURATION_ERROR", 3, "ConfigurationError")
    CONNECTED = ("CONNECTED", 4, "Connected")
    # Egeria really names this one "Initializing" too.
    DISCONNECTING = ("DISCONNECTING", 5, "Initializing")
    DISCONNECTED = ("DISCONNECTED", 6, "Disconnected")


class MemberRegistration(WireModel):
    """One cohort member as the registry stores it (not polymorphic: no ``"class"``)."""

    metadata_collection_id: str | None = None
    metadata_collection_name: str | None = None
    server_name: str | None = None
    server_type: str | None = None
    organization_name: str | None = None
    registration_time: EpochMillis | None = None
    repository_connection: AnyConnection | None = None


class CohortDescription(TaggedModel):
    """A cohort this server is configured for, with its topic connections (an ``OMRSProperty``)."""

    wire_class: ClassVar[str] = "CohortDescription"

    cohort_name: str | None = None
    connection_status: CohortConnectionStatus | None = None
    topic_connection: AnyConnection | None = None
    single_topic_connection: AnyConnection | None = None
    registration_topic_connection: AnyConnection | None = None
    types_topic_connection: AnyConnection | None = None
    instances_topic_connection: AnyConnection | None = None


class CohortListResponse(OMRSAPIPagedResponse):
    wire_class: ClassVar[str] = "CohortListResponse"

    cohorts: OmitEmptyList[CohortDescription] = []


class CohortMembershipResponse(OMRSAPIResponse):
    wire_class: ClassVar[str] = "CohortMembershipResponse"

    cohort_member: MemberRegistration | None = None


class CohortMembershipListResponse(OMRSAPIPagedResponse):
    wire_class: ClassVar[str] = "CohortMembershipListResponse"

    cohort_members: OmitEmptyList[MemberRegistration] = []


_RESPONSES: tuple[type[OMRSAPIResponse], ...] = (
    VoidResponse,
    BooleanResponse,
    MetadataCollectionIdResponse,
    ConnectionResponse,
    TypeDefResponse,
    TypeDefListResponse,
    AttributeTypeDefResponse,
    AttributeTypeDefListResponse,
    TypeDefGalleryResponse,
    EntityDetailResponse,
    EntitySummaryResponse,
    EntityListResponse,
    RelationshipResponse,
    RelationshipListResponse,
    ClassificationResponse,
    ClassificationListResponse,
    InstanceGraphResponse,
    CohortListResponse,
    CohortMembershipResponse,
    CohortMembershipListResponse,
)
RESPONSE_CLASSES: Final = _RESPONSES
"""Every concrete response bean."""

response_adapter: TypeAdapter[OMRSAPIResponse] = TypeAdapter(tagged_union("OMRSAPIResponse", _RESPONSES))
"""Parses any response by its ``"class"`` (for clients that do not know which bean to expect)."""

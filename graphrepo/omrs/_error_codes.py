"""The rows of Egeria 5.4's ``OMRSErrorCode`` enum that a repository commonly raises.

Copied verbatim (HTTP code, message id, template, system action, user action) from
``repository-services-apis/.../repositoryservices/ffdc/OMRSErrorCode.java`` at the last 5.x commit
(``e7443b9705^``): the texts travel in REST error bodies, and Egeria peers log them as they are. Add rows
from that file as the repository needs them; keep the Java constant names.
"""

from __future__ import annotations

from graphrepo.omrs._messages import ErrorCodeEnum

__all__ = ["OMRSErrorCode"]


class OMRSErrorCode(ErrorCodeEnum):
    """Egeria's OMRS error codes: ``OMRSErrorCode.ENTITY_NOT_KNOWN.format(guid, method, repository)``."""

    # --- Instances not known / soft-deleted / proxies
    ENTITY_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-002",
        "The entity identified with guid {0} passed on the {1} call is not known to the open metadata "
        "repository {2}",
        "The system is unable to retrieve the properties for the requested entity because the supplied guid "
        "is not recognized.",
        "The guid is supplied by the caller to the server.  It may have a logic problem that has corrupted "
        "the guid, or the entity has been deleted since the guid was retrieved.",
    )
    RELATIONSHIP_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-003",
        "The relationship identified with guid {0} passed on the {1} call is not known to the open metadata "
        "repository {2}",
        "The system is unable to process the request for the requested relationship because the supplied "
        "guid is not recognized.",
        "The guid is supplied by the caller to the OMRS.  It may have a logic problem that has corrupted the"
        " guid, or the relationship has been deleted since the guid was retrieved.  It is necessary to "
        "understand the logic of the caller to determine if this is a problem.",
    )
    RELATIONSHIP_NOT_FOUND = (
        404,
        "OMRS-REPOSITORY-404-011",
        "The relationship identified with guid {0} passed on the {1} call is not found to the open metadata "
        "repository {2}",
        "The system is unable to retrieve the properties for the requested relationship because the supplied"
        " guid is not recognized.",
        "The guid is supplied by the caller to the OMRS.  It may have a logic problem that has corrupted the"
        " guid, or the relationship has been deleted since the guid was retrieved.",
    )
    ENTITY_SOFT_DELETED = (
        404,
        "OMRS-REPOSITORY-404-013",
        "The {0} entity identified with guid {1} passed on the {2} call is soft-deleted in the open metadata"
        " repository {3}",
        "The system is unable to retrieve the properties for the requested entity because the supplied guid "
        "is for a entity that has already been deleted.",
        "The guid is supplied by the caller to the OMRS.  It is most likely to be a timing issue where the "
        "entity was deleted by another process since the guid was retrieved.  However, there is a  "
        "possibility of a logic problem that has corrupted the guid.",
    )
    RELATIONSHIP_SOFT_DELETED = (
        404,
        "OMRS-REPOSITORY-404-012",
        "The {0} relationship identified with guid {1} passed on the {2} call is soft-deleted in the open "
        "metadata repository {3}",
        "The system is unable to retrieve the properties for the requested relationship because the supplied"
        " guid is for a relationship that has already been deleted.",
        "The guid is supplied by the caller to the OMRS.  It is most likely to be a timing issue where the "
        "relationship was deleted by another process since the guid was retrieved.  However, there is a  "
        "possibility of a logic problem that has corrupted the guid.",
    )
    ENTITY_PROXY_ONLY = (
        400,
        "OMRS-REPOSITORY-400-051",
        "A request for entity {0} has been passed to repository {1} as the {2} parameter of the {3} "
        "operation but only an entity proxy has been found",
        "The system is unable to return all the details of the entity.  It can only supply an entity "
        "summary.",
        "The fact that the system has a proxy means that the entity exists in one of the members of the "
        "connected cohorts.  The repository where it is located may be unavailable, or the entity has been "
        "deleted but the delete request has not propagated through to this repository.",
    )
    NULL_ENTITY_PROXY = (
        400,
        "OMRS-REPOSITORY-400-043",
        "A null entity proxy has been passed to repository {0} as the {1} parameter of the {2} operation",
        "The system is unable to perform the request because the entity proxy is needed.",
        "Correct the caller's code to supply the entity proxy and retry the request.",
    )
    LOCAL_ENTITY_PROXY = (
        400,
        "OMRS-REPOSITORY-400-044",
        "An entity proxy has been passed to repository {0} as the {1} parameter of the {2} operation which "
        "has the local repository as its home",
        "The system is unable to perform the request because the entity proxy should represent an entity "
        "that is homed in another repository.",
        "Correct the bug in the caller's code and retry the request.",
    )
    ENTITY_PROXY_IN_HOME = (
        503,
        "OMRS-LOCAL-REPOSITORY-503-007",
        "The local OMRS repository connector {0} hosts the home metadata collection for entity {1} but only "
        "has an entity proxy stored.  It is not able to complete the {2} request",
        "There is a logic error either in the EnterpriseOMRSRepositoryConnector causing an update request to"
        " be routed to the wrong repository, or there is an error in the local repository.",
        "Open a Github issue so that this can be fixed.",
    )
    # --- Instance lifecycle
    INSTANCE_ALREADY_DELETED = (
        400,
        "OMRS-REPOSITORY-400-045",
        "A {0} request has been made to repository {1} for an instance {2} that is already deleted",
        "The system is unable to perform the request because the instance is in the wrong state.",
        "Try a different request or a different instance.",
    )
    INSTANCE_NOT_DELETED = (
        400,
        "OMRS-REPOSITORY-400-046",
        "A {0} request has been made to repository {1} for an instance {2} that is not deleted",
        "The system is unable to perform the request since the instance is in the wrong state.",
        "Try again with a different request or specify a different instance.",
    )
    BAD_DELETE_INSTANCE_STATUS = (
        400,
        "OMRS-REPOSITORY-400-058",
        "An instance status of {0} has been passed as the {1} parameter on a {2} request to open metadata "
        "repository {3} however this status is not valid for an instance of type {4}",
        "The system is unable to process the request because this status is only for use by the open "
        "metadata repository services (OMRS).",
        "The instance status is supplied by the caller to the API. This call needs to be changed to either a"
        " delete of purge request.",
    )
    BAD_INSTANCE_STATUS = (
        400,
        "OMRS-REPOSITORY-400-035",
        "An instance status of {0} has been passed as the {1} parameter on a {2} request to open metadata "
        "repository {3} but this status is not valid for an instance of type {4}",
        "The system is unable to process this request.",
        "The instance status is supplied by the caller to the API. This call needs to be corrected before "
        "the server can complete this operation successfully.",
    )
    NULL_INSTANCE_STATUS = (
        400,
        "OMRS-REPOSITORY-400-036",
        "A null instance status has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to process the metadata instance request.",
        "The instance status is supplied by the caller to the API. This call needs to be corrected before "
        "the server can operate correctly.",
    )
    BAD_TYPEDEF_IDS_FOR_DELETE = (
        400,
        "OMRS-REPOSITORY-400-039",
        "Incompatible TypeDef unique identifiers (name={0}, guid{1}) have been passed on a {2} request for "
        "instance {3} to open metadata repository {4}",
        "The system is unable to perform the request because the unique identifiers are needed.",
        "Correct the caller's code to provide compatible type identifiers and retry the request.",
    )
    INVALID_RELATIONSHIP_ENDS = (
        400,
        "OMRS-REPOSITORY-400-047",
        "A {0} request has been made to repository {1} for a relationship that has one or more ends of the "
        "wrong or invalid type.  Relationship type is {2}; entity proxy {3} for end 1 is of type {4} rather "
        "than {5} and entity proxy {6} for end 2 is of type {7} rather than {8}",
        "The system is unable to perform the request because the instance has invalid values.",
        "Correct the caller's code and attempt the request again.",
    )
    ENTITY_NOT_CLASSIFIED = (
        400,
        "OMRS-REPOSITORY-400-048",
        "A {0} request has been made to repository {1} to access a non-existent classification {2} from "
        "entity {3}",
        "The system is unable to perform the request as the instance has a missing classification.",
        "Correct the caller's code and reattempt the request.",
    )
    ENTITY_ALREADY_CLASSIFIED = (
        400,
        "OMRS-REPOSITORY-400-081",
        "A {0} request has been made to repository {1} to add a classification {2} to entity {3} when this "
        "entity is already classified",
        "The system is unable to perform the request as only one classification of a specific type is "
        "permitted.",
        "Use the updateClassificationProperties to make changed to an existing classification.",
    )
    INVALID_CLASSIFICATION_FOR_ENTITY = (
        400,
        "OMRS-REPOSITORY-400-006",
        "Open metadata repository {0} is unable to assign a classification of type {1} to an entity of type "
        "{2} as the classification type is not valid for this type of entity",
        "The system is not able to classify an entity since the ClassificationDef for the classification "
        "does not list the entity type, or one of its super-types.",
        "Update the ClassificationDef to include the entity's type and rerun the request. Alternatively use "
        "a different classification.",
    )
    UNKNOWN_CLASSIFICATION = (
        400,
        "OMRS-REPOSITORY-400-005",
        "Classification {0} is not a recognized classification type by open metadata repository {1}",
        "The system is unable to create a new classification for an entity because the open metadata "
        "repository does not recognize the classification type.",
        "Create a ClassificationDef for the classification and retry the request.",
    )
    # --- Home versus reference copies
    INSTANCE_HOME_NOT_LOCAL = (
        500,
        "OMRS-METADATA-COLLECTION-500-016",
        "The home metadata collection identifier {0} found by method {1} for instance with GUID {2} is not "
        "the metadata collection identifier {3} for the local metadata repository {4}",
        "A request to update a metadata instance (entity or relationship) has been encountered on a "
        "reference copy metadata instance.",
        "Locate the open metadata repository that has the home instance and perform the update at that "
        "repository.",
    )
    INSTANCE_HOME_IS_LOCAL = (
        500,
        "OMRS-METADATA-COLLECTION-500-017",
        "The home metadata collection identifier {0} found by method {1} for instance with GUID {2} is the "
        "metadata collection identifier {3} for the local metadata repository {4}",
        "A rehome request to update a metadata instance (entity or relationship) metadata collection id has "
        "been encountered on a local metadata instance.  This request should be issues on the new home "
        "repository.",
        "Locate the open metadata repository that is to be the new home of the instance and perform the "
        "rehome at that repository.",
    )
    ENTITY_CAN_NOT_BE_UPDATED = (
        503,
        "OMRS-LOCAL-REPOSITORY-503-009",
        "The local OMRS repository connector {0} has been asked to update entity {1} but it is not the "
        "owner.It is not able to complete the {2} request",
        "There is a logic issue either in the EnterpriseOMRSRepositoryConnector causing an update request to"
        " be routed to the wrong repository, or there is an error in the local repository.",
        "Open a Github issue in order for this to be addressed by the Egeria team.",
    )
    RELATIONSHIP_CAN_NOT_BE_UPDATED = (
        503,
        "OMRS-LOCAL-REPOSITORY-503-010",
        "The local OMRS repository connector {0} has been asked to update relationship {1} but it is not the"
        " owner.It is not able to complete the {2} request",
        "There is a logic problem either in the EnterpriseOMRSRepositoryConnector causing an update request "
        "to be routed to the wrong repository, or there is an error in the local repository.",
        "Open up a Github issue in order for this to be addressed by the Egeria team.",
    )
    HOME_REFRESH = (
        400,
        "OMRS-REPOSITORY-400-063",
        "Method {0} is unable to request a refresh of instance {1} as it is a local member of metadata "
        "collection {2} in repository {3}",
        "The system can not continue to action the request.",
        "Review the error messages and other diagnostics created at the same time.",
    )
    NOT_FOR_LOCAL_COLLECTION = (
        400,
        "OMRS-LOCAL-REPOSITORY-400-002",
        "The local repository is not able to re-home the instance {0} of type {1} ({2}) because it is not "
        "managing the repository with the requested home metadata collection of {3}.  This local repository "
        "is managing the {4} metadata collection",
        "The system can not continue processing the request.",
        "Retry the request on the repository with the requested metadata collection identifier or retry the "
        "request on this repository with the local metadata collection identifier.",
    )
    NULL_REFERENCE_INSTANCE = (
        400,
        "OMRS-REPOSITORY-400-041",
        "A null reference instance has been passed to repository {0} during the {1} in the {2} parameter",
        "The system is unable to perform the request because the instance is needed.",
        "The reference instance comes from another server.  Look for errors in the audit log and validate "
        "that the message passing protocol levels are compatible. If nothing is obviously wrong with the set"
        " up, raise a Github issue or ask for help on the dev mailing list.",
    )
    INVALID_INSTANCES = (
        400,
        "OMRS-REPOSITORY-400-073",
        "An invalid instance was found in a batch of reference instances send by a remote member of the "
        "cohort. The exception was {0} with message {1}",
        "The instances that appear earlier in the batch have been processed.  However the server will not "
        "process any more of the batch in case there are other problems with it.",
        "Review the instances from the event (passed as additional information on this log message) to "
        "determine the source of the error and its resolution.",
    )
    # --- Types
    TYPEDEF_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-004",
        "The TypeDef {0} (guid = {1}) passed on the {2} parameter of the {3} operation is not known to the "
        "open metadata repository {4}",
        "The system is unable to retrieve the properties for the requested TypeDef because the supplied "
        "identifier is not recognized.",
        "The identifier is supplied by the caller.  It may have a logic problem that has corrupted the "
        "identifier, or the typedef has been deleted since the identifier was retrieved.",
    )
    TYPEDEF_ID_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-007",
        "The TypeDef unique identifier {0} passed as parameter {1} on a {2} request to open metadata "
        "repository {3} is not known to this repository",
        "The system is unable to retrieve the properties for the requested TypeDef because the supplied "
        "identifiers have not been recognized.",
        "The identifier is supplied by the caller.  It may have a logic defect that has corrupted the "
        "identifier, or the TypeDef has been deleted since the identifier was retrieved.",
    )
    TYPEDEF_NAME_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-009",
        "The TypeDef unique name {0} passed on a {1} request to open metadata repository {2} is not known to"
        " this repository",
        "The system is unable to retrieve the properties for the requested TypeDef because the supplied "
        "identifiers are not recognized.",
        "The identifier is supplied by the caller.  It may have a logic problem that has corrupted the "
        "identifier, or the TypeDef has been deleted since the identifier was retrieved.",
    )
    ATTRIBUTE_TYPEDEF_ID_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-008",
        "The AttributeTypeDef {0} (guid {1}) passed on a {2} request to open metadata repository {3} is not "
        "known to this repository",
        "The system is unable to retrieve the properties for the requested AttributeTypeDef because the "
        "supplied identifiers are not recognized.",
        "The identifier is supplied by the caller.  It may have a logic problem that has corrupted the "
        "identifier, or the AttributeTypeDef has been deleted since the identifier was retrieved.",
    )
    ATTRIBUTE_TYPEDEF_NAME_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-010",
        "The TypeDef unique name {0} passed on a {1} request to open metadata repository {2} is not known to"
        " the repository",
        "The system is unable to retrieve the properties for the requested TypeDef as the supplied "
        "identifiers are not recognized.",
        "The identifier is supplied by the caller.  It may have a logic problem that has corrupted the "
        "identifier, or the TypeDef may have been deleted since the identifier was retrieved.",
    )
    TYPEDEF_ALREADY_DEFINED = (
        400,
        "OMRS-REPOSITORY-400-003",
        "Unable to add the TypeDef {0} (guid = {1}) since it is already defined in the open metadata "
        "repository {2}",
        "The system is unable to add the TypeDef to its repository because it is already defined.",
        "Validate that the existing type definition is as required.  It is possible to patch the TypeDef, or"
        " delete it and re-define it.",
    )
    ATTRIBUTE_TYPEDEF_ALREADY_DEFINED = (
        400,
        "OMRS-REPOSITORY-400-004",
        "Unable to add the AttributeTypeDef {0} (guid = {1}) since it is already defined in the open "
        "metadata repository {2}",
        "The system is unable to delete the AttributeTypeDef because because it is already defined.",
        "Validate that the existing attribute type definition is as required.  It is not possible to patch "
        "the AttributeTypeDef so re-define it with a new name.",
    )
    TYPEDEF_IN_USE = (
        400,
        "OMRS-REPOSITORY-400-001",
        "Unable to delete the TypeDef {0} (guid = {1}) since it is still in use in the open metadata "
        "repository {2}",
        "The system is unable to delete the TypeDef because there are still instances in the metadata "
        "repository that are using it.",
        "Remove the existing instances from the open metadata repositories and try the delete again.",
    )
    ATTRIBUTE_TYPEDEF_IN_USE = (
        400,
        "OMRS-REPOSITORY-400-002",
        "Unable to delete the AttributeTypeDef {0} (guid = {1}) since it is still in use in the open "
        "metadata repository {2}",
        "The system is unable to delete the AttributeTypeDef because there are still instances in the "
        "metadata repository that are using it.",
        "Remove the instances that have properties of this type from the open metadata repositories and try "
        "the delete again.",
    )
    INVALID_TYPEDEF = (
        400,
        "OMRS-REPOSITORY-400-017",
        "An invalid TypeDef {0} (guid={1}) has been passed as the {2} parameter on a {3} request to open "
        "metadata repository {4}. Full TypeDef is {5}",
        "The system is not able to perform the request because the TypeDef is needed.",
        "Correct the caller's source code and retry the request.",
    )
    NULL_TYPEDEF = (
        400,
        "OMRS-REPOSITORY-400-019",
        "A null TypeDef has been passed as the {0} parameter on a {1} request to the open metadata "
        "repository {2}",
        "The system is unable to perform the request because the TypeDef is needed to perform the operation.",
        "Fix the invoking code and retry the request.",
    )
    NULL_TYPEDEF_GALLERY = (
        400,
        "OMRS-REPOSITORY-400-021",
        "A null TypeDefGalleryResponse object has been passed as the {0} parameter on a {1} request to open "
        "metadata repository {2}",
        "The system is unable to perform the request because the TypeDefGalleryResponse should contain the "
        "information to process.",
        "Fix the invocation of this call and retry the request.",
    )
    NULL_TYPEDEF_PATCH = (
        400,
        "OMRS-REPOSITORY-400-049",
        "A null TypeDef patch has been passed on the {0} operation of repository {1}",
        "The system is unable to perform the request because it needs the patch to process the update.",
        "Correct the calling code and reattempt the request.",
    )
    WRONG_TYPEDEF_CATEGORY = (
        500,
        "OMRS-CONTENT-MANAGER-500-006",
        "The repository content manager has received an instance {0} of class {1} with an open metadata type"
        " name of {2}, which is from category {3}",
        "The local repository has received an instance either from an Open Metadata Archive, or another "
        "member of one of its Open Metadata Repository Cohorts, that is using a type from a different "
        "category of instance.",
        "Trace the caller of the request to determine where the came from and correct the source.",
    )
    # --- Properties and search
    BAD_PROPERTY_FOR_TYPE = (
        400,
        "OMRS-REPOSITORY-400-028",
        "A property called {0} has been proposed for a metadata instance of category {1} and type {2}; it is"
        " not supported for this type in open metadata repository {3}",
        "The system is unable to store the metadata instance in the metadata repository because the "
        "properties listed do not match the supplied type definition.",
        "Verify that the property name is spelt correctly and the correct type has been used. Correct the "
        "call to the metadata repository and retry.",
    )
    NO_PROPERTIES_FOR_TYPE = (
        400,
        "OMRS-REPOSITORY-400-029",
        "Properties have been proposed for a new metadata instance of category {0} and type {1}; properties "
        "not supported for this type in open metadata repository {2}",
        "The system is unable to store the metadata instance in the metadata repository as the properties "
        "listed do not match the supplied type definition.",
        "Verify that the property name is spelt correctly and the correct type has been used. Fix the call "
        "to the metadata repository and retry.",
    )
    NO_NEW_PROPERTIES = (
        400,
        "OMRS-REPOSITORY-400-037",
        "No properties have been passed on the {0} parameter on a {1} request to open metadata repository "
        "{2}",
        "The system is unable to process this metadata instance request.",
        "The instance status is supplied by the caller to the API. This call needs to be fixed before the "
        "server can operate correctly.",
    )
    INVALID_PROPERTY_SEARCH = (
        400,
        "OMRS-REPOSITORY-400-074",
        "An invalid list of property-based search conditions was provided: nestedConditions is mutually "
        "exclusive with property, operator, value",
        "The system is unable to process the requested search because the provided options are "
        "mutually-exclusive.",
        "Review the request payload and provide only a nestedConditions or a property, operator, value "
        "payload for each property-based condition object in the list of conditions.",
    )
    INVALID_LIST_CONDITION = (
        400,
        "OMRS-REPOSITORY-400-076",
        "An invalid list was provided for the value of an IN operator",
        "The system is unable to process the requested search because an ArrayPropertyValue is required as "
        "the value for the IN operator.",
        "Review the request payload and ensure that an ArrayPropertyValue is provided when using the IN "
        "operator.",
    )
    INVALID_LIKE_CONDITION = (
        400,
        "OMRS-REPOSITORY-400-077",
        "An invalid string was provided for the value of a LIKE operator",
        "The system is unable to process the requested search because only a string is permitted as the "
        "value for the LIKE operator.",
        "Review the request payload and ensure that a PrimitivePropertyValue of type "
        "OM_PRIMITIVE_TYPE_STRING is provided when using the LIKE operator.",
    )
    INVALID_NUMERIC_CONDITION = (
        400,
        "OMRS-REPOSITORY-400-078",
        "An invalid string was provided for the value of the {0} operator",
        "The system is unable to process the requested search because only a date or number is permitted as "
        "the value for the provided operator.",
        "Review the request payload and ensure that a PrimitivePropertyValue of a date or numeric type is "
        "provided when using the provided operator.",
    )
    INVALID_SEARCH_CRITERIA = (
        400,
        "OMRS-PROPERTIES-400-006",
        "A {0} exception was returned when matching {2} against {1} in method {4}.  The exception message "
        "was: {3}",
        "There was an error in the creation of an AttributeDefType.",
        "Fux the call to the AttributeDefType object to use a valid type.",
    )
    NO_SEARCH_CRITERIA = (
        400,
        "OMRS-REPOSITORY-400-013",
        "A null search criteria has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to perform the request because the search criteria is needed.",
        "Correct the caller's code and repeat the request again.",
    )
    # --- Parameters, paging and time
    NULL_USER_ID = (
        400,
        "OMRS-REPOSITORY-400-027",
        "A null user name has been passed as the {0} parameter on a {1} request to open metadata repository "
        "{2}",
        "The system is not able to access the local metadata repository.",
        "The user name is supplied by the caller to the API. This call needs to be corrected before the "
        "server can operate correctly.",
    )
    NO_GUID = (
        400,
        "OMRS-REPOSITORY-400-014",
        "A null unique identifier (guid) has been passed as the {0} parameter on a {1} request to open "
        "metadata repository {2}",
        "The system is unable to perform the request because the unique identifier is needed.",
        "Fix the calling code and retry the request.",
    )
    NEGATIVE_PAGE_SIZE = (
        400,
        "OMRS-REPOSITORY-400-050",
        "A negative pageSize of {0} has been passed on the {0} parameter of a {1} request to open metadata "
        "repository {2}",
        "The system is unable to process the request.",
        "The pageSize parameter is supplied by the caller to the API. This call needs to be corrected before"
        " the server will operate correctly.",
    )
    REPOSITORY_NOT_CRYSTAL_BALL = (
        400,
        "OMRS-REPOSITORY-400-038",
        "A future time of {0} has been passed on the {0} parameter of a {1} request to open metadata "
        "repository {2}",
        "The system declines to process the request lest it gives away its secret powers.",
        "The asOfTime is supplied by the caller to the API. This call needs to be corrected before the "
        "server will function correctly.",
    )
    NULL_AS_OF_TIME = (
        400,
        "OMRS-REPOSITORY-400-057",
        "The OMRS repository connector operation {0} does not allow a null value for {1} from {2}",
        "The system is unable continue processing the request because there is an error with the caller of "
        "the method.",
        "Correct the code in the caller's method and retry the request.",
    )
    INVALID_TIME_RANGE = (
        400,
        "OMRS-REPOSITORY-400-083",
        "The OMRS repository connector operation {0} does not allow a time range from {1} to {2}",
        "The system is unable continue processing the request because the time range provided does not "
        "overlap.",
        "Correct the code in the caller's method (potentially just reverse the times) and retry the request.",
    )
    # --- Repository and platform errors
    METHOD_NOT_IMPLEMENTED = (
        501,
        "OMRS-METADATA-COLLECTION-501-001",
        "OMRSMetadataInstanceStore method {0} for OMRS Connector {1} to repository type {2} is not "
        "implemented",
        "A method in MetadataCollectionBase was called which means that the connector's "
        "OMRSMetadataInstanceStore (a subclass of MetadataCollectionBase) does not have a complete "
        "implementation.",
        "Report this to the Egeria team via a GitHub issue so that it can be addressed.",
    )
    UNEXPECTED_EXCEPTION = (
        400,
        "OMRS-REPOSITORY-400-062",
        "An unexpected {0} exception was caught by {1}; error message was {2}",
        "The system is not able to take action on the request.",
        "Review the error message and other diagnostics created at the same time.",
    )
    REPOSITORY_LOGIC_ERROR = (
        500,
        "OMRS-METADATA-COLLECTION-500-012",
        "Open metadata repository {0} has encountered an unexpected exception during the {1} operation.  The"
        " full message was {2}",
        "There is an internal error within the OMRS repository connector.",
        "Open a Github issue against Egeria to get this fixed.",
    )
    METADATA_COLLECTION_ID_MISMATCH = (
        500,
        "OMRS-REST-REPOSITORY-CONNECTOR-500-001",
        "A remote open metadata repository {0} returned a metadata collection identifier of {1} on its REST "
        "API after it registered with the cohort using a metadata collection identifier of {2}",
        "There is a configuration error in the remote open metadata repository.",
        "Review the set up of the remote repository.  Has it be reconfigured and changed its metadata "
        "collection id? It may be that the server-url-root parameter is incorrectly set and is clashing with"
        " the setting in another server registered with the same cohort.",
    )
    NULL_RESPONSE_FROM_API = (
        503,
        "OMRS-REST-API-503-004",
        "A null response was received from REST API call {0} to repository {1}",
        "The server has issued a call to the open metadata repository REST API services in a remote "
        "repository and has received a null response.",
        "Look for errors in the remote repository's audit log and console to understand and correct the "
        "source of the error.",
    )

    # --- TypeDef operations and instance validation

    NO_TYPEDEF_NAME = (
        400,
        "OMRS-REPOSITORY-400-007",
        "A null TypeDef name has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to perform the request because the TypeDef name is needed.",
        "Correct the caller's code to include the TypeDef name and retry the request.",
    )
    NO_ATTRIBUTE_TYPEDEF_NAME = (
        400,
        "OMRS-REPOSITORY-400-008",
        "A null AttributeTypeDef name has been passed as the {0} parameter on a {1} request to open "
        "metadata repository {2}",
        "The system is unable to perform the request because the AttributeTypeDef name is needed.",
        "Correct the caller's code to include the AttributeTypeDef name and retry the request.",
    )
    NO_TYPEDEF_CATEGORY = (
        400,
        "OMRS-REPOSITORY-400-009",
        "A null TypeDef category has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to perform the request because the TypeDef category is needed.",
        "Correct the caller's code and retry the request.",
    )
    NO_ATTRIBUTE_TYPEDEF_CATEGORY = (
        400,
        "OMRS-REPOSITORY-400-010",
        "A null AttributeTypeDef category has been passed as the {0} parameter on a {1} request to open "
        "metadata repository {2}",
        "The system is unable to perform the request because the AttributeTypeDef category is needed.",
        "Fix the caller's code and try the request again.",
    )
    NO_MATCH_CRITERIA = (
        400,
        "OMRS-REPOSITORY-400-011",
        "A null list of match criteria properties has been passed as the {0} parameter on a {1} request "
        "to open metadata repository {2}",
        "The system is unable to perform the request because the match criteria is needed.",
        "Correct the calling code and retry the request.",
    )
    NO_EXTERNAL_ID = (
        400,
        "OMRS-REPOSITORY-400-012",
        "Null values for all the parameters describing an external id for a standard has been passed on a"
        " {0} request to open metadata repository {1}",
        "The system is unable to perform the request because at least one of the values are needed.",
        "Correct the caller's code and repeat the request.",
    )
    NULL_ATTRIBUTE_TYPEDEF = (
        400,
        "OMRS-REPOSITORY-400-020",
        "A null AttributeTypeDef has been passed as the {0} parameter on a {1} request to the open "
        "metadata repository {2}",
        "The system is unable to perform the request because the AttributeTypeDef is needed to perform "
        "the operation.",
        "Correct the invoking source code and retry the request.",
    )
    NULL_TYPEDEF_IDENTIFIER = (
        400,
        "OMRS-REPOSITORY-400-022",
        "A null unique identifier (guid) for a TypeDef object has been passed as the {0} parameter on a "
        "{1} request to open metadata repository {2}",
        "The system is unable to perform the request because the identifier for the TypeDef is needed to "
        "proceed.",
        "Fix the invocation in the caller's code and retry the request.",
    )
    NULL_ATTRIBUTE_TYPEDEF_IDENTIFIER = (
        400,
        "OMRS-REPOSITORY-400-024",
        "A null unique identifier (guid) for a AttributeTypeDef object has been passed as the {0} "
        "parameter on a {1} request to open metadata repository {2}",
        "The system is unable to perform the request because the identifier for the AttributeTypeDef is "
        "needed to proceed.",
        "Correct the caller's code and try the request again.",
    )
    NULL_CLASSIFICATION_NAME = (
        400,
        "OMRS-REPOSITORY-400-026",
        "A null classification name has been passed as the {0} parameter on a {1} request to open "
        "metadata repository {2}",
        "The system is unable to access the local metadata repository.",
        "The classification name is supplied by the caller to the API. This call needs to be corrected "
        "before the server can operate correctly.",
    )
    BAD_PROPERTY_TYPE = (
        400,
        "OMRS-REPOSITORY-400-030",
        "A property called {0} of type {1} has been proposed for a new metadata instance of category {2} "
        "and type {3}; this property should be of type {4} in open metadata repository {5}",
        "The system is unable to store the metadata instance in the metadata repository since the "
        "properties listed do not match the supplied type definition.",
        "Check that the property name is spelt correctly and the correct type has been used. Correct the "
        "call to the metadata repository and retry.",
    )
    NULL_PROPERTY_NAME_FOR_INSTANCE = (
        400,
        "OMRS-REPOSITORY-400-031",
        "A null property name has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to process the metadata instance.",
        "The property name is supplied by the caller to the API. This call needs to be corrected before "
        "the server can operate correctly.",
    )
    NULL_PROPERTY_VALUE_FOR_INSTANCE = (
        400,
        "OMRS-REPOSITORY-400-032",
        "A null property value has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is not able to process the metadata instance.",
        "The property value is supplied by the caller to the API. This call needs to be corrected before "
        "the server can operate correctly.",
    )
    NULL_PROPERTY_TYPE_FOR_INSTANCE = (
        400,
        "OMRS-REPOSITORY-400-033",
        "A null property type has been passed as the {0} parameter on a {1} request to open metadata "
        "repository {2}",
        "The system is unable to correctly process the metadata instance.",
        "The property type is supplied by the caller to the API. This call needs to be corrected before "
        "the server can operate correctly.",
    )
    BAD_TYPEDEF_ID_FOR_INSTANCE = (
        400,
        "OMRS-REPOSITORY-400-034",
        "A invalid TypeDef unique identifier (guid) has been passed as the {0} parameter on a {1} request"
        " to open metadata repository {2}",
        "The system is unable to perform the request because the unique identifier is required.",
        "Fix the caller's code and try the request again when done.",
    )
    VERIFY_CONFLICT_DETECTED = (
        400,
        "OMRS-REPOSITORY-400-059",
        "Type definition with guid {0} and name {1} conflicts with an existing type definition in open "
        "metadata repository {2}",
        "The system is unable to verify the supplied type definition because has different values from "
        "the type already defined in the repository.",
        "Review the supplied and stored types to locate the conflict and then ensure they are aligned by "
        "patching or deleting one of the type definitions.",
    )
    UNSUPPORTED_TYPE_HEADER_VERSION = (
        400,
        "OMRS-REPOSITORY-400-065",
        "Method {0} is unable to accept the new type definition {1} from {2} because it has a header "
        "version of {3} which is greater than this repository can support ({4})",
        "The system will not to process this request.",
        "The repository is sharing metadata with a repository of greater capability and the local "
        "repository is unable to work with its types.  It may be time to upgrade the local repository.",
    )
    INVALID_PATCH_VERSION = (
        400,
        "OMRS-REPOSITORY-400-067",
        "Method {0} has detected invalid version values in TypeDef patch from {1}. The updateToVersion "
        "{2} is less than the applyToVersion {3}.  This is the contents of the patch {4}",
        "The system is unable to process the patch because it is invalid.",
        "Correct the source of the patch and then try reloading it.",
    )
    INCOMPATIBLE_PATCH_VERSION = (
        400,
        "OMRS-REPOSITORY-400-068",
        "Method {0} has detected that a TypeDef patch from {1} is for a future level from the active "
        "TypeDef.  The applyToVersion is {2} and the active TypeDef's version is {3}. This is the "
        "contents of the patch {4}",
        "The system is unable to process the patch because it is for a future version of the type.  This "
        "means there is at least one missing patch that needs to be applied first",
        "Locate and load the previous versions of the patch and then try reloading this one.",
    )
    NULL_MANDATORY_PATCH_FIELD = (
        400,
        "OMRS-REPOSITORY-400-069",
        "Method {0} has detected that a TypeDef patch from {1} has the mandatory field {2} set to null "
        "which is invalid. This is the contents of the patch {3}",
        "The system is unable to process the patch as it is invalid.",
        "Correct the source of the patch and then try loading it again.",
    )
    INCOMPATIBLE_PROPERTY_PATCH = (
        400,
        "OMRS-REPOSITORY-400-070",
        "Method {0} has detected that a TypeDef patch from {1} attempts to change the type of property "
        "{2} from {3} to {4}. This is the contents of the patch {5}",
        "The system is unable to process the patch since it is invalid.",
        "Correct the source of the patch and then try reloading it again.",
    )
    TYPEDEF_NOT_KNOWN_FOR_INSTANCE = (
        404,
        "OMRS-REPOSITORY-404-005",
        "The TypeDef {0} of category {1} passed by the {2} operation is not known to the open metadata "
        "repository {3}",
        "The system is unable to retrieve the properties for the requested TypeDef since the supplied "
        "identifier is not recognized.",
        "The identifier is supplied by the caller.  It may have a logic problem that has corrupted the "
        "identifier, or the typedef may have been deleted since the identifier was retrieved.",
    )
    BAD_CATEGORY_FOR_TYPEDEF_ATTRIBUTE = (
        500,
        "OMRS-CONTENT-MANAGER-500-004",
        "Source {0} has requested type {1} with an incompatible category of {2} from repository content "
        "manager",
        "There is an error in the Open Metadata Repository Services (OMRS) operation, probably in the "
        "source component.",
        "Raise a Github issue so that this can be fixed.",
    )
    TYPEDEF_NOT_SUBTYPE = (
        400,
        "OMRS-REPOSITORY-400-079",
        "The provided subtype {0} is not a subtype of typedef {1}",
        "The system is unable to process the requested search because the specified subtype is not a "
        "known subtype of the provided type.",
        "Review the request payload and ensure that the list of subtypes includes only valid subtypes for"
        " the provided entity type.",
    )
    NULL_TYPEDEF_NAME = (
        400,
        "OMRS-REPOSITORY-400-023",
        "A null unique name for a TypeDef object has been passed as the {0} parameter on a {1} request to"
        " open metadata repository {2}",
        "The system is not able to perform the request because the identifier for the TypeDef is needed "
        "to proceed.",
        "Fix the invocation in the caller's code and repeat the request.",
    )
    ATTRIBUTE_TYPEDEF_NOT_KNOWN = (
        404,
        "OMRS-REPOSITORY-404-006",
        "The AttributeTypeDef {0} (guid = {1}) passed on the {2} call is not known to the open metadata "
        "repository {3}",
        "The system is unable to retrieve the properties for the requested TypeDef as the supplied "
        "identifier is not recognized.",
        "The identifier is supplied by the caller.  It may have a logic issue that has corrupted the "
        "identifier, or the typedef has been deleted since the identifier was retrieved.",
    )
    INVALID_ATTRIBUTE_TYPEDEF = (
        400,
        "OMRS-REPOSITORY-400-018",
        "An invalid AttributeTypeDef {0} (guid={1}) has been passed as the {2} parameter on a {3} request"
        " to open metadata repository {4}. Full AttributeTypeDef is {5}",
        "The system is unable to perform the request as the AttributeTypeDef is needed.",
        "Correct the caller's source code and repeat the request.",
    )

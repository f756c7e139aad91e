"""The read-only TypeDef operations (queries and verification) of Group 2, over a :class:`TypeGallery`.

Egeria's filters (``OMRSMetadataCollectionBase.filterTypeDefs*``) return ``null`` for an empty result, which
travels as an omitted list; these methods return ``None`` likewise.
"""

from __future__ import annotations

import re

from graphrepo.metamodel._gallery import TypeGallery
from graphrepo.metamodel._typedef_checks import (
    check_attribute_type_def,
    check_attribute_type_def_ids,
    check_guid,
    check_present,
    check_type_def,
    check_type_def_ids,
    check_user_id,
)
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeTypeDefCategory,
    ClassificationDef,
    InvalidParameterException,
    JavaRegexError,
    OMRSErrorCode,
    RelationshipDef,
    TypeDefCategory,
    TypeDefConflictException,
    TypeDefGallery,
    TypeDefNotKnownException,
    TypeDefProperties,
    compile_java_regex,
    to_wire,
)

__all__ = ["TypeDefQueries"]


class TypeDefQueries:
    """getAllTypes, find*, search, get*, verify*: everything of Group 2 that changes nothing."""

    def __init__(self, gallery: TypeGallery, repository_name: str) -> None:
        self.gallery = gallery
        self.repository_name = repository_name

    # --- queries ------------------------------------------------------------------------------------------

    def get_all_types(self, user_id: str) -> TypeDefGallery:
        self._user(user_id, "getAllTypes")
        return TypeDefGallery(
            attribute_type_defs=list(self.gallery.attribute_type_defs()),
            type_defs=list(self.gallery.type_defs()),
        )

    def find_types_by_name(self, user_id: str, name: str | None) -> TypeDefGallery | None:
        """Types whose name fully matches the Java regex ``name``; None when nothing matches."""
        method = "findTypesByName"
        self._user(user_id, method)
        check_present(name, OMRSErrorCode.NO_TYPEDEF_NAME, "name", method, self.repository_name)
        pattern = self._regex(str(name), "name", method)
        type_defs = [t for t in self.gallery.type_defs() if pattern.fullmatch(t.name or "")]
        attribute_type_defs = [
            a for a in self.gallery.attribute_type_defs() if pattern.fullmatch(a.name or "")
        ]
        if not type_defs and not attribute_type_defs:
            return None
        return TypeDefGallery(attribute_type_defs=attribute_type_defs, type_defs=type_defs)

    def find_type_defs_by_category(
        self, user_id: str, category: TypeDefCategory | None
    ) -> list[AnyTypeDef] | None:
        method = "findTypeDefsByCategory"
        self._user(user_id, method)
        check_present(category, OMRSErrorCode.NO_TYPEDEF_CATEGORY, "category", method, self.repository_name)
        return [t for t in self.gallery.type_defs() if t.category is category] or None

    def find_attribute_type_defs_by_category(
        self, user_id: str, category: AttributeTypeDefCategory | None
    ) -> list[AnyAttributeTypeDef] | None:
        method = "findAttributeTypeDefsByCategory"
        self._user(user_id, method)
        check_present(
            category, OMRSErrorCode.NO_ATTRIBUTE_TYPEDEF_CATEGORY, "category", method, self.repository_name
        )
        return [a for a in self.gallery.attribute_type_defs() if a.category is category] or None

    def find_type_defs_by_property(
        self, user_id: str, match_criteria: TypeDefProperties | None
    ) -> list[AnyTypeDef] | None:
        """TypeDefs that define every named property themselves (Egeria's filter reads only the type's own
        ``propertiesDefinition``, not inherited ones)."""
        method = "findTypeDefsByProperty"
        self._user(user_id, method)
        if match_criteria is None:
            check_present(
                None, OMRSErrorCode.NO_MATCH_CRITERIA, "matchCriteria", method, self.repository_name
            )
            return None
        wanted = set(match_criteria.type_def_properties)
        return [
            t
            for t in self.gallery.type_defs()
            if wanted <= {a.attribute_name for a in t.properties_definition}
        ] or None

    def find_types_by_external_id(
        self, user_id: str, standard: str | None, organization: str | None, identifier: str | None
    ) -> list[AnyTypeDef] | None:
        """TypeDefs with an external standard mapping whose standard, organization *or* type name matches
        (Egeria ORs the three); each type is listed once."""
        method = "findTypesByExternalID"
        self._user(user_id, method)
        if standard is None and organization is None and identifier is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NO_EXTERNAL_ID,
                method,
                self.repository_name,
                action=method,
                parameter_name="externalId",
            )
        found: list[AnyTypeDef] = []
        for type_def in self.gallery.type_defs():
            mappings = list(type_def.external_standard_mappings)
            for attribute in type_def.properties_definition:
                mappings.extend(attribute.external_standard_mappings)
            if any(
                (m.standard_name is not None and m.standard_name == standard)
                or (m.standard_organization is not None and m.standard_organization == organization)
                or (m.standard_type_name is not None and m.standard_type_name == identifier)
                for m in mappings
            ):
                found.append(type_def)
        return found or None

    def search_for_type_defs(self, user_id: str, search_criteria: str | None) -> list[AnyTypeDef] | None:
        """TypeDefs whose name fully matches the Java regex (``String.matches``)."""
        method = "searchForTypeDefs"
        self._user(user_id, method)
        check_present(
            search_criteria, OMRSErrorCode.NO_SEARCH_CRITERIA, "searchCriteria", method, self.repository_name
        )
        pattern = self._regex(str(search_criteria), "searchCriteria", method)
        return [t for t in self.gallery.type_defs() if pattern.fullmatch(t.name or "")] or None

    def get_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyTypeDef:
        method = "getTypeDefByGUID"
        self._user(user_id, method)
        known = self.gallery.type_def_by_guid(check_guid(guid, "guid", method, self.repository_name))
        if known is None:
            raise TypeDefNotKnownException.for_guid(str(guid), "guid", method, self.repository_name)
        return known

    def get_type_def_by_name(self, user_id: str, name: str | None) -> AnyTypeDef:
        method = "getTypeDefByName"
        self._user(user_id, method)
        check_present(name, OMRSErrorCode.NO_TYPEDEF_NAME, "name", method, self.repository_name)
        known = self.gallery.type_def_by_name(str(name))
        if known is None:
            raise TypeDefNotKnownException.for_name(str(name), method, self.repository_name)
        return known

    def get_attribute_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyAttributeTypeDef:
        method = "getAttributeTypeDefByGUID"
        self._user(user_id, method)
        known = self.gallery.attribute_type_def_by_guid(
            check_guid(guid, "guid", method, self.repository_name)
        )
        if known is None:
            raise TypeDefNotKnownException.for_guid(str(guid), "guid", method, self.repository_name)
        return known

    def get_attribute_type_def_by_name(self, user_id: str, name: str | None) -> AnyAttributeTypeDef:
        method = "getAttributeTypeDefByName"
        self._user(user_id, method)
        check_present(name, OMRSErrorCode.NO_TYPEDEF_NAME, "name", method, self.repository_name)
        known = self.gallery.attribute_type_def_by_name(str(name))
        if known is None:
            raise TypeDefNotKnownException.for_name(str(name), method, self.repository_name)
        return known

    # --- verify ---------------------------------------------------------------------------------------

    def verify_type_def(self, user_id: str, type_def: AnyTypeDef | None) -> bool:
        """True: the same type (name, GUID, versionName) is known; False: the name is not known;
        TypeDefConflictException: the name is known with another GUID or versionName."""
        method = "verifyTypeDef"
        self._user(user_id, method)
        checked = check_type_def(type_def, "typeDef", method, self.repository_name)
        existing = self.gallery.type_def_by_name(str(checked.name))
        if existing is None:
            return False
        if existing.guid == checked.guid and existing.version_name == checked.version_name:
            return True
        raise self._conflict(checked.guid, checked.name, method)

    def verify_attribute_type_def(self, user_id: str, attribute_type_def: AnyAttributeTypeDef | None) -> bool:
        """As :meth:`verify_type_def`. Egeria compares the whole bean with ``equals``; we compare what makes
        the type the same type (class, GUID, version name and structure), so a peer on another release whose
        description texts differ is not reported as a conflict."""
        method = "verifyAttributeTypeDef"
        self._user(user_id, method)
        checked = check_attribute_type_def(
            attribute_type_def, "attributeTypeDef", method, self.repository_name
        )
        existing = self.gallery.attribute_type_def_by_name(str(checked.name))
        if existing is None:
            return False
        if _attribute_identity(existing) == _attribute_identity(checked):
            return True
        raise self._conflict(checked.guid, checked.name, method)

    # --- helpers ----------------------------------------------------------------------------------------

    def _user(self, user_id: str | None, method: str) -> None:
        check_user_id(user_id, method, self.repository_name)

    def _regex(self, expression: str, parameter: str, method: str) -> re.Pattern[str]:
        try:
            return compile_java_regex(expression)
        except JavaRegexError as error:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.INVALID_SEARCH_CRITERIA,
                "java.util.regex.PatternSyntaxException",
                expression,
                "TypeDef names",
                str(error),
                method,
                action=method,
                parameter_name=parameter,
            ) from error

    def _conflict(self, guid: object, name: object, method: str) -> TypeDefConflictException:
        return TypeDefConflictException.from_code(
            OMRSErrorCode.VERIFY_CONFLICT_DETECTED, guid, name, self.repository_name, action=method
        )

    def _known_type_def(
        self, guid: str | None, name: str | None, guid_parameter: str, name_parameter: str, method: str
    ) -> AnyTypeDef:
        # Unknown GUID: the interface's TypeDefNotKnownException (Egeria's wrapper turns it into an
        # InvalidParameterException by accident of its helper); a name of another type: a caller error.
        guid, name = check_type_def_ids(
            guid, name, guid_parameter, name_parameter, method, self.repository_name
        )
        known = self.gallery.type_def_by_guid(guid)
        if known is None:
            raise TypeDefNotKnownException.for_guid(guid, guid_parameter, method, self.repository_name)
        if known.name != name:
            raise self._mismatch(guid, name, known.name, guid_parameter, name_parameter, method)
        return known

    def _known_attribute_type_def(
        self, guid: str | None, name: str | None, guid_parameter: str, name_parameter: str, method: str
    ) -> AnyAttributeTypeDef:
        guid, name = check_attribute_type_def_ids(
            guid, name, guid_parameter, name_parameter, method, self.repository_name
        )
        known = self.gallery.attribute_type_def_by_guid(guid)
        if known is None:
            raise TypeDefNotKnownException.from_code(
                OMRSErrorCode.ATTRIBUTE_TYPEDEF_ID_NOT_KNOWN,
                name,
                guid,
                method,
                self.repository_name,
                action=method,
            )
        if known.name != name:
            raise self._mismatch(guid, name, known.name, guid_parameter, name_parameter, method)
        return known

    def _mismatch(
        self, guid: str, name: str, known_name: object, guid_parameter: str, name_parameter: str, method: str
    ) -> InvalidParameterException:
        return InvalidParameterException.from_code(
            OMRSErrorCode.TYPEDEF_NOT_KNOWN_FOR_INSTANCE,
            f"{name} (guid {guid}, which is {known_name})",
            "TypeDef",
            method,
            self.repository_name,
            action=method,
            parameter_name=f"{guid_parameter} or {name_parameter}",
        )

    def _referenced_by(self, name: str) -> bool:
        for type_def in self.gallery.type_defs():
            if type_def.name == name:
                continue
            if type_def.super_type is not None and type_def.super_type.name == name:
                return True
            if isinstance(type_def, RelationshipDef) and any(
                end is not None and end.entity_type is not None and end.entity_type.name == name
                for end in (type_def.end_def1, type_def.end_def2)
            ):
                return True
            if isinstance(type_def, ClassificationDef) and any(
                link.name == name for link in type_def.valid_entity_defs
            ):
                return True
        return False


def _attribute_identity(attribute_type_def: AnyAttributeTypeDef) -> dict[str, object]:
    document = to_wire(attribute_type_def)
    for descriptive in ("description", "descriptionGUID", "descriptionWiki", "headerVersion"):
        document.pop(descriptive, None)
    for element in document.get("elementDefs") or ():
        element.pop("description", None)
        element.pop("descriptionGUID", None)
    return document

"""Egeria's message machinery: error definitions and Java ``MessageFormat`` filling.

Egeria builds every exception from an ``ExceptionMessageDefinition`` (HTTP code, message id, template,
system action, user action) and formats it with ``MessageFormatter.getFormattedMessage``, which yields
``"<messageId> <template filled by java.text.MessageFormat>"``. The text travels in the REST error body, so
we reproduce the formatter exactly, including Java's single-quote rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "ErrorCodeEnum",
    "ErrorDefinition",
    "OMAGServerInstanceErrorCode",
    "OpenMetadataSecurityErrorCode",
    "format_java_message",
]

_PLACEHOLDER = re.compile(r"\{\s*(\d+)\s*\}")


def format_java_message(template: str, params: tuple[str, ...] | None) -> str:
    """Fill ``template`` the way Egeria's ``MessageFormatter.formatMessage`` does.

    With ``params is None`` Egeria returns the template untouched; otherwise it runs
    ``java.text.MessageFormat``: ``''`` is a literal quote, a single ``'`` quotes everything up to the next
    single quote (so placeholders inside are not filled), and a placeholder with no argument stays as ``{n}``.
    """
    if params is None:
        return template
    out: list[str] = []
    i, n = 0, len(template)
    in_quote = False
    while i < n:
        ch = template[i]
        if ch == "'":
            if i + 1 < n and template[i + 1] == "'":
                out.append("'")
                i += 2
                continue
            in_quote = not in_quote
            i += 1
            continue
        if ch == "{" and not in_quote:
            match = _PLACEHOLDER.match(template, i)
            if match is not None:
                index = int(match.group(1))
                out.append(params[index] if index < len(params) else "{" + match.group(1) + "}")
                i = match.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ErrorDefinition:
    """One row of an Egeria error-code enum (``ExceptionMessageDefinition`` without its parameters)."""

    http_code: int
    message_id: str
    template: str
    system_action: str
    user_action: str

    def format(self, params: tuple[str, ...] | None) -> str:
        """The message as Egeria reports it: ``"<id> <filled template>"``."""
        return f"{self.message_id} {format_java_message(self.template, params)}"


class ErrorCodeEnum(Enum):
    """Base for enums whose members are ``(http, id, template, systemAction, userAction)`` rows.

    Members read like Egeria's Java enums (``OMRSErrorCode.ENTITY_NOT_KNOWN``) and expose the row's
    fields directly, so callers never touch ``.value``.
    """

    _value_: ErrorDefinition

    def __init__(self, http_code: int, message_id: str, template: str, system: str, user: str) -> None:
        self._value_ = ErrorDefinition(http_code, message_id, template, system, user)

    @property
    def definition(self) -> ErrorDefinition:
        return self._value_

    @property
    def http_code(self) -> int:
        return self._value_.http_code

    @property
    def message_id(self) -> str:
        return self._value_.message_id

    @property
    def template(self) -> str:
        return self._value_.template

    @property
    def system_action(self) -> str:
        return self._value_.system_action

    @property
    def user_action(self) -> str:
        return self._value_.user_action

    def format(self, *params: object) -> str:
        """Formatted message with ``params`` converted like Java strings (``None`` -> ``"null"``)."""
        return self._value_.format(tuple(java_string(p) for p in params) if params else None)


def java_string(value: object) -> str:
    """``String.valueOf`` for the values we pass as message parameters."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class OMAGServerInstanceErrorCode(ErrorCodeEnum):
    """Rows of Egeria's ``OMAGServerInstanceErrorCode`` (multi-tenant platform) that OMRS calls return."""

    # The platform reports an unknown server as InvalidParameterException with parameterName "serverName";
    # the Java client turns exactly that combination into RepositoryErrorException.
    SERVER_NOT_AVAILABLE = (
        404,
        "OMAG-MULTI-TENANT-404-001",
        "The OMAG Server {0} is not available to service a request from user {1}",
        "The system is unable to process the request because the server is not running on the called "
        "platform.",
        "Verify that the correct server is being called on the correct platform and that this server is "
        "running. Retry the request when the server is available.",
    )


class OpenMetadataSecurityErrorCode(ErrorCodeEnum):
    """Rows of Egeria's ``OpenMetadataSecurityErrorCode`` used for ``UserNotAuthorizedException``."""

    UNAUTHORIZED_SERVER_ACCESS = (
        403,
        "OMAG-SERVER-SECURITY-403-002",
        "User {0} is not authorized to issue a request to server {1}",
        "The system is unable to process a request from the user because they do not have access to the "
        "requested OMAG server.  The request fails with a UserNotAuthorizedException exception.",
        "Determine whether the user should have access to the server.  If they should have, take steps to "
        "add them to the authorized list of users.  If this user should not have access, investigate where "
        "the request came from to determine if the system is under attack, or it was a mistake, or the "
        "user's tool is not configured to connect to the correct server.",
    )
    UNAUTHORIZED_SERVICE_ACCESS = (
        403,
        "OMAG-SERVER-SECURITY-403-003",
        "User {0} is not authorized to issue {1} requests",
        "The system is unable to process a request from the user because they do not have access to the "
        "requested services. The request fails with a UserNotAuthorizedException exception.",
        "Determine whether the user should have access to the requested service. If they should have, take "
        "steps to add them to the authorized list of users.  If this user should not have access, "
        "investigate where the request came from to determine if the system is under attack, or it was a "
        "mistake.",
    )

"""Error codes for what the REST layer itself refuses: requests that never reach the metadata collection.

Egeria's Spring layer answers a malformed body or a missing query parameter with Spring's own HTTP 400
page, which Egeria's Java client cannot read. graphrepo answers with an ``InvalidParameterException`` in the
operation's response bean instead (so the client gets a typed error), under graphrepo's own message ids.
"""

from __future__ import annotations

from graphrepo.omrs import ErrorCodeEnum

__all__ = ["GraphRepoRESTErrorCode"]


class GraphRepoRESTErrorCode(ErrorCodeEnum):
    """Refusals of the REST layer (see module docstring)."""

    BAD_REQUEST_PARAMETER = (
        400,
        "GRAPHREPO-REST-400-001",
        "The {0} parameter of a {1} request to open metadata repository {2} is not valid: {3}",
        "The system is unable to process the request because a parameter, query parameter or request body "
        "could not be read as the type the operation expects.",
        'Correct the request (JSON syntax, the bean\'s "class" property, field types and enum names) and '
        "retry it.",
    )
    NULL_PARAMETER = (
        400,
        "GRAPHREPO-REST-400-002",
        "A null value has been passed as the {0} parameter on a {1} request to open metadata repository {2}",
        "The system is unable to process the request because a value it needs is missing.",
        "Supply the value in the request body or query parameters and retry the request.",
    )
    USER_MISMATCH = (
        403,
        "GRAPHREPO-REST-403-001",
        "User {0} is not authorized to issue requests as user {1} to server {2}",
        "The system is unable to process the request because the user in the request URL is not the "
        "authenticated user, and the authenticated user may not act for other users.",
        "Call with the authenticated user's own id in the URL, or grant the user act_for_others.",
    )

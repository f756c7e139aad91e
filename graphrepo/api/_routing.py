"""The one place where an OMRS REST call is admitted, run and turned into Egeria's response bean.

Every OMRS route is declared with :func:`operation`, which records the Java method name, the response bean
and the access it needs, and makes the handler's return value Egeria's exact JSON. Its route class,
:class:`OMRSRoute`, wraps the handler in this order:

1. authenticate (no valid credentials: HTTP 401 with ``WWW-Authenticate``: the only non-200 answer);
2. the ``{serverName}`` must be this server (else ``InvalidParameterException`` about ``serverName``,
   which Egeria's client reads as "server not running here");
3. the authorization policy must allow the operation as ``{userId}`` (else ``UserNotAuthorizedException``);
4. run the handler; a request FastAPI cannot parse (malformed JSON, wrong ``class``, bad query parameter)
   becomes ``InvalidParameterException``, an OMRS exception is written as raised, anything else as
   ``RepositoryErrorException`` (logged with its traceback here, never sent).

Errors travel inside the operation's own response bean with HTTP status 200, as Egeria's
``OMRSRESTExceptionHandler`` does (omrs-reference §6.1, §6.3): Java clients read only the body.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Final, TypeVar

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPBasic, HTTPBearer
from starlette.concurrency import run_in_threadpool

from graphrepo.api._codes import GraphRepoRESTErrorCode
from graphrepo.api._security import Access, Authenticator, AuthorizationPolicy, Principal
from graphrepo.omrs import (
    InvalidParameterException,
    OMAGServerInstanceErrorCode,
    OMRSAPIPagedResponse,
    OMRSAPIResponse,
    OMRSCheckedException,
    OpenMetadataSecurityErrorCode,
    RepositoryErrorException,
    UserNotAuthorizedException,
    WireModel,
    to_wire,
)
from graphrepo.repository import MetadataCollectionAPI

__all__ = [
    "OMRS_PREFIX",
    "Collection",
    "Gate",
    "MissingParameter",
    "OMRSRoute",
    "Operation",
    "Routes",
    "UserId",
    "omrs_router",
    "operation",
    "paged",
    "required",
]

log = logging.getLogger(__name__)

OMRS_PREFIX: Final = "/servers/{serverName}/open-metadata/repository-services/users/{userId}"

_OPERATION_ATTRIBUTE = "__omrs_operation__"

# Documentation only (auto_error=False: they never refuse anything); the gate does the checking.
_BASIC_DOC = HTTPBasic(auto_error=False, description="A user of the users file and its password.")
_BEARER_DOC = HTTPBearer(auto_error=False, description="A token listed (as a digest) in the users file.")


@dataclass(frozen=True, slots=True)
class Operation:
    """An OMRS REST operation: its Java method name, response bean and the access it needs."""

    name: str
    response: type[OMRSAPIResponse]
    access: Access
    body: str | None = None
    """The Java name of the request body parameter (named in errors about the body)."""


class MissingParameter(Exception):
    """A value the collection needs is absent from the request (raised by :func:`required`)."""

    def __init__(self, parameter: str) -> None:
        super().__init__(parameter)
        self.parameter = parameter


T = TypeVar("T")


def required(value: T | None, parameter: str) -> T:
    """``value``, or a typed "null parameter" error naming ``parameter`` (Egeria's Java name)."""
    if value is None:
        raise MissingParameter(parameter)
    return value


Paged = TypeVar("Paged", bound=OMRSAPIPagedResponse)


def paged(response: type[Paged], items: Sequence[Any], offset: int, page_size: int) -> Paged:
    """A list response; like Egeria, paging is reported only when there are results."""
    field = _LIST_FIELDS[response.__name__]
    if not items:
        return response()
    return response(**{field: list(items), "offset": offset, "page_size": page_size})


_LIST_FIELDS: Final = {
    "EntityListResponse": "entities",
    "RelationshipListResponse": "relationships",
    "ClassificationListResponse": "classifications",
    "CohortListResponse": "cohorts",
    "CohortMembershipListResponse": "cohort_members",
}


# --- the gate --------------------------------------------------------------------------------------------

# security.insecure_dev_mode: everyone is an administrator acting for anyone.
_INSECURE_PRINCIPAL: Final = Principal("anonymous", frozenset({Access.ADMINISTER}), True, "insecure-dev-mode")


@dataclass(frozen=True, slots=True)
class Gate:
    """What the route class needs to admit a call: this server's name, who is who, and the policy."""

    server_name: str
    authenticator: Authenticator | None
    policy: AuthorizationPolicy
    realm: str = "graphrepo"

    @property
    def insecure(self) -> bool:
        return self.authenticator is None

    def authenticate(self, authorization: str | None) -> Principal | None:
        if self.authenticator is None:
            return _INSECURE_PRINCIPAL
        return self.authenticator.authenticate(authorization)

    def authenticate_quickly(self, authorization: str | None) -> tuple[bool, Principal | None]:
        """``Authenticator.authenticate_quickly``: answered without a password hash, or not."""
        if self.authenticator is None:
            return True, _INSECURE_PRINCIPAL
        return self.authenticator.authenticate_quickly(authorization)

    def admit(self, principal: Principal, server_name: str, user_id: str, operation: Operation) -> None:
        """Raise the OMRS exception that refuses this call, if any."""
        if server_name != self.server_name:
            raise InvalidParameterException.from_code(
                OMAGServerInstanceErrorCode.SERVER_NOT_AVAILABLE,
                server_name,
                user_id,
                action=operation.name,
                parameter_name="serverName",
            )
        if self.policy.is_allowed(principal, user_id, operation.name, operation.access):
            return
        if user_id != principal.name and not principal.act_for_others:
            raise UserNotAuthorizedException.from_code(
                GraphRepoRESTErrorCode.USER_MISMATCH,
                principal.name,
                user_id,
                self.server_name,
                action=operation.name,
                user_id=user_id,
            )
        raise UserNotAuthorizedException.from_code(
            OpenMetadataSecurityErrorCode.UNAUTHORIZED_SERVICE_ACCESS,
            principal.name,
            operation.name,
            action=operation.name,
            user_id=user_id,
        )

    def challenge(self, operation: Operation) -> Response:
        """HTTP 401 asking for Basic or Bearer credentials (the body is still the operation's bean)."""
        error = UserNotAuthorizedException(
            http_code=401,
            error_message=f"No valid credentials were supplied for the {operation.name} request",
            action_description=operation.name,
        )
        bean = operation.response.for_exception(error)
        headers = {"WWW-Authenticate": f'Basic realm="{self.realm}", charset="UTF-8"'}
        response = JSONResponse(to_wire(bean), status_code=401, headers=headers)
        response.headers.append("WWW-Authenticate", f'Bearer realm="{self.realm}"')
        return response


# --- the route class ---------------------------------------------------------------------------------------


class OMRSRoute(APIRoute):
    """Runs every OMRS handler behind the gate and writes every error as the operation's bean."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        op: Operation = getattr(self.endpoint, _OPERATION_ATTRIBUTE)

        async def guarded(request: Request) -> Response:
            gate: Gate = request.app.state.gate
            authorization = request.headers.get("authorization")
            # A bearer token or a Basic credential verified before is a digest and a dict read: checked
            # here, without a thread hop per call. argon2 verification is deliberately slow: off the loop.
            answered, principal = gate.authenticate_quickly(authorization)
            if not answered:
                principal = await run_in_threadpool(gate.authenticate, authorization)
            if principal is None:
                return gate.challenge(op)
            server_name = str(request.path_params.get("serverName", ""))
            try:
                gate.admit(principal, server_name, str(request.path_params.get("userId", "")), op)
                return await handler(request)
            except RequestValidationError as error:
                failure: OMRSCheckedException = _bad_request(error, op, gate.server_name)
            except MissingParameter as error:
                failure = InvalidParameterException.from_code(
                    GraphRepoRESTErrorCode.NULL_PARAMETER,
                    error.parameter,
                    op.name,
                    gate.server_name,
                    action=op.name,
                    parameter_name=error.parameter,
                )
            except OMRSCheckedException as error:
                failure = error
            except Exception as error:
                log.exception("unexpected error in %s", op.name)
                failure = RepositoryErrorException.unexpected(error, action=op.name)
            return JSONResponse(to_wire(op.response.for_exception(failure)))

        return guarded


def _bad_request(error: RequestValidationError, op: Operation, server_name: str) -> InvalidParameterException:
    problems = list(error.errors())
    first = problems[0] if problems else {"loc": ("body",), "msg": "invalid request"}
    location = tuple(first.get("loc", ()))
    if location and location[0] in ("query", "path", "header") and len(location) > 1:
        parameter = str(location[1])
    else:
        parameter = op.body or "requestBody"
    messages = []
    for problem in problems[:3]:
        where = ".".join(str(part) for part in tuple(problem.get("loc", ()))[1:] if part != "body")
        messages.append(f"{where}: {problem.get('msg')}" if where else str(problem.get("msg")))
    if len(problems) > 3:
        messages.append(f"and {len(problems) - 3} more")
    return InvalidParameterException.from_code(
        GraphRepoRESTErrorCode.BAD_REQUEST_PARAMETER,
        parameter,
        op.name,
        server_name,
        "; ".join(messages),
        action=op.name,
        parameter_name=parameter,
    )


# --- declaring routes --------------------------------------------------------------------------------------


def _server_name(server_name: Annotated[str, Path(alias="serverName")]) -> str:
    """Declares ``{serverName}`` for every OMRS route (the gate checks it)."""
    return server_name


def omrs_router(tag: str) -> APIRouter:
    """A router for one OMRS area, under Egeria's path prefix, behind the gate."""
    return APIRouter(
        prefix=OMRS_PREFIX,
        tags=[tag],
        route_class=OMRSRoute,
        dependencies=[Depends(_server_name), Depends(_BASIC_DOC), Depends(_BEARER_DOC)],
    )


class Routes:
    """One OMRS area's router, with ``get``/``post`` shorthands for :func:`operation`."""

    def __init__(self, tag: str) -> None:
        self.router = omrs_router(tag)

    def get(self, path: str, response: type[OMRSAPIResponse], **options: Any) -> Callable[[Handler], Handler]:
        return operation(self.router, "GET", path, response, **options)

    def post(
        self, path: str, response: type[OMRSAPIResponse], **options: Any
    ) -> Callable[[Handler], Handler]:
        return operation(self.router, "POST", path, response, **options)


Handler = TypeVar("Handler", bound=Callable[..., WireModel])


def operation(
    router: APIRouter,
    method: str,
    path: str,
    response: type[OMRSAPIResponse],
    *,
    name: str,
    access: Access,
    operation_id: str | None = None,
    body: str | None = None,
) -> Callable[[Handler], Handler]:
    """Declare an OMRS route whose handler returns a response bean (written as Egeria's exact JSON)."""

    def declare(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def endpoint(*args: Any, **kwargs: Any) -> Response:
            return JSONResponse(to_wire(handler(*args, **kwargs)))

        setattr(endpoint, _OPERATION_ATTRIBUTE, Operation(name, response, access, body))
        router.add_api_route(
            path,
            endpoint,
            methods=[method],
            response_model=response,
            operation_id=operation_id or name,
            summary=name,
            description=(handler.__doc__ or "").strip(),
        )
        return handler

    return declare


# --- handler parameters ---------------------------------------------------------------------------------


def _collection(request: Request) -> MetadataCollectionAPI:
    collection: MetadataCollectionAPI = request.app.state.collection
    return collection


Collection = Annotated[MetadataCollectionAPI, Depends(_collection)]
"""The metadata collection, for a handler parameter."""

UserId = Annotated[str, Path(alias="userId", description="The user on whose behalf the call is made.")]
"""``{userId}`` from the path, for a handler parameter."""

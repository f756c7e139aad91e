"""OMRS REST: the metadata highway (cohort registration and membership), Egeria's
``MetadataHighwayServicesResource``.

The REST layer asks a :class:`CohortView` port: a running server serves its live
``graphrepo.cohort.CohortManager`` (bootstrap wires it). Without one (unit tests of the REST layer),
:class:`StaticCohortView` answers from configuration: the local registration as this server would
register, each configured cohort as ``NOT_INITIALIZED`` with no remote members, and connect, disconnect and
unregister as ``FunctionNotSupportedException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Protocol

from fastapi import Depends, Path, Request

from graphrepo.api._routing import Routes, UserId, paged
from graphrepo.api._security import Access
from graphrepo.omrs import (
    BooleanResponse,
    CohortConnectionStatus,
    CohortDescription,
    CohortListResponse,
    CohortMembershipListResponse,
    CohortMembershipResponse,
    FunctionNotSupportedException,
    MemberRegistration,
)

__all__ = ["CohortView", "StaticCohortView", "router"]

routes = Routes("metadata highway")
router = routes.router

READ, ADMIN = Access.READ, Access.ADMINISTER

CohortName = Annotated[str, Path(alias="cohortName")]

_HIGHWAY = "/metadata-highway"


class CohortView(Protocol):
    """What the metadata-highway endpoints need of the cohort layer."""

    def cohort_descriptions(self) -> list[CohortDescription]: ...

    def local_registration(self) -> MemberRegistration | None:
        """The registration without its time (Egeria clears it in the cohort-free form)."""
        ...

    def local_registration_for(self, cohort_name: str) -> MemberRegistration | None:
        """The registration sent to one cohort (with its time), or None for an unknown cohort."""
        ...

    def remote_members(self, cohort_name: str) -> list[MemberRegistration]: ...

    def connect(self, cohort_name: str) -> bool:
        """True when the cohort name is configured (and a (re-)registration was started)."""
        ...

    def disconnect(self, cohort_name: str, *, unregister: bool) -> bool: ...


class StaticCohortView:
    """The configured view, for a server whose cohort layer is not running (see module docstring)."""

    def __init__(self, registration: MemberRegistration, cohorts: Sequence[str]) -> None:
        self._registration = registration
        self._cohorts = list(cohorts)

    def cohort_descriptions(self) -> list[CohortDescription]:
        return [
            CohortDescription(cohort_name=name, connection_status=CohortConnectionStatus.NOT_INITIALIZED)
            for name in self._cohorts
        ]

    def local_registration(self) -> MemberRegistration | None:
        return self._registration.model_copy(update={"registration_time": None})

    def local_registration_for(self, cohort_name: str) -> MemberRegistration | None:
        return self._registration if cohort_name in self._cohorts else None

    def remote_members(self, cohort_name: str) -> list[MemberRegistration]:
        return []

    def connect(self, cohort_name: str) -> bool:
        raise self._not_running("connectToCohort")

    def disconnect(self, cohort_name: str, *, unregister: bool) -> bool:
        raise self._not_running("unregisterFromCohort" if unregister else "disconnectFromCohort")

    def _not_running(self, method: str) -> FunctionNotSupportedException:
        server = self._registration.server_name or "graphrepo"
        return FunctionNotSupportedException.not_implemented(method, server, "graphrepo (no cohort layer)")


def _cohort_view(request: Request) -> CohortView:
    view: CohortView = request.app.state.cohorts
    return view


Cohorts = Annotated[CohortView, Depends(_cohort_view)]


@routes.get(f"{_HIGHWAY}/cohort-descriptions", CohortListResponse, name="getCohorts", access=READ)
def get_cohorts(user_id: UserId, cohorts: Cohorts) -> CohortListResponse:
    """The cohorts this server is configured to join, with their connection status."""
    return paged(CohortListResponse, cohorts.cohort_descriptions(), 0, 0)


@routes.get(
    f"{_HIGHWAY}/local-registration",
    CohortMembershipResponse,
    name="getLocalRegistration",
    access=READ,
)
def get_local_registration(user_id: UserId, cohorts: Cohorts) -> CohortMembershipResponse:
    """How this server registers with its cohorts (no registration time)."""
    return CohortMembershipResponse(cohort_member=cohorts.local_registration())


@routes.get(
    f"{_HIGHWAY}/cohorts/{{cohortName}}/local-registration",
    CohortMembershipResponse,
    name="getLocalRegistration",
    operation_id="getLocalRegistrationForCohort",
    access=READ,
)
def get_local_registration_for_cohort(
    user_id: UserId, cohorts: Cohorts, cohort_name: CohortName
) -> CohortMembershipResponse:
    """The registration sent to one cohort; no ``cohortMember`` for a cohort not configured."""
    return CohortMembershipResponse(cohort_member=cohorts.local_registration_for(cohort_name))


@routes.get(
    f"{_HIGHWAY}/cohorts/{{cohortName}}/connect",
    BooleanResponse,
    name="connectToCohort",
    access=ADMIN,
)
def connect_to_cohort(user_id: UserId, cohorts: Cohorts, cohort_name: CohortName) -> BooleanResponse:
    """(Re-)register with a configured cohort."""
    return BooleanResponse(flag=cohorts.connect(cohort_name))


@routes.get(
    f"{_HIGHWAY}/cohorts/{{cohortName}}/remote-members",
    CohortMembershipListResponse,
    name="getRemoteRegistrations",
    access=READ,
)
def get_remote_registrations(
    user_id: UserId, cohorts: Cohorts, cohort_name: CohortName
) -> CohortMembershipListResponse:
    """The other members this server has heard from in a cohort."""
    return paged(CohortMembershipListResponse, cohorts.remote_members(cohort_name), 0, 0)


@routes.get(
    f"{_HIGHWAY}/cohorts/{{cohortName}}/disconnect",
    BooleanResponse,
    name="disconnectFromCohort",
    access=ADMIN,
)
def disconnect_from_cohort(user_id: UserId, cohorts: Cohorts, cohort_name: CohortName) -> BooleanResponse:
    """Stop exchanging events with a cohort (the registration stays)."""
    return BooleanResponse(flag=cohorts.disconnect(cohort_name, unregister=False))


@routes.get(
    f"{_HIGHWAY}/cohorts/{{cohortName}}/unregister",
    BooleanResponse,
    name="unregisterFromCohort",
    access=ADMIN,
)
def unregister_from_cohort(user_id: UserId, cohorts: Cohorts, cohort_name: CohortName) -> BooleanResponse:
    """Leave a cohort for good (peers remove this member)."""
    return BooleanResponse(flag=cohorts.disconnect(cohort_name, unregister=True))

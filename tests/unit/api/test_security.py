"""Users file, hashing, authentication and the authorization policy, without HTTP."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest

from graphrepo.api._security import (
    Access,
    Authenticator,
    AuthorizationPolicy,
    DefaultPolicy,
    Principal,
    UserEntry,
    UsersFileError,
    generate_token,
    hash_token,
    load_policy,
    load_users_file,
    write_users_file,
)
from graphrepo.api._security import (
    hash_password as production_hash,
)
from graphrepo.settings import Settings
from tests.unit.api.conftest import hash_password


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_production_hashes_are_argon2id() -> None:
    assert production_hash("pw").startswith("$argon2id$")


def test_users_file_round_trip_is_owner_only_and_keeps_no_clear_secret(tmp_path: Path) -> None:
    token = generate_token()
    entry = UserEntry(
        "gary",
        hash_password("s3cret-pw"),
        frozenset({hash_token(token)}),
        frozenset({Access.WRITE}),
        act_for_others=True,
    )
    path = tmp_path / "users.toml"
    write_users_file(path, {"gary": entry})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "s3cret-pw" not in text and token not in text
    assert load_users_file(path) == {"gary": entry}


def test_json_users_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    path.write_text(
        json.dumps({"users": {"ann": {"password": hash_password("pw"), "permissions": ["read"]}}})
    )
    assert load_users_file(path)["ann"].permissions == frozenset({Access.READ})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[users.ann]\npassword = "plain-text"\n', "argon2 hash"),
        ('[users.ann]\npermissions = ["root"]\n', "permissions"),
        ('[users.ann]\ncolour = "blue"\n', "unknown keys"),
        ('[users.ann]\ntokens = ["abc"]\n', "sha256"),
        ("nonsense = [", "cannot read"),
        ("[other]\n", "no \\[users\\] table"),
    ],
)
def test_bad_users_files_are_refused_with_the_reason(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "users.toml"
    path.write_text(content)
    with pytest.raises(UsersFileError, match=message):
        load_users_file(path)


def test_basic_and_bearer_authentication() -> None:
    token = generate_token()
    entry = UserEntry("ann", hash_password("pw"), frozenset({hash_token(token)}), frozenset({Access.READ}))
    authenticator = Authenticator({"ann": entry})
    for _ in range(2):  # the second time comes from the verified cache
        principal = authenticator.authenticate(_basic("ann", "pw"))
        assert principal == Principal("ann", frozenset({Access.READ}), False, "basic")
    bearer = authenticator.authenticate(f"Bearer {token}")
    assert bearer is not None and bearer.name == "ann" and bearer.method == "bearer"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        _basic("ann", "wrong"),
        _basic("nobody", "pw"),
        "Basic !!!not-base64",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        "Bearer not-a-known-token",
        "Digest username=ann",
    ],
)
def test_bad_credentials_authenticate_nobody(header: str | None) -> None:
    entry = UserEntry("ann", hash_password("pw"))
    assert Authenticator({"ann": entry}).authenticate(header) is None


def test_a_user_without_a_password_cannot_use_basic() -> None:
    assert Authenticator({"ann": UserEntry("ann")}).authenticate(_basic("ann", "")) is None


def test_only_an_unverified_password_needs_the_slow_check() -> None:
    # The route class checks quickly answered credentials on the event loop; only argon2 goes to a thread.
    token = generate_token()
    entry = UserEntry("ann", hash_password("pw"), frozenset({hash_token(token)}), frozenset({Access.READ}))
    authenticator = Authenticator({"ann": entry})
    answered, bearer = authenticator.authenticate_quickly(f"Bearer {token}")
    assert answered and bearer is not None and bearer.method == "bearer"
    assert authenticator.authenticate_quickly("Bearer not-a-known-token") == (True, None)
    assert authenticator.authenticate_quickly(None) == (True, None)
    assert authenticator.authenticate_quickly("Basic !!!not-base64") == (True, None)
    assert authenticator.authenticate_quickly(_basic("ann", "pw")) == (False, None)
    assert authenticator.authenticate(_basic("ann", "pw")) is not None
    answered, basic = authenticator.authenticate_quickly(_basic("ann", "pw"))
    assert answered and basic == Principal("ann", frozenset({Access.READ}), False, "basic")
    # A wrong password is never remembered: it always takes the slow path, and fails there.
    assert authenticator.authenticate_quickly(_basic("ann", "wrong")) == (False, None)
    assert authenticator.authenticate(_basic("ann", "wrong")) is None


def test_default_policy_permissions_and_acting_for_others() -> None:
    policy = DefaultPolicy()
    reader = Principal("ann", frozenset({Access.READ}))
    admin = Principal("svc", frozenset({Access.ADMINISTER}), act_for_others=True)
    assert policy.is_allowed(reader, "ann", "getEntityDetail", Access.READ)
    assert not policy.is_allowed(reader, "ann", "addEntity", Access.WRITE)
    assert not policy.is_allowed(reader, "bob", "getEntityDetail", Access.READ)
    assert policy.is_allowed(admin, "bob", "addTypeDef", Access.ADMINISTER)
    assert policy.is_allowed(admin, "bob", "getEntityDetail", Access.READ)


class OnlyReads:
    """A replacement policy, as a deployment would name it in settings."""

    def __init__(self, settings: Settings) -> None:
        self.server = settings.server_name

    def is_allowed(self, principal: Principal, user_id: str, operation: str, access: Access) -> bool:
        return access is Access.READ


def test_policy_is_replaceable_by_import_path() -> None:
    settings = Settings(security={"authorization_policy": f"{__name__}:OnlyReads"})
    policy = load_policy(settings)
    assert isinstance(policy, OnlyReads) and isinstance(policy, AuthorizationPolicy)
    assert isinstance(load_policy(Settings()), DefaultPolicy)


@pytest.mark.parametrize("reference", ["no-colon", f"{__name__}:test_policy_is_replaceable_by_import_path"])
def test_bad_policy_references_fail_at_start(reference: str) -> None:
    with pytest.raises((ValueError, TypeError)):
        load_policy(Settings(security={"authorization_policy": reference}))

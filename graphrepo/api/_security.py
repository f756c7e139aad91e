"""Who is calling (authentication) and what they may do (authorization).

Authentication: HTTP Basic against a users file whose passwords are argon2id hashes, or a bearer token
whose SHA-256 digest the users file lists (tokens are long random strings, so a fast digest is safe and
keeps a token check cheap; passwords are chosen by people, so they get a slow, salted hash). The file is
TOML or JSON::

    [users.garygeeke]
    password = "$argon2id$v=19$m=65536,t=3,p=4$..."   # graphrepo hash-password
    tokens = ["sha256:9f86d0..."]                      # graphrepo hash-password --token
    permissions = ["read", "write"]                    # read, write, administer
    act_for_others = false                             # may name another user in the URL's {userId}

Authorization: an :class:`AuthorizationPolicy` answers "may this principal do this operation as this
user?". :class:`DefaultPolicy` uses the permissions and ``act_for_others`` of the users file; a deployment
can name its own policy in ``security.authorization_policy`` (``"package.module:factory"``, called with
the settings).
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import importlib
import json
import os
import secrets
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from graphrepo.settings import Settings

__all__ = [
    "DEV_USER",
    "Access",
    "Authenticator",
    "AuthorizationPolicy",
    "DefaultPolicy",
    "Principal",
    "UserEntry",
    "UsersFileError",
    "generate_token",
    "hash_password",
    "hash_token",
    "load_policy",
    "load_users_file",
    "write_users_file",
]

DEV_USER = "admin"
"""The user of the development credential ``graphrepo serve`` generates when no users file is set."""

_TOKEN_PREFIX = "sha256:"  # noqa: S105 - a digest label, not a secret
_HASHER = PasswordHasher()
# Successful Basic checks are remembered (as a keyed digest) so a peer's every call does not pay argon2.
_CACHE_LIMIT = 1024


class Access(StrEnum):
    """What an operation does; ``administer`` includes ``write``, which includes ``read``."""

    READ = "read"
    WRITE = "write"
    ADMINISTER = "administer"

    def includes(self, other: Access) -> bool:
        order = (Access.READ, Access.WRITE, Access.ADMINISTER)
        return order.index(self) >= order.index(other)


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated caller."""

    name: str
    permissions: frozenset[Access]
    act_for_others: bool = False
    method: str = "basic"

    def has(self, access: Access) -> bool:
        return any(held.includes(access) for held in self.permissions)


@dataclass(frozen=True, slots=True)
class UserEntry:
    """One user of the users file."""

    name: str
    password_hash: str | None = None
    token_digests: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[Access] = frozenset({Access.READ})
    act_for_others: bool = False

    def principal(self, method: str) -> Principal:
        return Principal(self.name, self.permissions, self.act_for_others, method)


class UsersFileError(ValueError):
    """The users file cannot be read or has a bad entry (the message names the file and the entry)."""


# --- hashing -------------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An argon2id hash (salted, with the library's recommended cost) to put in a users file."""
    return _HASHER.hash(password)


def hash_token(token: str) -> str:
    """The digest of a bearer token, as the users file lists it."""
    return _TOKEN_PREFIX + hashlib.sha256(token.encode()).hexdigest()


def generate_token() -> str:
    """A new bearer token (256 random bits)."""
    return secrets.token_urlsafe(32)


@functools.cache
def _dummy_hash() -> str:
    # Verified against when the user is unknown, so a wrong user name costs as long as a wrong password.
    return _HASHER.hash(secrets.token_urlsafe(16))


# --- the users file ------------------------------------------------------------------------------------


def load_users_file(path: Path) -> dict[str, UserEntry]:
    """Read a TOML (``.toml``) or JSON (anything else) users file."""
    try:
        text = path.read_text(encoding="utf-8")
        document: Any = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as error:
        raise UsersFileError(f"cannot read users file {path}: {error}") from error
    users = document.get("users") if isinstance(document, dict) else None
    if not isinstance(users, dict):
        raise UsersFileError(f"users file {path} has no [users] table")
    return {name: _entry(path, name, raw) for name, raw in users.items()}


def _entry(path: Path, name: str, raw: Any) -> UserEntry:
    where = f"user {name!r} in {path}"
    if not isinstance(raw, dict):
        raise UsersFileError(f"{where} is not a table")
    unknown = set(raw) - {"password", "tokens", "permissions", "act_for_others"}
    if unknown:
        raise UsersFileError(f"{where} has unknown keys {sorted(unknown)}")
    password = raw.get("password")
    if password is not None and not (isinstance(password, str) and password.startswith("$argon2")):
        # A clear-text password in the file is refused rather than silently accepted.
        raise UsersFileError(f"{where}: password must be an argon2 hash (graphrepo hash-password)")
    tokens = raw.get("tokens", [])
    if not isinstance(tokens, list) or not all(
        isinstance(t, str) and t.startswith(_TOKEN_PREFIX) for t in tokens
    ):
        raise UsersFileError(f"{where}: tokens must be a list of 'sha256:<hex>' digests")
    try:
        permissions = frozenset(Access(p) for p in raw.get("permissions", ["read"]))
    except (ValueError, TypeError) as error:
        raise UsersFileError(f"{where}: permissions must be among read, write, administer") from error
    act_for_others = raw.get("act_for_others", False)
    if not isinstance(act_for_others, bool):
        raise UsersFileError(f"{where}: act_for_others must be true or false")
    return UserEntry(name, password, frozenset(tokens), permissions, act_for_others)


def write_users_file(path: Path, users: Mapping[str, UserEntry]) -> None:
    """Write a TOML users file readable only by its owner."""
    lines = ["# graphrepo users: see the README's security section.", ""]
    for entry in users.values():
        lines.append(f"[users.{json.dumps(entry.name)}]")
        if entry.password_hash:
            lines.append(f"password = {json.dumps(entry.password_hash)}")
        if entry.token_digests:
            lines.append(f"tokens = {json.dumps(sorted(entry.token_digests))}")
        order = [a for a in Access if a in entry.permissions]
        lines.append(f"permissions = {json.dumps([a.value for a in order])}")
        lines.append(f"act_for_others = {'true' if entry.act_for_others else 'false'}")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Create with 0600 from the start: the hashes are still worth protecting.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


# --- authentication ------------------------------------------------------------------------------------


class Authenticator:
    """Checks an ``Authorization`` header against the users; None means "not authenticated"."""

    def __init__(self, users: Mapping[str, UserEntry]) -> None:
        self._users = dict(users)
        self._by_token = {digest: entry for entry in users.values() for digest in entry.token_digests}
        self._cache_key = secrets.token_bytes(32)
        self._verified: dict[bytes, str] = {}
        self._lock = threading.Lock()

    def authenticate(self, authorization: str | None) -> Principal | None:
        answered, principal = self.authenticate_quickly(authorization)
        if answered:
            return principal
        return self._basic(str(authorization).strip().partition(" ")[2].strip())

    def authenticate_quickly(self, authorization: str | None) -> tuple[bool, Principal | None]:
        """``(True, answer)`` when no argon2 verification is needed (a bearer token, a Basic credential
        verified before, anything malformed); ``(False, None)`` when :meth:`authenticate` must verify a
        password: the route class then runs it off the event loop, and only then."""
        if not authorization:
            return True, None
        scheme, _, credentials = authorization.strip().partition(" ")
        scheme = scheme.lower()
        if scheme == "bearer":
            entry = self._by_token.get(hash_token(credentials.strip()))
            return True, entry.principal("bearer") if entry is not None else None
        if scheme != "basic":
            return True, None
        parsed = self._basic_parts(credentials.strip())
        if parsed is None:
            return True, None
        entry = self._users.get(parsed[0])
        if entry is not None and self._is_verified(parsed[0], parsed[2]):
            return True, entry.principal("basic")
        return False, None

    @staticmethod
    def _basic_parts(credentials: str) -> tuple[str, str, str] | None:
        """(user, password, decoded credentials), or None when malformed."""
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        name, separator, password = decoded.partition(":")
        return (name, password, decoded) if separator else None

    def _cache_entry(self, decoded: str) -> bytes:
        return hmac.new(self._cache_key, decoded.encode(), hashlib.sha256).digest()

    def _is_verified(self, name: str, decoded: str) -> bool:
        key = self._cache_entry(decoded)
        with self._lock:
            return self._verified.get(key) == name

    def _basic(self, credentials: str) -> Principal | None:
        parsed = self._basic_parts(credentials)
        if parsed is None:
            return None
        name, password, decoded = parsed
        entry = self._users.get(name)
        key = self._cache_entry(decoded)
        if entry is not None and self._is_verified(name, decoded):
            return entry.principal("basic")
        stored = entry.password_hash if entry is not None and entry.password_hash else _dummy_hash()
        try:
            _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if entry is None or not entry.password_hash:
            return None
        with self._lock:
            if len(self._verified) >= _CACHE_LIMIT:
                self._verified.clear()
            self._verified[key] = name
        return entry.principal("basic")


# --- authorization -------------------------------------------------------------------------------------


@runtime_checkable
class AuthorizationPolicy(Protocol):
    """Decides whether ``principal`` may run ``operation`` (an OMRS method name) as ``user_id``."""

    def is_allowed(self, principal: Principal, user_id: str, operation: str, access: Access) -> bool: ...


class DefaultPolicy:
    """The users file decides: the permission the operation needs, and ``{userId}`` must be the caller
    unless the caller may act for others (a cohort peer's server user relays its end users' ids)."""

    def is_allowed(self, principal: Principal, user_id: str, operation: str, access: Access) -> bool:
        if user_id != principal.name and not principal.act_for_others:
            return False
        return principal.has(access)


def load_policy(settings: Settings) -> AuthorizationPolicy:
    """The policy ``security.authorization_policy`` names (``"module:factory"``), else the default.

    ``factory`` is called with the settings (a class taking them works too) and must return an object
    with an ``is_allowed`` method."""
    reference = settings.security.authorization_policy
    if not reference:
        return DefaultPolicy()
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"security.authorization_policy {reference!r} is not 'package.module:factory'")
    factory = getattr(importlib.import_module(module_name), attribute)
    policy = factory(settings)
    if not isinstance(policy, AuthorizationPolicy):
        raise TypeError(f"{reference} did not return an object with is_allowed(...)")
    return policy

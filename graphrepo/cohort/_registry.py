"""The cohort registry: our own registration and every peer's, per cohort, kept across restarts.

Egeria's ``OMRSCohortRegistryStore`` holds a ``MemberRegistration`` for the local member and one per
remote member (keyed by metadata collection id). Ours is one JSON file per cohort under
``<data_dir>/cohorts/``, rewritten atomically (a temporary file, fsync, rename) so a crash leaves the
old content or the new, never half of either. The REST layer serves it through the metadata-highway
endpoints, so a registration is the wire bean itself (``MemberRegistration``, no ``"class"``).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

# The wire bean itself (Egeria's ``MemberRegistration``), as the metadata-highway REST API serves it.
from graphrepo.omrs import MemberRegistration, from_wire, to_wire

__all__ = ["CohortRegistryStore", "MemberRegistration", "RegistryStoreError"]

_FORMAT_VERSION: Final = 1


class RegistryStoreError(RuntimeError):
    """The registry file cannot be read or written."""


class CohortRegistryStore:
    """The registry of one cohort, in memory and in ``path``; safe to use from several threads."""

    def __init__(self, path: Path, cohort: str) -> None:
        self.path = path
        self.cohort = cohort
        self._lock = threading.RLock()
        self._local: MemberRegistration | None = None
        self._remote: dict[str, MemberRegistration] = {}
        self._load()

    # --- the local registration ------------------------------------------------------------------------

    def local_registration(self) -> MemberRegistration | None:
        with self._lock:
            return self._local

    def save_local_registration(self, registration: MemberRegistration) -> None:
        with self._lock:
            self._local = registration
            self._write()

    def remove_local_registration(self) -> None:
        with self._lock:
            self._local = None
            self._write()

    # --- the remote members ----------------------------------------------------------------------------

    def remote_members(self) -> list[MemberRegistration]:
        """Every remote member, oldest registration first."""
        with self._lock:
            members = list(self._remote.values())
        return sorted(members, key=lambda m: (m.registration_time is None, m.registration_time or 0))

    def remote_member(self, metadata_collection_id: str) -> MemberRegistration | None:
        with self._lock:
            return self._remote.get(metadata_collection_id)

    def save_remote_member(self, registration: MemberRegistration) -> None:
        if not registration.metadata_collection_id:
            raise ValueError("a remote member needs a metadata collection id")
        with self._lock:
            if self._remote.get(registration.metadata_collection_id) == registration:
                return  # a repeated RE_REGISTRATION: nothing to write
            self._remote[registration.metadata_collection_id] = registration
            self._write()

    def remove_remote_member(self, metadata_collection_id: str) -> MemberRegistration | None:
        with self._lock:
            removed = self._remote.pop(metadata_collection_id, None)
            if removed is not None:
                self._write()
            return removed

    def clear(self) -> None:
        """Forget everything (after leaving the cohort for good)."""
        with self._lock:
            self._local = None
            self._remote = {}
            self._write()

    # --- the file --------------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as error:
            raise RegistryStoreError(f"cannot read cohort registry {self.path}: {error}") from error
        try:
            document = json.loads(text)
            local = document.get("localRegistration")
            self._local = from_wire(MemberRegistration, local) if local is not None else None
            remote = [from_wire(MemberRegistration, item) for item in document.get("remoteRegistrations", [])]
        except (ValueError, AttributeError, ValidationError) as error:
            raise RegistryStoreError(f"cohort registry {self.path} is not valid: {error}") from error
        self._remote = {m.metadata_collection_id: m for m in remote if m.metadata_collection_id}

    def _write(self) -> None:
        document: dict[str, Any] = {
            "formatVersion": _FORMAT_VERSION,
            "cohortName": self.cohort,
            "localRegistration": to_wire(self._local) if self._local is not None else None,
            "remoteRegistrations": [to_wire(m) for m in self._remote.values()],
        }
        text = json.dumps(document, indent=2, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            _fsync_directory(self.path.parent)
        except OSError as error:
            raise RegistryStoreError(f"cannot write cohort registry {self.path}: {error}") from error


def _fsync_directory(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

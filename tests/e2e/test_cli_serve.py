"""`graphrepo serve` with no configuration runs the service on loopback, secured by a generated development
credential; with TLS settings it serves HTTPS."""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from graphrepo.settings import environment_variable_names

OMRS = "/servers/graphrepo/open-metadata/repository-services/users/admin"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in environment_variable_names()}
    env.update(extra)
    return env


@contextmanager
def _serving(cwd: Path, port: int, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "graphrepo", "serve", "--port", str(port)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        yield process, lines
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
        lines.extend(output.splitlines())


def _read_until(process: subprocess.Popen[str], lines: list[str], pattern: str) -> re.Match[str]:
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("graphrepo serve ended early:\n" + "".join(lines))
        lines.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError(f"no line matched {pattern!r}:\n" + "".join(lines))


def test_serve_with_defaults_is_secured_by_a_generated_credential(tmp_path: Path) -> None:
    port = _free_port()
    with _serving(tmp_path, port, _environment()) as (process, lines):
        password = _read_until(process, lines, r"user admin\s+password (\S+)").group(1)
        body = _wait_for_health(f"http://127.0.0.1:{port}/health", process)
        assert body["status"] == "UP" and body["store"] == "memory" and body["serverName"] == "graphrepo"
        url = f"http://127.0.0.1:{port}{OMRS}/metadata-collection-id"
        assert httpx.get(url).status_code == 401
        answer = httpx.get(url, auth=("admin", password)).json()
        assert answer["relatedHTTPCode"] == 200 and answer["metadataCollectionId"]
        first_id = answer["metadataCollectionId"]
    output = "".join(lines)
    assert f"127.0.0.1:{port}" in output
    users = (tmp_path / ".graphrepo" / "users.toml").read_text()
    assert password not in users and "$argon2id$" in users

    # A restart keeps the identity and the credential, and does not print the password again.
    with _serving(tmp_path, port, _environment()) as (process, lines):
        _read_until(process, lines, r"authenticate with HTTP Basic or a bearer token")
        _wait_for_health(f"http://127.0.0.1:{port}/health", process)
        again = httpx.get(f"http://127.0.0.1:{port}{OMRS}/metadata-collection-id", auth=("admin", password))
        assert again.json()["metadataCollectionId"] == first_id
    assert password not in "".join(lines)


def test_serve_with_tls(tmp_path: Path) -> None:
    certificate, key = _self_signed(tmp_path)
    port = _free_port()
    env = _environment(
        GRAPHREPO_HTTP__TLS_CERTIFICATE=str(certificate),
        GRAPHREPO_HTTP__TLS_KEY=str(key),
        GRAPHREPO_SECURITY__INSECURE_DEV_MODE="true",
    )
    with _serving(tmp_path, port, env) as (process, lines):
        _read_until(process, lines, rf"listening on https://127\.0\.0\.1:{port}")
        trust = ssl.create_default_context(cafile=str(certificate))
        body = _wait_for_health(f"https://127.0.0.1:{port}/health", process, verify=trust)
        assert body["status"] == "UP"
        with httpx.Client(verify=trust) as client:
            answer = client.get(f"https://127.0.0.1:{port}{OMRS}/metadata-collection-id").json()
        assert answer["relatedHTTPCode"] == 200
    assert "insecure_dev_mode" in "".join(lines)


def test_cli_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphrepo", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("graphrepo ")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "cert.pem", folder / "key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return certificate_path, key_path


def _wait_for_health(url: str, process: subprocess.Popen[str], verify: Any = True) -> dict[str, str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("graphrepo serve exited early")
        try:
            response = httpx.get(url, timeout=1, verify=verify)
            if response.status_code == 200:
                body: dict[str, str] = response.json()
                return body
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"graphrepo serve did not answer {url} within 60 s")

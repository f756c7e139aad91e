"""A minimal, timed OMRS REST client: one ``httpx.Client`` (one keep-alive connection, one thread,
sequential calls, as the PTS does) and the bean builders the workloads need."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import httpx

Bean = dict[str, Any]


class OMRSError(RuntimeError):
    """The service answered with an exception bean (or a non-200 HTTP status)."""


class Timings:
    """Milliseconds per call, by method label."""

    def __init__(self) -> None:
        self.samples: defaultdict[str, list[float]] = defaultdict(list)

    def add(self, method: str, millis: float) -> None:
        self.samples[method].append(millis)

    def merge(self, other: Timings) -> None:
        for method, values in other.samples.items():
            self.samples[method].extend(values)


class OMRSClient:
    def __init__(self, base_url: str, omrs_root: str, token: str, timings: Timings | None = None) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=httpx.Timeout(600.0),
        )
        self.root = omrs_root
        self.timings = timings if timings is not None else Timings()

    def close(self) -> None:
        self.http.close()

    def call(
        self,
        method: str,
        http_method: str,
        path: str,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        *,
        timed: bool = True,
        expect_ok: bool = True,
    ) -> Bean:
        """Send one request; record its wall time (request out to JSON decoded) under ``method``."""
        kwargs: dict[str, Any] = {}
        if params:
            kwargs["params"] = params
        if isinstance(body, bytes):  # already JSON (bulk loads serialise their batches once)
            kwargs["content"] = body
            kwargs["headers"] = {"Content-Type": "application/json"}
        elif body is not None:
            kwargs["json"] = body
        started = time.perf_counter_ns()
        response = self.http.request(http_method, self.root + path, **kwargs)
        result: Bean = response.json() if response.content else {}
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if response.status_code != 200:
            raise OMRSError(f"{method} {path}: HTTP {response.status_code} {response.text[:500]}")
        if expect_ok and result.get("relatedHTTPCode", 200) != 200:
            raise OMRSError(
                f"{method} {path}: {result.get('exceptionClassName')} {result.get('exceptionErrorMessage')}"
            )
        if timed:
            self.timings.add(method, elapsed)
        return result


# --- beans ------------------------------------------------------------------------------------------------


def primitive(value: Any, category: str = "OM_PRIMITIVE_TYPE_STRING") -> Bean:
    return {
        "class": "PrimitivePropertyValue",
        "instancePropertyCategory": "PRIMITIVE",
        "primitiveDefCategory": category,
        "primitiveValue": value,
    }


def properties(values: Mapping[str, Bean]) -> Bean:
    return {"class": "InstanceProperties", "instanceProperties": dict(values)}


def string_properties(**values: str) -> Bean:
    return properties({name: primitive(value) for name, value in values.items()})


def exact_regex(text: str) -> str:
    """Egeria's ``getExactMatchRegex``: the literal text, quoted."""
    return f"\\Q{text}\\E"

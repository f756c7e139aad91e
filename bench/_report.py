"""Statistics, markdown tables and the PNG chart of latency against volume."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

# The PTS's methods in its report order; anything else a run timed follows in name order.
METHOD_ORDER = (
    "addEntity",
    "saveEntityReferenceCopy",
    "addRelationship",
    "classifyEntity",
    "updateEntityProperties",
    "updateRelationshipProperties",
    "updateEntityClassification",
    "undoEntityUpdate",
    "getEntityDetail",
    "getEntitySummary",
    "isEntityKnown",
    "getRelationship",
    "findEntities",
    "findEntitiesByProperty",
    "findEntitiesByPropertyValue",
    "findEntitiesByClassification",
    "findRelationships",
    "findRelationshipsByProperty",
    "findRelationshipsByPropertyValue",
    "getEntityDetailHistory",
    "getEntityDetail(asOfTime)",
    "getRelationshipHistory",
    "getRelationship(asOfTime)",
    "findEntities(asOfTime)",
    "getRelationshipsForEntity",
    "getRelatedEntities",
    "getEntityNeighborhood",
    "getLinkingEntities",
    "reHomeEntity",
    "declassifyEntity",
    "reIdentifyEntity",
    "reIdentifyRelationship",
    "reTypeEntity",
    "deleteRelationship",
    "restoreRelationship",
    "deleteEntity",
    "restoreEntity",
    "purgeRelationship",
    "purgeEntity",
)

# targets.md: the peers' published medians (ms) and graphrepo's goal per method class.
PEERS: dict[str, tuple[str, str]] = {
    "addEntity": ("54 / 51", "516 / 513"),
    "addRelationship": ("52 / 51", "170 / 168"),
    "classifyEntity": ("83 / 83", "1040 / 1002"),
    "updateEntityProperties": ("54 / 54", "789 / 775"),
    "getEntityDetail": ("16 / 18", "20 / 20"),
    "findEntitiesByProperty": ("31 / 185", "41 / 126"),
    "findEntitiesByPropertyValue": ("47 / 258", "82 / 178"),
    "findEntitiesByClassification": ("36 / 125", "1277 / 8786"),
    "findEntities": ("49 / 590", "254 / 2214"),
    "getRelatedEntities": ("507 / 2296", "-"),
    "reIdentifyEntity": ("57 / 59", "1970 / 2024"),
}
WRITE_GOAL, READ_GOAL, SEARCH_GOAL = 10.0, 3.0, 20.0
_READS = {"getEntityDetail", "getEntitySummary", "isEntityKnown", "getRelationship"}


def goal(method: str) -> float | None:
    if method in _READS:
        return READ_GOAL
    if method.startswith(
        ("find", "getRelated", "getEntityNeighborhood", "getLinking", "getRelationshipsFor")
    ):
        return SEARCH_GOAL
    if method.startswith(("get", "is")):
        return None
    return WRITE_GOAL


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


def summarise(samples: Mapping[str, Sequence[float]]) -> dict[str, dict[str, float]]:
    return {
        method: {
            "count": float(len(values)),
            "median": statistics.median(values),
            "p95": percentile(values, 0.95),
            "max": max(values),
        }
        for method, values in samples.items()
        if values
    }


def ordered_methods(methods: Iterable[str]) -> list[str]:
    present = set(methods)
    known = [m for m in METHOD_ORDER if m in present]
    return known + sorted(present - set(known))


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def pts_table(results: Mapping[str, Mapping[str, Mapping[str, float]]], stores: Sequence[str]) -> str:
    """results[store][method] -> stats, for one volume: median / p95 per store, with the peers and goal."""
    methods = ordered_methods({m for store in stores for m in results.get(store, {})})
    headers = ["method", "calls"]
    for store in stores:
        headers += [f"{store} median", f"{store} p95"]
    headers += ["goal", "XTDB 5-2 / 80-10", "JanusGraph 5-2 / 40-10"]
    rows = []
    for method in methods:
        first = next((results[s][method] for s in stores if method in results.get(s, {})), None)
        row: list[str] = [method, fmt(first["count"], 0) if first else "-"]
        for store in stores:
            stats = results.get(store, {}).get(method)
            row += [fmt(stats["median"]) if stats else "-", fmt(stats["p95"]) if stats else "-"]
        target = goal(method)
        peers = PEERS.get(method, ("", ""))
        row += [f"≤ {target:.0f}" if target else "", peers[0], peers[1]]
        rows.append(row)
    return markdown_table(headers, rows)


def latency_chart(
    path: Path,
    title: str,
    series: Mapping[str, Mapping[str, float]],
    x_labels: Sequence[str],
    *,
    x_title: str = "volume (instancesPerType-maxSearchResults)",
) -> bool:
    """series[method][x_label] -> median ms; a log-scale line chart. False when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(11, 6.5))
    # The colour cycle has 10 colours; past them a line changes style and marker, so no two look alike.
    styles = [("-", "o"), ("--", "s"), (":", "^"), ("-.", "D")]
    for number, method in enumerate(ordered_methods(series)):
        points = [(i, series[method][x]) for i, x in enumerate(x_labels) if x in series[method]]
        if points:
            line, marker = styles[(number // 10) % len(styles)]
            axes.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                linestyle=line,
                marker=marker,
                label=method,
                linewidth=1.2,
            )
    axes.set_xticks(range(len(x_labels)), list(x_labels))
    axes.set_yscale("log")
    axes.set_xlabel(x_title)
    axes.set_ylabel("median ms per call (log)")
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, ncol=2, loc="center left", bbox_to_anchor=(1.0, 0.5))
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return True

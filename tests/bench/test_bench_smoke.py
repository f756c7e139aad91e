"""The benchmark still runs: a tiny PTS-style run and scale run on the embedded store, through a real
``graphrepo serve`` process over HTTP, and its report is written. Timings are never asserted."""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import main


def test_the_benchmark_runs_end_to_end_on_the_memory_store(tmp_path: Path) -> None:
    out = tmp_path / "results"
    status = main(["--quick", "--stores", "memory", "--scale-stores", "memory", "--out", str(out)])
    assert status == 0
    results = json.loads((out / "results.json").read_text())
    pts = results["pts"]["stores"]["memory"]["2-2"]
    for method in (
        "addEntity",
        "addRelationship",
        "classifyEntity",
        "getEntityDetail",
        "findEntitiesByProperty",
        "getRelatedEntities",
        "reIdentifyEntity",
        "reTypeEntity",
        "reHomeEntity",
        "purgeEntity",
    ):
        assert pts[method]["count"] > 0, method
    scale = results["scale"]["stores"]["memory"]["300"]
    assert scale["load"]["instances"] == 600 and scale["peak_rss_mib"] > 0
    assert "getEntityDetail" in scale["stats"]
    report = (out / "report.md").read_text()
    assert "## PTS-style run" in report and "## Scale run" in report

    # A finished run's report can be written again from its results alone.
    (out / "report.md").unlink()
    assert main(["--report", str(out)]) == 0
    assert (out / "report.md").read_text() == report


def test_rewriting_a_report_from_a_folder_without_results_fails_clearly(tmp_path: Path) -> None:
    assert main(["--report", str(tmp_path)]) == 2
    assert not (tmp_path / "report.md").exists()

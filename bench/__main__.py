"""``python -m bench``: the PTS-style run, the scale run with the raw-driver floor, and the report.

    python -m bench                       # default: PTS 5-2,10-5,20-10 on a type sample, both stores;
                                          # scale 10k -> 100k on Neo4j with the floor
    python -m bench --full                # PTS volumes 5-2 .. 80-10 over every type
    python -m bench --scale 10000,100000,1000000
    python -m bench --quick               # seconds: the smoke test's run
    python -m bench --report bench/results/<stamp> --latest   # re-render a finished run (tables, charts)

Neo4j is started from the test harness's cached jars (tests/servers) unless --neo4j-uri names one
(its `neo4j` database is wiped: never point it at data you keep). Results go to bench/results/<stamp>/.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench._omrs import OMRSClient, Timings
from bench._pts import PTS_VOLUMES, PtsRun, Volume
from bench._report import fmt, latency_chart, markdown_table, ordered_methods, pts_table, summarise
from bench._scale import Floor, ScaleRun
from bench._service import ServiceProcess
from bench._types import TypeCatalog, choose_types

ROOT = Path(__file__).resolve().parent
DEFAULT_SAMPLE = (12, 8, 4)


def log(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n")[0] if __doc__ else None
    )
    parser.add_argument("--stores", default="neo4j,memory", help="comma-separated: neo4j, memory")
    parser.add_argument(
        "--volumes", default="5-2,10-5,20-10", help="PTS volumes instancesPerType-maxSearchResults"
    )
    parser.add_argument(
        "--types",
        default=",".join(map(str, DEFAULT_SAMPLE)),
        help="entity,relationship,classification type counts to sample ('all' for every type)",
    )
    parser.add_argument(
        "--full", action="store_true", help="the PTS's volumes (5-2 .. 80-10) over every type"
    )
    parser.add_argument(
        "--scale", default="10000,100000", help="scale stages (entities; as many relationships)"
    )
    parser.add_argument("--scale-stores", default="neo4j", help="stores for the scale run")
    parser.add_argument(
        "--batch", type=int, default=500, help="instances per saveInstanceReferenceCopies call"
    )
    parser.add_argument("--samples", type=int, default=200, help="timed calls per method in the scale run")
    parser.add_argument(
        "--phases",
        help="PTS phases to run, comma-separated (e.g. 'create entities,update'; list the phases they need)",
    )
    parser.add_argument("--skip-pts", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument(
        "--standalone",
        action="store_true",
        help="PTS and scale services in no cohort (default: each joins one on its in-process bus)",
    )
    parser.add_argument("--cohort", type=int, default=0, help="publish this many reference copies on Kafka")
    parser.add_argument(
        "--quick", action="store_true", help="tiny run (smoke test): 2-2 PTS on 3/2/1 types, scale 300"
    )
    parser.add_argument(
        "--neo4j-uri", help="use this Neo4j (its neo4j database is wiped) instead of starting one"
    )
    parser.add_argument("--out", type=Path, help="result folder (default bench/results/<timestamp>)")
    parser.add_argument("--latest", action="store_true", help="also copy the report to bench/LATEST.md")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="FOLDER",
        help="run nothing: write the report and charts again from FOLDER/results.json",
    )
    args = parser.parse_args(argv)
    if args.full:
        args.volumes = ",".join(v.label for v in PTS_VOLUMES)
        args.types = "all"
    if args.quick:
        args.volumes, args.types, args.scale, args.samples = "2-2", "3,2,1", "300", 10
    return args


@contextlib.contextmanager
def neo4j_server(uri: str | None) -> Iterator[str]:
    if uri:
        yield uri
        return
    sys.path.insert(0, str(ROOT.parent))
    from tests.servers import Neo4jServer

    log("starting Neo4j 5.26 (tests/servers, cached jars) ...")
    with Neo4jServer(heap="2g", pagecache="1g") as server:
        yield server.endpoint.bolt_uri


def wipe(uri: str) -> None:
    import neo4j

    from tests.servers import wipe_database

    with neo4j.GraphDatabase.driver(uri, auth=None) as driver:
        wipe_database(driver, keep_schema=True)


def member_env(args: argparse.Namespace) -> dict[str, str]:
    """Like the PTS's technology under test, the service is a cohort member: it joins one cohort on its
    in-process bus, so every change's events go through the outbox and the relay (no Kafka hop)."""
    return {} if args.standalone else {"GRAPHREPO_EVENT_BUS__COHORTS": "benchCohort"}


def run_pts(
    args: argparse.Namespace, stores: list[str], uri: str | None, out: Path, results: dict[str, Any]
) -> None:
    volumes = [Volume.parse(v) for v in args.volumes.split(",")]
    counts: list[int | None] = (
        [None, None, None] if args.types == "all" else [int(x) for x in args.types.split(",")]
    )
    pts: dict[str, Any] = {"volumes": [v.label for v in volumes], "stores": {}, "memory": {}, "phases": {}}
    results["pts"] = pts
    for store in stores:
        pts["stores"][store] = {}
        for volume in volumes:
            if store == "neo4j":
                assert uri is not None
                wipe(uri)
            work = out / "work" / f"pts-{store}-{volume.label}"
            shutil.rmtree(work, ignore_errors=True)
            log(f"PTS {store} {volume.label}: starting graphrepo serve")
            with ServiceProcess(store, work, neo4j_uri=uri, extra_env=member_env(args)) as service:
                client = OMRSClient(service.base_url, service.omrs_root, service.token)
                catalog = TypeCatalog.from_gallery(
                    client.call("getAllTypes", "GET", "/types/all", timed=False)
                )
                sample = choose_types(
                    catalog,
                    entity_count=counts[0],
                    relationship_count=counts[1],
                    classification_count=counts[2],
                )
                pts["sample"] = {
                    "entities": [t.name for t in sample.entities],
                    "relationships": [p.type.name for p in sample.relationships],
                    "classifications": [p.type.name for p in sample.classifications],
                }
                only = frozenset(p.strip() for p in args.phases.split(",")) if args.phases else None
                run = PtsRun(client, catalog, sample, volume, progress=log, phases=only)
                started = time.perf_counter()
                run.execute()
                client.close()
                memory = service.memory()
            stats = summarise(client.timings.samples)
            pts["stores"][store][volume.label] = stats
            pts["memory"][f"{store} {volume.label}"] = memory.peak_rss_mib
            pts["phases"][f"{store} {volume.label}"] = run.phase_seconds
            log(
                f"PTS {store} {volume.label}: {sample.type_count} types, "
                f"{time.perf_counter() - started:.0f} s, "
                f"peak RSS {memory.peak_rss_mib:.0f} MiB"
            )
            (out / "results.json").write_text(json.dumps(results, indent=1))


def run_scale(
    args: argparse.Namespace, stores: list[str], uri: str | None, out: Path, results: dict[str, Any]
) -> None:
    stages = [int(s) for s in args.scale.split(",")]
    scale: dict[str, Any] = {"stages": stages, "stores": {}, "floor": {}}
    results["scale"] = scale
    for store in stores:
        if store == "neo4j":
            assert uri is not None
            wipe(uri)
        work = out / "work" / f"scale-{store}"
        shutil.rmtree(work, ignore_errors=True)
        figures: dict[str, Any] = {}
        scale["stores"][store] = figures
        floor = Floor(uri, samples=args.samples) if store == "neo4j" and uri and not args.no_floor else None
        with ServiceProcess(store, work, neo4j_uri=uri, extra_env=member_env(args)) as service:
            client = OMRSClient(service.base_url, service.omrs_root, service.token)
            run = ScaleRun(client, batch=args.batch, samples=args.samples, progress=log)
            run.prepare()
            for stage in stages:
                log(f"scale {store}: loading to {stage:,} entities + {stage:,} relationships")
                load = run.load_to(stage)
                log(f"scale {store} {stage:,}: {load['rate']:,.0f} instances/s over REST bulk")
                timings = Timings()
                run.measure(timings)
                memory = service.memory()
                figures[str(stage)] = {
                    "load": load,
                    "stats": summarise(timings.samples),
                    "peak_rss_mib": memory.peak_rss_mib,
                }
                if floor is not None:
                    floor_load = floor.load_to(stage)
                    floor_timings = Timings()
                    floor.measure(floor_timings)
                    scale["floor"][str(stage)] = {
                        "load": floor_load,
                        "stats": summarise(floor_timings.samples),
                    }
                (out / "results.json").write_text(json.dumps(results, indent=1))
            client.close()
        if floor is not None:
            floor.close()


def run_cohort_bench(args: argparse.Namespace, uri: str, out: Path, results: dict[str, Any]) -> None:
    import neo4j

    from bench._cohort import register_peer, run_cohort
    from bench._omrs import string_properties
    from graphrepo.cohort import cohort_topics
    from tests.servers import KafkaServer

    cohort = "benchCohort"
    wipe(uri)
    log("starting Kafka 3.9 (tests/servers) ...")
    with KafkaServer() as kafka:
        bootstrap = kafka.endpoint.bootstrap_servers
        env = {
            "GRAPHREPO_EVENT_BUS__KIND": "kafka",
            "GRAPHREPO_EVENT_BUS__BOOTSTRAP_SERVERS": bootstrap,
            "GRAPHREPO_EVENT_BUS__COHORTS": cohort,
        }
        work = out / "work" / "cohort"
        shutil.rmtree(work, ignore_errors=True)
        with (
            ServiceProcess("neo4j", work, neo4j_uri=uri, extra_env=env) as service,
            neo4j.GraphDatabase.driver(uri, auth=None) as driver,
        ):
            log(f"cohort: member graphrepo serve pid {service.pid}")
            client = OMRSClient(service.base_url, service.omrs_root, service.token)
            topics = cohort_topics(cohort)
            register_peer(bootstrap, topics.registration, client, cohort)
            # A GlossaryTerm as the member writes it: the events' entities are copies of it re-homed.
            term = client.call("getTypeDefByName", "GET", "/types/typedef/name/GlossaryTerm", timed=False)
            body = {
                "class": "EntityCreateRequest",
                "entityTypeGUID": term["typeDef"]["guid"],
                "initialProperties": string_properties(qualifiedName="bench.cohort.template"),
            }
            template = client.call("addEntity", "POST", "/instances/entity", body, timed=False)["entity"]
            log(f"cohort: publishing {args.cohort:,} NEW_ENTITY events from a registered peer")
            figures = run_cohort(bootstrap, topics.instances, driver, template, args.cohort)
            memory = service.memory()
            client.close()
    results["cohort"] = {
        "published": figures.published,
        "publish_rate": figures.publish_rate,
        "stored": figures.stored,
        "sustained_rate": figures.sustained_rate,
        "end_to_end_seconds": figures.end_to_end_seconds,
        "end_to_end_rate": figures.end_to_end_rate,
        "peak_rss_mib": memory.peak_rss_mib,
        "samples": figures.samples,
    }
    log(
        f"cohort: {figures.stored:,} of {figures.published:,} stored; sustained "
        f"{figures.sustained_rate:,.0f}/s, end to end {figures.end_to_end_rate:,.0f}/s "
        f"({figures.end_to_end_seconds:.1f} s); published at {figures.publish_rate:,.0f}/s"
    )


def write_report(results: dict[str, Any], out: Path) -> str:
    lines = [
        f"# graphrepo benchmark — {results['started']}",
        "",
        f"Machine: {results['machine']}. Command: `{results['command']}`.",
        "All times are milliseconds per call, wall time at the client (one thread, sequential, HTTP/1.1",
        "keep-alive on loopback, bearer-token auth), median and 95th percentile.",
        (
            "The service is in no cohort (`--standalone`): changes keep no events."
            if results.get("standalone")
            else "The service is a cohort member (one cohort on its in-process bus): changes' events go"
            " through the outbox and the relay, without the Kafka hop."
        ),
        "Not pass/fail: compare ratios measured in one run.",
        "",
    ]
    pts = results.get("pts")
    if pts:
        stores = list(pts["stores"])
        sample = pts.get("sample", {})
        entities: list[str] = sample.get("entities", [])
        lines += [
            "## PTS-style run",
            "",
            f"Types: {len(entities)} entity, {len(sample.get('relationships', []))} relationship, "
            f"{len(sample.get('classifications', []))} classification types "
            f"({', '.join(entities[:12])}{' ...' if len(entities) > 12 else ''}).",
            "Peer columns: the PTS medians from targets.md (XTDB at 5-2 / 80-10, JanusGraph at 5-2 / 40-10).",
            "",
        ]
        for label in pts["volumes"]:
            per_store = {s: pts["stores"][s].get(label, {}) for s in stores}
            lines += [f"### Volume {label}", "", pts_table(per_store, stores), ""]
        lines += [
            "Peak resident memory of the service process (MiB): "
            + ", ".join(f"{k} {v:.0f}" for k, v in pts["memory"].items()),
            "",
        ]
        for store in stores:
            series: dict[str, dict[str, float]] = {}
            for label, stats in pts["stores"][store].items():
                for method, figures in stats.items():
                    series.setdefault(method, {})[label] = figures["median"]
            if latency_chart(
                out / f"pts-{store}.png",
                f"graphrepo PTS-style medians, {store} store",
                series,
                pts["volumes"],
            ):
                lines += [f"![PTS {store}](pts-{store}.png)", ""]
    scale = results.get("scale")
    if scale:
        stages = [str(s) for s in scale["stages"]]
        lines += ["## Scale run", ""]
        for store, figures in scale["stores"].items():
            done = [s for s in stages if s in figures]
            load_rows = [
                [
                    f"{int(s):,}",
                    f"{figures[s]['load']['rate']:,.0f}",
                    f"{figures[s]['load']['seconds']:.0f}",
                    f"{scale['floor'][s]['load']['rate']:,.0f}" if s in scale["floor"] else "-",
                    f"{figures[s]['peak_rss_mib']:.0f}",
                ]
                for s in done
            ]
            lines += [
                f"### {store}: bulk load (saveInstanceReferenceCopies, batches of {results['batch']})",
                "",
                markdown_table(
                    [
                        "entities (+ as many relationships)",
                        "instances/s",
                        "stage load s",
                        "floor UNWIND instances/s",
                        "peak RSS MiB",
                    ],
                    load_rows,
                ),
                "",
            ]
            methods = ordered_methods({m for s in done for m in figures[s]["stats"]})
            headers = ["method"]
            for s in done:
                headers += [f"{int(s):,} median", "p95"]
                if store == "neo4j" and s in scale["floor"]:
                    headers += ["floor median", "ratio"]
            if len(done) > 1:
                headers.append(f"{int(done[-1]) // int(done[0])}x data: median x")
            rows = []
            for method in methods:
                row = [method]
                for s in done:
                    stats = figures[s]["stats"].get(method)
                    row += [fmt(stats["median"]) if stats else "-", fmt(stats["p95"]) if stats else "-"]
                    if store == "neo4j" and s in scale["floor"]:
                        floor = scale["floor"][s]["stats"].get(method)
                        row += [
                            fmt(floor["median"], 2) if floor else "-",
                            f"{stats['median'] / floor['median']:.1f}x" if floor and stats else "-",
                        ]
                if len(done) > 1:
                    first, last = (
                        figures[done[0]]["stats"].get(method),
                        figures[done[-1]]["stats"].get(method),
                    )
                    row.append(f"{last['median'] / first['median']:.2f}" if first and last else "-")
                rows.append(row)
            lines += [
                f"### {store}: reads, searches and single writes by size",
                "",
                markdown_table(headers, rows),
                "",
            ]
            series = {
                m: {s: figures[s]["stats"][m]["median"] for s in done if m in figures[s]["stats"]}
                for m in methods
            }
            if latency_chart(
                out / f"scale-{store}.png",
                f"graphrepo scale run, {store} store",
                series,
                done,
                x_title="entities (+ as many relationships)",
            ):
                lines += [f"![scale {store}](scale-{store}.png)", ""]
    cohort = results.get("cohort")
    if cohort:
        lines += [
            "## Cohort inbound (Kafka -> Neo4j)",
            "",
            "A registered peer publishes NEW_ENTITY events (one partition, keyed by its id) while the",
            "member consumes; stored = reference copies homed at the peer found in Neo4j. Sustained:",
            "stored/s between 10 % and 90 % of the events stored; end to end: from the first publish to",
            "the last copy stored.",
            "",
            markdown_table(
                [
                    "NEW_ENTITY events published",
                    "publish events/s",
                    "stored in Neo4j",
                    "sustained stored/s",
                    "end to end stored/s",
                    "end to end s",
                    "peak RSS MiB",
                ],
                [
                    [
                        f"{cohort['published']:,}",
                        f"{cohort['publish_rate']:,.0f}",
                        f"{cohort['stored']:,}",
                        f"{cohort['sustained_rate']:,.0f}",
                        f"{cohort['end_to_end_rate']:,.0f}",
                        f"{cohort['end_to_end_seconds']:.1f}",
                        f"{cohort['peak_rss_mib']:.0f}",
                    ]
                ],
            ),
            "",
        ]
    report = "\n".join(lines) + "\n"
    (out / "report.md").write_text(report)
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.report:
        return republish(args.report, latest=args.latest)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out: Path = args.out or ROOT / "results" / stamp
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started": stamp,
        "command": "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "batch": args.batch,
        "standalone": args.standalone,
    }
    stores = [s for s in args.stores.split(",") if s]
    scale_stores = [s for s in args.scale_stores.split(",") if s]
    needs_neo4j = ("neo4j" in stores and not args.skip_pts) or (
        "neo4j" in scale_stores and not args.skip_scale
    )
    with contextlib.ExitStack() as stack:
        uri = stack.enter_context(neo4j_server(args.neo4j_uri)) if needs_neo4j else None
        if not args.skip_pts:
            run_pts(args, stores, uri, out, results)
        if not args.skip_scale:
            run_scale(args, scale_stores, uri, out, results)
        if args.cohort:
            if uri is None:
                uri = stack.enter_context(neo4j_server(args.neo4j_uri))
            run_cohort_bench(args, uri, out, results)
    (out / "results.json").write_text(json.dumps(results, indent=1))
    publish(results, out, latest=args.latest)
    return 0


def publish(results: dict[str, Any], out: Path, *, latest: bool) -> None:
    report = write_report(results, out)
    if latest:
        # results/ is git-ignored; the latest charts are kept beside LATEST.md so its links work in git.
        charts = ROOT / "charts"
        charts.mkdir(exist_ok=True)
        for chart in out.glob("*.png"):
            shutil.copyfile(chart, charts / chart.name)
        (ROOT / "LATEST.md").write_text(report.replace("](", "](charts/"))
    log(f"report: {out / 'report.md'}")


def republish(folder: Path, *, latest: bool) -> int:
    """Tables and charts again from a finished run, e.g. after installing the [bench] extra."""
    source = folder / "results.json"
    try:
        results = json.loads(source.read_text())
    except (OSError, ValueError) as error:
        log(f"cannot read {source}: {error}")
        return 2
    publish(results, folder, latest=latest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

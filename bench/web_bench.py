"""Benchmark of the registry web app: 10,000 synthetic records, served by `dpg serve` (waitress).

    python bench/web_bench.py [--records 10000] [--clients 8] [--seconds 5] [--database-url URL]

Measures in one run, against the same server process: the API list endpoint (filtered and
paginated), the HTML search page, and the same data served as static JSON files by WhiteNoise
(the whole data set, as a static-file registry would publish it, and one page of API output).
Prints requests per second, p50 and p99 latency, and each endpoint's ratio to static serving.
The client runs in this process, the server in its own, so they do not share one GIL.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

WORDS = [
    "health",
    "water",
    "education",
    "climate",
    "energy",
    "data",
    "open",
    "source",
    "platform",
    "mobile",
    "agriculture",
    "finance",
    "identity",
    "maps",
    "learning",
    "registry",
    "records",
    "payments",
    "civic",
    "justice",
    "gender",
    "youth",
    "school",
    "clinic",
    "farm",
    "weather",
    "ocean",
    "forest",
    "city",
    "transport",
    "housing",
    "jobs",
    "market",
    "library",
    "survey",
    "census",
    "vaccine",
    "nutrition",
    "sanitation",
    "literacy",
    "disaster",
    "emergency",
    "community",
]
TYPES = ["software", "data", "content", "standard", "aimodel"]
LICENSES = ["MIT", "Apache-2.0", "GPL-3.0", "AGPL-3.0", "CC-BY-4.0", "CC-BY-SA-4.0", "BSD-3-Clause"]
SECTORS = [
    "Education",
    "Health",
    "Agriculture",
    "Climate",
    "Economics/Finance",
    "Digital Development",
]
COUNTRIES = ["Kazakhstan", "Kenya", "India", "Brazil", "Uzbekistan", "Nepal", "Peru", "Ghana"]


def synthetic_entries(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    entries: list[dict[str, Any]] = []
    for index in range(count):
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {index:05d}"
        slug = name.lower().replace(" ", "-")
        stage = "DPG" if rng.random() < 0.7 else "nominee"
        record = {
            "name": name,
            "aliases": [f"{name.split()[0][:3].upper()}{index}"],
            "description": " ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + ".",
            "website": f"https://example.org/{slug}",
            "license": [
                {"spdx": rng.choice(LICENSES), "licenseURL": f"https://example.org/{slug}/LICENSE"}
            ],
            "SDGs": [
                {
                    "SDGNumber": number,
                    "evidenceText": " ".join(rng.choice(WORDS) for _ in range(12)),
                }
                for number in sorted(rng.sample(range(1, 18), rng.randint(1, 3)))
            ],
            "sectors": rng.sample(SECTORS, rng.randint(1, 2)),
            "type": [rng.choice(TYPES)],
            "repositories": [{"name": "main", "url": f"https://git.example.org/{slug}"}],
            "organizations": [{"name": f"Org {index % 500}", "org_type": "owner"}],
            "stage": stage,
        }
        entries.append({"kind": "nominee", "id": slug, "record": record})
        if stage == "DPG":
            screening = {
                "name": name,
                "clearOwnership": {"isOwnershipExplicit": "Yes", "copyrightURL": record["website"]},
                "platformIndependence": {"mandatoryDepsCreateMoreRestrictions": "No"},
                "documentation": {
                    "isDocumentationAvailable": "Yes",
                    "documentationURL": [record["website"]],
                },
                "NonPII": {"collectsNonPII": "No"},
                "privacy": {"isPrivacyCompliant": "Yes", "privacyComplianceList": ["GDPR"]},
                "standards": {"supportStandards": "Yes", "implementBestPractices": "Yes"},
                "doNoHarm": {
                    "preventHarm": {"stepsToPreventHarm": "Yes"},
                    "dataPrivacySecurity": {"collectsPII": "No"},
                    "inappropriateIllegalContent": {"collectStoreDistribute": "No"},
                    "protectionFromHarassment": {"userInteraction": "No"},
                },
                "locations": {
                    "developmentCountries": [rng.choice(COUNTRIES)],
                    "deploymentCountries": rng.sample(COUNTRIES, rng.randint(1, 3)),
                },
            }
            entries.append({"kind": "screening", "id": slug, "record": screening})
    return entries


def load(data_dir: Path, records: int, database_url: str | None) -> tuple[float, str]:
    """Migrate, import the synthetic records, write the static peers; returns import seconds."""
    os.environ["DPGKIT_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    from dpgkit.web import setup

    setup("dpgkit.web.settings.local")
    from django.conf import settings
    from django.test import Client

    from dpgkit.web.registry.bootstrap import collect_static, migrate
    from dpgkit.web.registry.models import Good, Screening
    from dpgkit.web.registry.sources import Entry, EntryKind
    from dpgkit.web.registry.store import import_items

    migrate()
    Screening.objects.all().delete()
    Good.objects.all().delete()
    collect_static()
    entries = synthetic_entries(records)
    started = time.perf_counter()
    report = import_items(
        Entry(EntryKind(e["kind"]), e["id"], e["record"], "synthetic") for e in entries
    )
    seconds = time.perf_counter() - started
    assert not report.rejected, report.rejected[:3]
    static = Path(settings.STATIC_ROOT) / "bench"
    static.mkdir(exist_ok=True)
    # The same data as the static registry API publishes it: every record in one file.
    everything = [{"id": e["id"], **e["record"]} for e in entries if e["kind"] == "nominee"]
    (static / "registry.json").write_text(json.dumps(everything), encoding="utf-8")
    page = Client(HTTP_HOST="127.0.0.1").get(API_PATH.format(page=1)).content
    (static / "page.json").write_bytes(page)
    return seconds, f"{len(everything)} goods, {len(entries) - len(everything)} screenings"


API_PATH = "/api/goods?sdg=3&type=software&page={page}&page_size=20"
SEARCH_PATH = "/?q={word}&sdg=4&page={page}"


def worker(
    port: int, paths: list[str], deadline: float, latencies: list[float], errors: list[str]
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    index = 0
    while time.perf_counter() < deadline:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(str(error))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        if response.status != 200:
            errors.append(f"{path}: HTTP {response.status}")
        latencies.append(time.perf_counter() - started)
    connection.close()


def measure(port: int, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(
            target=worker, args=(port, paths[i:] + paths[:i], deadline, latencies, errors)
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"errors during the run, e.g. {errors[0]}")
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    }


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/facets")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dpgkit-web-bench-") as folder:
        data_dir = Path(folder)
        import_seconds, loaded = load(data_dir, args.records, args.database_url)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(
            f"loaded {loaded} into {database} in {import_seconds:.1f} s "
            f"({args.records / import_seconds:.0f} records/s through schema validation)"
        )
        port = free_port()
        env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dpgkit",
                "serve",
                "--port",
                str(port),
                "--threads",
                str(args.threads),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(port, server)
            rng = random.Random(3)
            api_paths = [API_PATH.format(page=rng.randint(1, 15)) for _ in range(64)]
            search_paths = [
                SEARCH_PATH.format(word=rng.choice(WORDS), page=rng.randint(1, 3))
                for _ in range(64)
            ]
            runs = {
                "static JSON, whole data set (WhiteNoise)": ["/static/bench/registry.json"],
                "static JSON, one API page (WhiteNoise)": ["/static/bench/page.json"],
                "API list, filtered + paginated": api_paths,
                "HTML search page, query + filter": search_paths,
            }
            results = {}
            for label, paths in runs.items():
                measure(port, paths[:4], 2, 0.5)  # warm-up
                results[label] = measure(port, paths, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)

    full = results["static JSON, whole data set (WhiteNoise)"]
    page = results["static JSON, one API page (WhiteNoise)"]
    print(
        f"{args.clients} keep-alive clients, {args.seconds:.0f} s per endpoint, "
        f"waitress with {args.threads} threads, one process"
    )
    print(
        f"{'endpoint':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs whole file':>14} {'vs page file':>13}"
    )
    for label, result in results.items():
        print(
            f"{label:44} {result['rps']:8.0f} {result['p50_ms']:8.1f} {result['p99_ms']:8.1f} "
            f"{result['rps'] / full['rps']:13.2f}x {result['rps'] / page['rps']:12.2f}x"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


if __name__ == "__main__":
    main()

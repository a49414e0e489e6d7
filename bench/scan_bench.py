"""Benchmark of registry scans on a pool of RQ workers: repositories per minute with 1, 2 and 4
`dpg worker --burst` processes, and what a worker SIGKILLed in the middle of a scan costs.

    python bench/scan_bench.py [--repos 200] [--workers 1,2,4] [--redis-db 13]
                               [--server postgresql://root@127.0.0.1:5432]

In one run: builds --repos small real git repositories (READMEs, licenses, code, varied) in a
temporary folder, a PostgreSQL database of its own (several workers write at once; SQLite
would lock), one registry good per repository (its record names
https://github.com/scan-bench/<slug>, served from the folder with --url-rewrite as the scan
tests do), and for each pool size: clears the scans, queues one scan per good on RQ (an empty
Redis database of its own, checked empty first) and times the burst workers until the queue
is empty. "wall" counts from the workers' start (process start, imports, the database check)
to the last one's exit; "steady" is the rate between the first and the last stored scan.

Then the killed worker: 2 workers, one SIGKILLed while it holds a clone (its own TMPDIR shows
it); the other empties the queue; the scan that was lost is queued again as the system does it
(`dpg registry scan --stale 1`: goods not checked for a day, i.e. never scanned) and one burst
worker runs it. Checks that every good has exactly one scan, `done`, of its repository's
commit, and reports the extra time over the 2-worker run. Everything it made (database, Redis
keys, folders) is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REMOTE = "https://github.com/scan-bench/"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench Author",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench Author",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}
LICENSES = {
    "MIT": "MIT License\n\nCopyright (c) 2024 {name}\n\nPermission is hereby granted, free of "
    "charge, to any person obtaining a copy of this software and associated documentation files "
    '(the "Software"), to deal in the Software without restriction.\n',
    "Apache-2.0": "                                 Apache License\n"
    "                           Version 2.0, January 2004\n"
    "                        http://www.apache.org/licenses/\n",
    "GPL-3.0": "                    GNU GENERAL PUBLIC LICENSE\n"
    "                       Version 3, 29 June 2007\n",
    "": "",
}
TOPICS = ["water", "health", "school", "farm", "clinic", "climate", "maps", "payments"]


def repository_files(index: int) -> dict[str, str]:
    """Small and varied: a README, a license (or none), some code, sometimes docs."""
    topic = TOPICS[index % len(TOPICS)]
    name = f"{topic.title()} Tool {index}"
    license_id = list(LICENSES)[index % len(LICENSES)]
    files = {
        "README.md": f"# {name}\n\nAn open-source {topic} tool for public services "
        f"(project {index}).\n\n## Install\n\n    pip install {topic}-{index}\n"
        + ("\n## Privacy\n\nNo personal data is stored.\n" if index % 3 == 0 else ""),
        f"src/{topic}_{index}.py": f'"""{name}."""\n\n\ndef run(x: int) -> int:\n'
        f"    return x * {index}\n",
    }
    if license_id:
        files["LICENSE"] = LICENSES[license_id].format(name=name)
    if index % 2:
        files["docs/usage.md"] = f"# Usage\n\nRun `{topic}-{index}`.\n"
    if index % 5 == 0:
        files["CODE_OF_CONDUCT.md"] = "# Contributor Covenant Code of Conduct\n"
    return files


def make_repositories(root: Path, count: int) -> dict[str, Path]:
    env = {**os.environ, **GIT_ENV}
    repos = {}
    for index in range(count):
        slug = f"bench-good-{index:04d}"
        folder = root / slug
        for relative, text in repository_files(index).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
            subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)
        repos[slug] = folder
    return repos


def head(folder: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


@dataclass
class Run:
    workers: int
    wall: float  # seconds from the workers' start to the last exit
    steady: float  # seconds between the first and the last stored scan
    scans: int
    cpu: float  # CPU seconds (user + system) of the workers and their git processes

    def per_minute(self) -> float:
        return self.scans / self.wall * 60

    def steady_per_minute(self) -> float:
        return (self.scans - 1) / self.steady * 60 if self.steady > 0 else 0.0


class Bench:
    def __init__(self, root: Path, database_url: str, redis_url: str) -> None:
        self.root = root
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "DPGKIT_"))
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="dpgkit.web.settings.local",
            DATABASE_URL=database_url,
            DPGKIT_DATA_DIR=str(root / "data"),
            DPGKIT_CLONE_SCHEMES="https,file",
            DPGKIT_TASKS_BACKEND="redis",
            DPGKIT_REDIS_URL=redis_url,
        )
        self.killed_note = ""
        self.rewrite = f"{REMOTE}={(root / 'repos').as_uri()}/"

    def setup_goods(self, slugs: list[str]) -> None:
        """Migrate the fresh database and register one good per repository, the way the scan
        tests make goods (a record whose "main" repository is on REMOTE)."""
        os.environ.update(self.env)
        import hashlib
        import json

        from dpgkit.web import setup

        setup()
        from dpgkit.web.registry.bootstrap import migrate, prepare
        from dpgkit.web.registry.models import Good, Stage

        migrate()
        for slug in slugs:
            record: dict[str, Any] = {
                "name": slug.title(),
                "description": "A benchmark good.",
                "stage": "DPG",
                "repositories": [{"name": "main", "url": REMOTE + slug}],
            }
            text = json.dumps(record)
            Good.objects.create(
                slug=slug,
                name=slug.title(),
                sort_name=slug,
                stage=Stage.DPG,
                record_json=text,
                record_sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        # What every `dpg worker` does first (static files collected once, here, so that the
        # first timed pool does not pay for it).
        prepare()

    def reset(self, queue: Any) -> None:
        from dpgkit.web.scans.models import Scan, VerdictChange

        VerdictChange.objects.all().delete()
        Scan.objects.all().delete()
        queue.flushdb()

    def enqueue_all(self) -> None:
        from dpgkit.web.registry.models import Good
        from dpgkit.web.scans.jobs import enqueue_good

        rewrites = [list(self.rewrite.split("=", 1))]
        for good in Good.objects.order_by("slug"):
            enqueue_good(good.pk, rewrites)

    def worker(self, tmp: Path | None = None) -> subprocess.Popen[bytes]:
        env = dict(self.env)
        if tmp is not None:
            tmp.mkdir(parents=True, exist_ok=True)
            env["TMPDIR"] = str(tmp)
        return subprocess.Popen(
            [sys.executable, "-m", "dpgkit", "worker", "--burst"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def steady_seconds(self) -> float:
        from django.db.models import Max, Min

        from dpgkit.web.scans.models import Scan

        span = Scan.objects.aggregate(first=Min("finished_at"), last=Max("finished_at"))
        if span["first"] is None:
            return 0.0
        return float((span["last"] - span["first"]).total_seconds())

    def scan_count(self) -> int:
        from dpgkit.web.scans.models import Scan

        return int(Scan.objects.count())

    def pool(self, count: int, queue: Any) -> Run:
        self.reset(queue)
        self.enqueue_all()
        before = cpu_seconds()
        start = time.monotonic()
        workers = [self.worker() for _ in range(count)]
        for process in workers:
            if process.wait() != 0:
                raise SystemExit(f"a worker exited with {process.returncode}")
        wall = time.monotonic() - start
        cpu = cpu_seconds() - before
        return Run(count, wall, self.steady_seconds(), self.scan_count(), cpu)

    def check(self, repos: dict[str, Path]) -> list[str]:
        """Every good: exactly one scan, done, of its repository's HEAD."""
        from dpgkit.web.scans.models import Scan

        rows: dict[str, list[tuple[str, str]]] = {}
        for slug, status, commit in Scan.objects.values_list("good__slug", "status", "commit"):
            rows.setdefault(slug, []).append((status, commit))
        problems = []
        for slug, folder in repos.items():
            if rows.get(slug) != [("done", head(folder))]:
                problems.append(f"{slug}: {rows.get(slug)}")
        return problems

    def killed(self, queue: Any, total: int) -> tuple[float, int, int]:
        """2 workers, one SIGKILLed holding a clone; the lost scan queued again and run."""
        self.reset(queue)
        self.enqueue_all()
        victim_tmp = self.root / "victim-tmp"
        start = time.monotonic()
        victim = self.worker(victim_tmp)
        other = self.worker()
        # Mid-run: once about a third of the scans are stored, at the victim's next clone.
        while self.scan_count() < total // 3 and victim.poll() is None:
            time.sleep(0.05)
        while victim.poll() is None and not list(victim_tmp.glob("dpgkit-registry-scan-*")):
            time.sleep(0.005)
        if victim.poll() is not None:
            raise SystemExit("the worker to kill finished before it could be killed")
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        killed_at = time.monotonic() - start
        stored_at_kill = self.scan_count()
        if other.wait() != 0:
            raise SystemExit(f"the other worker exited with {other.returncode}")
        drained_at = time.monotonic() - start
        before_requeue = self.scan_count()
        queued = subprocess.run(
            [
                sys.executable,
                "-m",
                "dpgkit",
                "registry",
                "scan",
                "--stale",
                "1",
                "--url-rewrite",
                self.rewrite,
            ],
            env=self.env,
            capture_output=True,
            text=True,
        )
        if queued.returncode != 0:
            raise SystemExit(queued.stderr)
        requeued = int(queued.stderr.split("queued ")[-1].split()[0])
        if self.worker().wait() != 0:
            raise SystemExit("the worker after the requeue failed")
        wall = time.monotonic() - start
        self.killed_note = (
            f"killed run: SIGKILL at {killed_at:.1f} s with {stored_at_kill}/{total} scans "
            f"stored; the other worker alone stopped at {drained_at:.1f} s with "
            f"{before_requeue}/{total}; requeue and rerun took {wall - drained_at:.1f} s"
        )
        return wall, before_requeue, requeued


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def create_database(server: str) -> tuple[str, str]:
    import psycopg

    name = f"dpgkit_scanbench_{uuid.uuid4().hex[:12]}"
    admin = urlunsplit(urlsplit(server)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin, name


def drop_database(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--workers", default="1,2,4", help="pool sizes, comma-separated")
    parser.add_argument("--server", default="postgresql://root@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=13, help="an empty database of its own")
    args = parser.parse_args()
    sizes = [int(size) for size in args.workers.split(",")]

    import redis

    redis_url = f"{args.redis.rstrip('/')}/{args.redis_db}"
    queue = redis.Redis.from_url(redis_url)
    if queue.dbsize():
        raise SystemExit(f"{redis_url} is not empty: give --redis-db a database of its own")
    admin, name = create_database(args.server)
    try:
        with tempfile.TemporaryDirectory(prefix="dpgkit-scan-bench-") as folder:
            root = Path(folder)
            started = time.monotonic()
            repos = make_repositories(root / "repos", args.repos)
            print(
                f"{args.repos} repositories built in {time.monotonic() - started:.1f} s",
                file=sys.stderr,
            )
            database_url = urlunsplit(urlsplit(args.server)._replace(path=f"/{name}"))
            bench = Bench(root, database_url, redis_url)
            bench.setup_goods(sorted(repos))
            runs: dict[int, Run] = {}
            for size in sizes:
                run = bench.pool(size, queue)
                problems = bench.check(repos)
                if problems:
                    raise SystemExit(f"{size} workers: wrong scans: {problems[:5]}")
                runs[size] = run
                print(f"  {size} worker(s): {run.wall:.1f} s", file=sys.stderr)
            wall, before, requeued = bench.killed(queue, args.repos)
            problems = bench.check(repos)
            from django.db import connections

            connections.close_all()
    finally:
        queue.flushdb()
        drop_database(admin, name)

    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; PostgreSQL, RQ on Redis; "
        f"{args.repos} repositories"
    )
    print()
    print(
        "| workers | wall s | repos/min (wall) | speedup | steady repos/min | speedup "
        "| CPU s per scan |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    base = runs[sizes[0]]
    for size, run in runs.items():
        print(
            f"| {size} | {run.wall:.1f} | {run.per_minute():.1f} | "
            f"{run.per_minute() / base.per_minute():.2f}x | {run.steady_per_minute():.1f} | "
            f"{run.steady_per_minute() / base.steady_per_minute():.2f}x | "
            f"{run.cpu / run.scans:.3f} |"
        )
    print()
    reference = runs.get(2)
    extra = f"{wall - reference.wall:+.1f} s over the 2-worker run" if reference else ""
    print(
        f"killed worker (2 workers, one SIGKILLed holding a clone): {wall:.1f} s in all ({extra}); "
        f"{before}/{args.repos} stored before the requeue, {requeued} queued again by "
        f"`dpg registry scan --stale 1`; one scan per good, done, of its commit: "
        + ("yes" if not problems else f"NO: {problems[:5]}")
    )
    print(bench.killed_note)
    if problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

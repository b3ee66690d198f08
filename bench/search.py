"""Search at the size of years of papers: 100,000 documents indexed and searched on SQLite and on PostgreSQL.

Each database is measured in a child process of its own (SQLite in a temporary directory; PostgreSQL in a scratch
database dropped at the end, made through DATABASE_URL or --postgresql). The child builds 1,000 meetings of one body
with 5 items each and the papers of those items, their text as the worker would have read it: Vietnamese of 2 to
20 KB made of the sentences of one article of the seeds or the corpus (/work/shared), and one sentence in ten of
any other, a tenth of the papers confidential. It
times the rebuild of the papers' index (`hoinghi reindex --kind document`: documents per second), then the search
as the page runs it (hoinghi.search.selectors.search: the match, the permission filter, the facet counts, the
first page ranked, with its snippets) for queries written with diacritics and the same without, for a member of
the body (who may open every paper) and for a leader (who may not open the confidential tenth): p50 and p95 of
every query over the rounds. A baseline measured in the same run: the meetings list without a query.

Building and indexing 100,000 papers takes a quarter of an hour a database: `--keep NAME` keeps the archive (the
PostgreSQL database hoinghi_bench_NAME, the SQLite folder NAME under --scratch) and a later run with the same name
measures it again without building it (its migrations applied first; no indexing rate then).

    .venv/bin/python bench/search.py [--count 100000] [--rounds 5] [--postgresql URL] [--only ENGINE]
        [--keep NAME] [--json]
"""

import argparse
import datetime
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import percentile, scratch_database

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared")
MEETINGS = 1000
ITEMS_PER_MEETING = 5
BATCH = 2000
QUERIES = [
    "Ban Thường vụ Tỉnh ủy",
    "chuyển đổi số",
    '"kinh tế - xã hội"',
    "phòng, chống dịch",
    "đầu tư công",
    "HĐND tỉnh",
    "cải cách hành chính",
    "nông thôn mới",
    "Phạm Xuân Thăng",
    "công tác cán bộ -dịch",
]


def subjects() -> list[list[str]]:
    """The sentences of each seed and corpus article: a paper is about one subject, as a report or a submission is."""
    texts = [path.read_text() for path in sorted(SHARED.glob("seeds/*.txt"))]
    texts += [path.read_text() for path in sorted(SHARED.glob("corpus/*/articles/*.txt"))]
    found = [[s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if len(s.strip()) > 20] for text in texts]
    return [sentences for sentences in found if sentences]


def paper(rng: random.Random, subjects: list[list[str]]) -> str:
    """2 to 20 KB: sentences of one subject, with one sentence in ten from anywhere."""
    size = rng.randint(2_000, 20_000)
    subject = rng.choice(subjects)
    parts, length = [], 0
    while length < size:
        sentence = rng.choice(subject if rng.random() < 0.9 else rng.choice(subjects))
        parts.append(sentence)
        length += len(sentence.encode()) + 1
    return " ".join(parts)


class Archive:
    """One body's meetings over ten years, their items and papers, and the two readers."""

    def __init__(self, count: int, rng: random.Random):
        from hoinghi.directory.models import Body, Membership, Organization, Person, Term, User

        self.count, self.rng = count, rng
        kept = User.objects.filter(username__in=["member", "leader"]).order_by("username")
        if kept.exists():  # an archive kept by an earlier run (--keep)
            self.leader, self.member = kept
            self.body = Body.objects.get()
            self.kept = True
            return
        self.kept = False
        committee = Organization.objects.create(name="Tỉnh ủy Thử nghiệm", kind="party", document_code="TU")
        self.body = Body.objects.create(organization=committee, name="Ban Thường vụ Tỉnh ủy", kind="standing_committee")
        self.term = Term.objects.create(body=self.body, ordinal="XX", start=datetime.date(2015, 10, 1))
        person = Person.objects.create(full_name="Nguyễn Văn Thành Viên")
        Membership.objects.create(person=person, term=self.term)
        self.member = User.objects.create_user("member", password="x", role="member", person=person)
        self.leader = User.objects.create_user("leader", password="x", role="leader")

    def build(self) -> None:
        from django.utils import timezone

        from hoinghi.meetings.models import AgendaItem, Meeting

        first = datetime.datetime(2016, 1, 1, 8, 0)
        meetings = Meeting.objects.bulk_create(
            Meeting(
                body=self.body,
                term=self.term,
                number=n + 1,
                starts_at=timezone.make_aware(first + datetime.timedelta(days=3 * n)),
                title=f"Hội nghị Ban Thường vụ Tỉnh ủy lần thứ {n + 1}",
                place="Hội trường Tỉnh ủy",
                status=Meeting.Status.CLOSED,
            )
            for n in range(MEETINGS)
        )
        vocabulary = subjects()
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, order=n, title=self.rng.choice(self.rng.choice(vocabulary))[:300])
            for meeting in meetings
            for n in range(ITEMS_PER_MEETING)
        )
        for start in range(0, self.count, BATCH):
            self.papers(items, vocabulary, range(start, min(start + BATCH, self.count)))

    def papers(self, items, vocabulary, numbers) -> None:
        from hoinghi.meetings.models import Confidentiality, Document, DocumentVersion

        documents = Document.objects.bulk_create(
            Document(
                item=items[n % len(items)],
                title=self.rng.choice(self.rng.choice(vocabulary))[:200],
                confidentiality=Confidentiality.SECRET if self.rng.random() < 0.1 else Confidentiality.NORMAL,
            )
            for n in numbers
        )
        DocumentVersion.objects.bulk_create(
            DocumentVersion(
                document=document,
                number=1,
                file=f"documents/{document.pk}/1.pdf",
                original_name=f"tai-lieu-{document.pk}.pdf",
                media_type="application/pdf",
                extension=".pdf",
                size=1,
                sha256="0" * 64,
                extraction=DocumentVersion.Extraction.DONE,
                extracted_text=paper(self.rng, vocabulary),
            )
            for document in documents
        )


def unaccented(text: str) -> str:
    from hoinghi.core.text import fold

    return fold(text)


def time_queries(user, queries: list[str], rounds: int) -> list[float]:
    from hoinghi.search import selectors

    timings = []
    for _ in range(rounds):
        for text in queries:
            started = time.perf_counter()
            results = selectors.search(user, text)
            list(results.hits)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def figures(timings: list[float]) -> dict:
    return {"p50_ms": round(percentile(timings, 0.5), 1), "p95_ms": round(percentile(timings, 0.95), 1)}


def child(count: int, rounds: int, seed: int) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from hoinghi.meetings import selectors as meeting_selectors
    from hoinghi.search import indexing
    from hoinghi.search.models import Entry, Kind

    call_command("migrate", verbosity=0)
    archive = Archive(count, random.Random(seed))
    build_s = index_s = indexed = None
    if not archive.kept:
        started = time.perf_counter()
        archive.build()
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        indexed = indexing.reindex(kinds=[Kind.DOCUMENT])[Kind.DOCUMENT]
        index_s = time.perf_counter() - started
        indexing.reindex(kinds=[Kind.MEETING, Kind.ITEM])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    folded = [unaccented(q) for q in QUERIES]
    readers = {"member": archive.member, "leader": archive.leader}
    for user in readers.values():  # warm the caches as a running server has them
        time_queries(user, QUERIES + folded, 1)
    measured = {}
    for name, user in readers.items():
        measured[name] = {
            "with_diacritics": figures(time_queries(user, QUERIES, rounds)),
            "without_diacritics": figures(time_queries(user, folded, rounds)),
            "per_query": {q: figures(time_queries(user, [q], rounds)) for q in QUERIES},
        }
    baseline = []
    for _ in range(rounds * 4):
        started = time.perf_counter()
        list(meeting_selectors.meeting_list(archive.leader)[:20])
        baseline.append((time.perf_counter() - started) * 1000)
    everyone = [m["with_diacritics"]["p95_ms"] for m in measured.values()]
    folded_p95 = [m["without_diacritics"]["p95_ms"] for m in measured.values()]
    p50 = [m["with_diacritics"]["p50_ms"] for m in measured.values()]
    return {
        "documents": Entry.objects.filter(kind=Kind.DOCUMENT).count(),
        "entries": Entry.objects.count(),
        "build_s": build_s and round(build_s, 1),
        "index_s": index_s and round(index_s, 1),
        "index_docs_per_s": indexed and round(indexed / index_s),
        "p50_ms": max(p50),
        "p95_ms": max(everyone),
        "p95_ms_no_diacritics": max(folded_p95),
        "readers": measured,
        "baseline_meeting_list": figures(baseline),
    }


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hoinghi.settings")
    os.environ.setdefault("HOINGHI_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def kept_database(url: str, name: str) -> str:
    """The URL of the kept PostgreSQL database of that name, made if it is not there yet."""
    import psycopg

    database = f"hoinghi_bench_{name}"
    with psycopg.connect(url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            admin.execute(f'CREATE DATABASE "{database}"')
    return url.rsplit("/", 1)[0] + "/" + database


def run_child(args, database_url: str | None) -> dict:
    if args.keep:
        folder = Path(args.scratch or tempfile.gettempdir()) / args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = tempfile.mkdtemp(prefix="hoinghi-bench-", dir=args.scratch)
    env = dict(os.environ, HOINGHI_DATA_DIR=str(folder))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = kept_database(database_url, args.keep) if args.keep else database_url
        env["HOINGHI_BENCH_KEEP"] = "1" if args.keep else ""
    command = [sys.executable, __file__, "--child", "--count", str(args.count), "--rounds", str(args.rounds)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(engine: str, figures: dict) -> None:
    print(f"\n{engine}: {figures['documents']:,} papers ({figures['entries']:,} index rows)")
    if figures["index_s"] is None:
        print("  the archive kept by an earlier run (--keep): not built nor indexed again")
    else:
        print(
            f"  built in {figures['build_s']} s; papers indexed in {figures['index_s']} s: "
            f"{figures['index_docs_per_s']}/s"
        )
    print(f"  {'reader':<8} {'queries':<20} {'p50 ms':>8} {'p95 ms':>8}")
    for reader, measured in figures["readers"].items():
        for kind in ("with_diacritics", "without_diacritics"):
            row = measured[kind]
            print(f"  {reader:<8} {kind:<20} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    base = figures["baseline_meeting_list"]
    print(f"  baseline: the meetings list's first page, p50 {base['p50_ms']} ms, p95 {base['p95_ms']} ms")
    print(f"  per query (leader): {'p50 ms':>8} {'p95 ms':>8}")
    for text, row in figures["readers"]["leader"]["per_query"].items():
        print(f"    {text:<28} {row['p50_ms']:>8} {row['p95_ms']:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="papers")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is asked")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--postgresql",
        default=os.environ.get("DATABASE_URL"),
        help="a database URL to make the scratch database through",
    )
    parser.add_argument("--scratch", default=None, help="folder for the SQLite database (default: the system's)")
    parser.add_argument("--keep", metavar="NAME", help="keep the archive under this name, or measure the one kept")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="measure one database only")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        drop = None if os.environ.get("HOINGHI_BENCH_KEEP") else scratch_database()
        setup_django()
        try:
            print(json.dumps(child(args.count, args.rounds, args.seed)))
        finally:
            if drop:
                drop()
        return
    summary = {}
    if args.only != "postgresql":
        summary["sqlite"] = run_child(args, None)
    if args.postgresql and args.only != "sqlite":
        summary["postgresql"] = run_child(args, args.postgresql)
    if args.json:
        print(json.dumps(summary))
        return
    for engine, measured in summary.items():
        report(engine, measured)


if __name__ == "__main__":
    main()

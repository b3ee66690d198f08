"""Article extraction speed on one core: a few thousand articles, the dev set (three long articles) and the
provinces set (48 articles of 40 provinces, most of them the first 2,000 bytes of their page) repeated with
variations.

Each article is varied the ways real archives differ: saved as a portal page (HTML with chrome), with the old
tone placement ("Uỷ", "hoà"), decomposed (NFD), with its paragraphs in another order, its days and numbers changed,
and its province renamed. Every article is read from bytes and extracted in this one process, as
`hoinghi extract` does. Printed: articles per second (by the wall clock, and by the CPU time this process spent:
on a shared machine the wall clock also counts the waits for a core), p50/p95/max per article, and, as the
baseline measured in the same run, reading alone (decode, HTML to text, chrome) so that the ratio says what the
rules cost.

    .venv/bin/python bench/extract.py [--articles 3000] [--json]
"""

import argparse
import json
import random
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import percentile  # noqa: E402

from hoinghi.ingest.extract import extract  # noqa: E402
from hoinghi.ingest.reading import read_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = [CORPUS / "dev" / "articles", CORPUS / "provinces" / "articles"]
PLACES = ["Nam Định", "Quảng Trị", "Cần Thơ", "Bắc Giang", "Lâm Đồng", "Phú Yên", "Hà Tĩnh", "Sóc Trăng"]
CHROME = (
    "<html><head><title>{title}</title><script>var x=1;</script></head><body>"
    "<div class='menu'>++ TIN TỨC<br>Giới thiệu<br>Văn bản</div><div>A A A</div>"
    "<h1>{title}</h1><div class='date'>{published}</div><div class='content'>{paragraphs}</div>"
    "<div>In trang Quay lại Lên trên</div><h3>CÁC BÀI VIẾT KHÁC</h3><ul>{others}</ul>"
    "<div>Lượt truy cập: 1.234.567</div></body></html>"
)


def _province(text: str) -> str | None:
    """The commonest '<tỉnh> Name' in the article: the name the variations replace."""
    counts: dict[str, int] = {}
    for match in re.finditer(r"\btỉnh ([A-ZĐ][^\W\d_]+ [A-ZĐ][^\W\d_]+)", text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return max(counts, key=counts.get) if counts else None


def _as_html(text: str, rng: random.Random) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    first = next((n for n, line in enumerate(lines) if len(line.split()) > 5), 0)  # the title, under any banner
    title, rest = lines[first], lines[first + 1 :]
    others = "".join(f"<li>Tin khác số {n} ({rng.randint(1, 28)}/{rng.randint(1, 12)}/2021)</li>" for n in range(8))
    return CHROME.format(
        title=title,
        published=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2021 08:{rng.randint(10, 59)}",
        paragraphs="".join(f"<p>{line}</p>" for line in rest),
        others=others,
    )


def _vary(text: str, index: int, rng: random.Random) -> bytes:
    """One variation of an article, by its index; some variations combine."""
    province = _province(text)
    if province and index % 2:
        text = text.replace(province, rng.choice(PLACES))
    if index % 3 == 1:
        text = text.replace("Ủy", "Uỷ").replace("ủy", "uỷ").replace("hòa", "hoà")
    if index % 5 == 2:
        blocks = text.split("\n\n")
        head, paragraphs = blocks[:4], blocks[4:]  # banner, title, publication line and lead stay on top
        rng.shuffle(paragraphs)
        text = "\n\n".join(head + paragraphs)
    if index % 4 == 3:
        text = re.sub(r"\b(\d{1,2})/(\d{1,2})\b", lambda m: f"{rng.randint(1, 28)}/{m.group(2)}", text)
        text = re.sub(r"\b(\d{2,3})%", lambda m: f"{rng.randint(50, 99)}%", text)
    if index % 7 == 4:
        text = unicodedata.normalize("NFD", text)
    if index % 3 == 2:
        text = _as_html(text, rng)
    return text.encode("utf-8")


def corpus(count: int) -> list[bytes]:
    sources = [path.read_text(encoding="utf-8") for folder in SETS for path in sorted(folder.glob("*.txt"))]
    rng = random.Random(7)
    return [_vary(sources[n % len(sources)], n // len(sources), rng) for n in range(count)]


def _timed(articles: list[bytes], work) -> tuple[list[float], float]:
    """Each article's wall time, and the CPU time of them all (on a shared machine the wall time also
    counts the waits for a core; the CPU time is what one core spends)."""
    times = []
    cpu = time.process_time()
    for data in articles:
        start = time.perf_counter()
        work(data)
        times.append(time.perf_counter() - start)
    return times, time.process_time() - cpu


def _figures(timed: tuple[list[float], float]) -> dict:
    times, cpu = timed
    return {
        "articles_per_s": round(len(times) / sum(times), 1),
        "cpu_articles_per_s": round(len(times) / cpu, 1),
        "p50_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args()
    articles = corpus(options.articles)
    _timed(articles[:30], lambda data: extract(read_text(data)[0]))  # warm the regex cache
    reading = _figures(_timed(articles, read_text))
    records = []
    extracting = _figures(_timed(articles, lambda data: records.append(extract(read_text(data)[0]))))
    found = sum(1 for record in records if record["meeting"]["body"])
    result = {
        "articles": len(articles),
        "megabytes": round(sum(map(len, articles)) / 1e6, 1),
        **extracting,
        "with_body_found": found,
        "reading_only_articles_per_s": reading["articles_per_s"],
        "reading_only_cpu_articles_per_s": reading["cpu_articles_per_s"],
        "cost_vs_reading": round(reading["articles_per_s"] / extracting["articles_per_s"], 2),
    }
    if options.json:
        print(json.dumps(result))
        return
    print(f"{result['articles']} articles ({result['megabytes']} MB), one core, read from bytes and extracted")
    print(f"{'':<22} {'articles/s':>11} {'(CPU)':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, figures in (("reading (baseline)", reading), ("reading + extraction", extracting)):
        row = f"{figures['articles_per_s']:>11} {figures['cpu_articles_per_s']:>8} {figures['p50_ms']:>8}"
        row += f" {figures['p95_ms']:>8} {figures['max_ms']:>8}"
        print(f"{name:<22} {row}")
    print(f"extraction costs {result['cost_vs_reading']}× reading; a body was found in {found} of {len(records)}")


if __name__ == "__main__":
    main()

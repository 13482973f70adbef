"""How long stamping a download takes: a 6-page PDF and an 8-sheet workbook.

Builds both files once, unstamped, as a report snapshot stores them (no database needed),
then stamps each for a downloader ``--runs`` times and prints the median and worst times.
The target is under 300 ms each.

    .venv/bin/python bench/stamping.py [--runs 15] [--rows 2000]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")  # a development secret key; nothing is served

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

from core import exports, stamping  # noqa: E402


class Person:
    display_name = "張偉"
    username = "zhangwei"


def build_pdf(rows=200):
    rows = "".join(
        f"<tr><td>P{i:06d}</td><td>王小明</td><td>平安福終身壽險</td>"
        f"<td class='num'>{i * 37.5:,.2f}</td></tr>"
        for i in range(rows)
    )
    body = (
        "<table><thead><tr><th>保單號</th><th>投保人</th><th>產品</th><th>保費</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )
    return exports.render_pdf(
        "pdf/base.html", {"body": mark_safe(body)}, user=None, title="月報 2026-11", stamped=False
    )


def build_xlsx(rows):
    sheets = []
    for s in range(7):
        columns = [exports.Column(f"列{c}", width=12) for c in range(10)]
        data = (
            (f"P{r:06d}", "王小明", "平安福", r * 3.5, r, "A組", "渠道", "2026-11-01", "", r % 7)
            for r in range(rows if s == 6 else 12)
        )
        sheets.append(exports.Sheet(f"表{s}", columns, data))
    out = tempfile.SpooledTemporaryFile()  # noqa: SIM115
    exports.write_workbook(out, sheets, user=None, title="月報", stamped=False)
    out.seek(0)
    return out.read()


def timed(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=2000, help="rows of the detail sheet")
    args = parser.parse_args()
    translation.activate("zh-hant")
    pdf = build_pdf()
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    xlsx = build_xlsx(args.rows)
    user = Person()
    stamping.stamp_pdf(pdf, user=user)  # warm-up: fonts loaded once per process
    pdf_median, pdf_worst = timed(lambda: stamping.stamp_pdf(pdf, user=user), args.runs)
    xlsx_median, xlsx_worst = timed(
        lambda: stamping.stamp_xlsx(io.BytesIO(xlsx), io.BytesIO(), user=user), args.runs
    )
    print(f"| file | size | median | worst of {args.runs} |")
    print("|---|---|---|---|")
    print(
        f"| PDF, {pages} pages | {len(pdf) // 1024} KiB "
        f"| {pdf_median:.0f} ms | {pdf_worst:.0f} ms |"
    )
    print(
        f"| Excel, 8 sheets ({args.rows} detail rows) | {len(xlsx) // 1024} KiB "
        f"| {xlsx_median:.0f} ms | {xlsx_worst:.0f} ms |"
    )


if __name__ == "__main__":
    main()

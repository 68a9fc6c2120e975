"""Parse docs/regulation.zh.txt into dbt/seeds/ref_regulation_articles.csv (article number -> text).

The regulation file has one paragraph per line; an article starts with a line
`第X条　…` (Chinese numeral, then an ideographic space). Every following line up to the next
article belongs to the same article. Output columns: article_no (integer), article (the
heading as written, 第三十四条), article_ref (the rules' short form, 第34条), text (the
article's paragraphs joined by a newline, heading removed).

Run from the repository root after the regulation text changes, and commit the CSV:

    uv run python dbt/scripts/parse_regulation.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "docs" / "regulation.zh.txt"
TARGET = ROOT / "dbt" / "seeds" / "ref_regulation_articles.csv"

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HEADING = re.compile(r"^(第([零一二三四五六七八九十百]+)条)[\s\u3000]*(.*)$")


def chinese_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十三 -> 13, 二十 -> 20, 四十五 -> 45, 一百零二 -> 102."""
    total, digit = 0, 0
    for ch in text:
        if ch == "百":
            total += (digit or 1) * 100
            digit = 0
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _DIGITS[ch]
    return total + digit


def parse(lines: list[str]) -> list[dict[str, object]]:
    articles: list[dict[str, object]] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        match = _HEADING.match(line)
        if match:
            articles.append(
                {
                    "article_no": chinese_number(match.group(2)),
                    "article": match.group(1),
                    "paragraphs": [match.group(3)],
                }
            )
        elif articles:
            articles[-1]["paragraphs"].append(line)  # type: ignore[union-attr]
        else:
            raise ValueError(f"text before the first article: {line[:40]}")
    numbers = [a["article_no"] for a in articles]
    if numbers != list(range(1, len(articles) + 1)):
        raise ValueError(f"articles are not numbered 1..n: {numbers}")
    return [
        {
            "article_no": a["article_no"],
            "article": a["article"],
            "article_ref": f"第{a['article_no']}条",
            "text": "\n".join(a["paragraphs"]),  # type: ignore[arg-type]
        }
        for a in articles
    ]


def main() -> int:
    rows = parse(SOURCE.read_text(encoding="utf-8").splitlines())
    with TARGET.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["article_no", "article", "article_ref", "text"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} articles -> {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The guidance library: short articles in our own words, one content file each.

A file starts with ``key: value`` lines (title, stages, topics, seed — the fact from the
seed texts it rests on — and, optionally, summary: the one line shown in lists when the
first paragraph does not stand alone), then ``---``, then paragraphs and ``- `` lists,
with **bold** and *italic*. Pure: no Django.

English files sit in ``guidance/``; a translation sits in ``guidance/<code>/`` under the same
name, with the same stages, topics and seed (the seed cites the English source and stays
English). An article without a translation is shown in English.
"""

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from itertools import groupby
from pathlib import Path

LIBRARY = Path(__file__).with_name("guidance")


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    seed: str
    body: str
    lead: str = ""
    language: str = "en"

    @property
    def html(self) -> str:
        return render(self.body)

    @property
    def summary(self) -> str:
        """Plain text (the template escapes it once): the ``summary`` line, or else the
        first paragraph."""
        first = self.lead or self.body.strip().split("\n\n")[0]
        return _unmarked(first.lstrip("- ").strip())


def parse(slug: str, text: str, language: str = "en") -> Article:
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{slug}: no '---' line between the header and the text")
    fields = {}
    for line in head.strip().splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"{slug}: header line without a colon: {line!r}")
        fields[key.strip()] = value.strip()
    missing = {"title", "stages", "topics", "seed"} - set(fields)
    if missing:
        raise ValueError(f"{slug}: missing {', '.join(sorted(missing))}")

    def split(value):
        return tuple(v.strip() for v in value.split(",") if v.strip())

    return Article(slug, fields["title"], split(fields["stages"]), split(fields["topics"]),
                   fields["seed"], body.strip(), fields.get("summary", ""), language)


ENGLISH = "en"


def _read(folder: Path, language: str = ENGLISH) -> dict[str, Article]:
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8"), language)
            for path in sorted(folder.glob("*.md"))}


# Variants with a folder of their own: US English keeps only the articles whose words
# differ (diaper, crib, stroller); the rest read as the British English ones.
VARIANTS = frozenset({"en-us"})


def library(language: str = ENGLISH) -> dict[str, Article]:
    """Every article, in ``language`` where translated, else in English; in English order.
    ``fr-ca`` reads the ``fr`` files; ``en-us`` its own where they differ; a language
    without a folder reads English."""
    code = (language or ENGLISH).lower().replace("_", "-")
    return _library(code if code in VARIANTS else code.split("-")[0])


@cache
def _library(code: str) -> dict[str, Article]:
    english = _read(LIBRARY)
    if code == ENGLISH or not (code.isalpha() or code in VARIANTS):
        return english
    translated = _read(LIBRARY / code, code)
    return {slug: translated.get(slug, article) for slug, article in english.items()}


def languages() -> list[str]:
    """The languages with a folder of translations."""
    return sorted(p.name for p in LIBRARY.iterdir() if p.is_dir())


def for_stage(stage: str, language: str = ENGLISH) -> list[Article]:
    return [a for a in library(language).values() if stage in a.stages]


def _unmarked(text: str) -> str:
    return re.sub(r"\*\*?(.+?)\*\*?", r"\1", text)


def _inline(text: str) -> str:
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def render(body: str) -> str:
    """Paragraphs and bullet lists to HTML; everything else is escaped. A list may follow
    its lead-in line directly ("… if your baby:" then "- " lines) and still be a list."""
    out = []
    for block in body.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        for listed, run in groupby(lines, key=lambda line: line.startswith("- ")):
            run = list(run)
            if listed:
                items = "".join(f"<li>{_inline(line[2:])}</li>" for line in run)
                out.append(f"<ul>{items}</ul>")
            else:
                out.append(f"<p>{_inline(' '.join(run))}</p>")
    return "\n".join(out)

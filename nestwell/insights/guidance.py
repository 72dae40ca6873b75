"""The guidance library: short articles in our own words, one content file each.

A file starts with ``key: value`` lines (title, stages, topics, seed — the fact from the
seed texts it rests on — and, optionally, summary: the one line shown in lists when the
first paragraph does not stand alone), then ``---``, then paragraphs and ``- `` lists,
with **bold** and *italic*. Pure: no Django.
"""

import re
from dataclasses import dataclass
from functools import cache
from html import escape
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

    @property
    def html(self) -> str:
        return render(self.body)

    @property
    def summary(self) -> str:
        """Plain text (the template escapes it once): the ``summary`` line, or else the
        first paragraph."""
        first = self.lead or self.body.strip().split("\n\n")[0]
        return _unmarked(first.lstrip("- ").strip())


def parse(slug: str, text: str) -> Article:
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
                   fields["seed"], body.strip(), fields.get("summary", ""))


@cache
def library() -> dict[str, Article]:
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(LIBRARY.glob("*.md"))}


def for_stage(stage: str) -> list[Article]:
    return [a for a in library().values() if stage in a.stages]


def _unmarked(text: str) -> str:
    return re.sub(r"\*\*?(.+?)\*\*?", r"\1", text)


def _inline(text: str) -> str:
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def render(body: str) -> str:
    """Paragraphs and bullet lists to HTML; everything else is escaped."""
    out = []
    for block in body.strip().split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{_inline(' '.join(lines))}</p>")
    return "\n".join(out)

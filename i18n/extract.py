"""A Babel extractor for the fellowships' own texts in directory/data/fellowships.json (their
names, descriptions and what happens at a first meeting), so translators find them in the catalog
beside the bot's texts. Wired in babel.cfg; the matcher reads them through `i18n.gettext`."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

FIELDS = ("name", "what_to_expect")  # what a person reads (descriptions are for staff)
COMMENTS = {
    "name": "The fellowship's own name in your language, where it uses one.",
}


def extract_fellowships(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield (line, function, message, comments) for each fellowship's texts."""
    text = fileobj.read().decode("utf-8")
    for row in json.loads(text):
        line = 1 + text[: text.find(json.dumps(row["name"], ensure_ascii=False))].count("\n")
        for key in FIELDS:
            value = row.get(key)
            if isinstance(value, str) and value:
                comment = COMMENTS.get(key, f"{row['short_name']}: {key}")
                yield line, None, value, [f"{row['short_name']}: {comment}"]


def extract_concern_words(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield (line, function, message, comments) for each concern code's words in
    nlp/data/concern_codes.json (what the bot calls a concern, and how it describes a group)."""
    text = fileobj.read().decode("utf-8")
    for row in json.loads(text)["codes"]:
        line = 1 + text[: text.find(f'"code": "{row["code"]}"')].count("\n")
        yield line, None, row["topic"], [f"The concern '{row['code']}', said to a person."]
        yield line, None, row["group_words"], [f"The concern '{row['code']}': a group is for ..."]

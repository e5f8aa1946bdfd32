"""Benchmark: is `nlp/components/gated.py` worth its lines? The parser as shipped (each pattern's
Matcher run only when one of its anchor words occurs) against the same parser with one plain spaCy
`Matcher` per component (the risk component's windowed matcher left as it is in both).

Prints, for bench/parse.py's messages and for its 4,096-character worst cases, the median CPU ms
per message of each and the ratio plain / gated, each parser built and timed in this process.

    .venv/bin/python bench/gated.py [--messages 2000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import parse as parse_bench  # noqa: E402
from spacy.matcher import Matcher  # noqa: E402

from nlp.components import gated, risk  # noqa: E402

WORST = ["not my dad uses heroin ", "i drink i drink ", "my wife and i "]


def build(plain: bool) -> Any:
    """A fresh parser; with `plain`, the non-risk matchers are one plain Matcher each."""
    from nlp import load_parser

    original = gated.GatedMatcher.add

    def plain_add(self: gated.GatedMatcher, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        if isinstance(self, risk.NearAnchorMatcher):
            return original(self, key, patterns)
        self.matchers.setdefault(None, Matcher(self.vocab)).add(key, patterns)
        return None

    gated.GatedMatcher.add = plain_add if plain else original  # type: ignore[method-assign]
    try:
        return load_parser(None)
    finally:
        gated.GatedMatcher.add = original  # type: ignore[method-assign]


def per_message(parser: Any, messages: list[str], repeats: int) -> float:
    """Median CPU ms per message over `repeats` runs."""
    list(parser.parse_many(messages))
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        for _ in parser.parse_many(messages):
            pass
        runs.append((time.process_time() - start) / len(messages) * 1000)
    return statistics.median(runs)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--messages", type=int, default=2000)
    args.add_argument("--repeats", type=int, default=5)
    opts = args.parse_args()
    messages = parse_bench.make_messages(opts.messages)
    worst = [parse_bench.repeated(piece) for piece in WORST]
    gated_parser, plain_parser = build(plain=False), build(plain=True)
    same = [gated_parser.parse(m) == plain_parser.parse(m) for m in messages[:300] + worst]
    print(f"same results on {len(same)} messages: {all(same)}")
    for label, texts in (("typical", messages), ("4,096 chars", worst)):
        fast = per_message(gated_parser, texts, opts.repeats)
        slow = per_message(plain_parser, texts, opts.repeats)
        print(
            f"{label:>12}: gated {fast:7.3f} ms, plain Matcher {slow:7.3f} ms per message "
            f"(median of {opts.repeats}); plain / gated {slow / fast:.2f}"
        )


if __name__ == "__main__":
    main()

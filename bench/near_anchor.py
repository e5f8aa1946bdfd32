"""Benchmark: the crisis check's `NearAnchorMatcher` (each matcher run only on the words around
its anchors) against running the same spaCy Matchers over the whole message.

`Parser.check_crisis` runs on every message, before flood control. Prints whether both give the
same crises, and the median CPU ms per check (3 rounds) of each on 4,096-character messages made of
one phrase repeated and on 300 typical messages from bench/parse.py, with the ratio.

    .venv/bin/python bench/near_anchor.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import parse as pb  # noqa: E402

from nlp import load_parser  # noqa: E402
from nlp.components import risk  # noqa: E402

PIECES = ["not my dad uses heroin ", "i want to die i want to die ", "pills pills overdose "]


def whole_message(self: risk.NearAnchorMatcher, doc: Any, forms: Any = None) -> Any:
    """Every matcher over the whole message (the plain way)."""
    found = {m for matcher in self.matchers.values() for m in matcher(doc)}
    return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def main() -> None:
    parser = load_parser(None)
    worst = [pb.repeated(piece) for piece in [*PIECES, "my wife and i "]]
    typical = pb.make_messages(300)

    def per_check(texts: list[str]) -> float:
        runs = []
        for _ in range(3):
            start = time.process_time()
            for text in texts:
                parser.check_crisis(text)
            runs.append((time.process_time() - start) / len(texts) * 1000)
        return statistics.median(runs)

    before = [parser.check_crisis(t) for t in worst + typical[:100]]
    windowed = per_check(worst), per_check(typical)
    risk.NearAnchorMatcher.__call__ = whole_message  # type: ignore[method-assign]
    after = [parser.check_crisis(t) for t in worst + typical[:100]]
    plain = per_check(worst), per_check(typical)
    print(f"same crises: {before == after}")
    for label, a, b in zip(("4,096 chars", "typical"), windowed, plain, strict=True):
        print(f"{label:>12}: windowed {a:.2f} ms, whole message {b:.2f} ms, ratio {b / a:.2f}")


if __name__ == "__main__":
    main()

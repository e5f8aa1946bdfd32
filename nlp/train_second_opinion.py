"""Train the crisis second opinion (a spaCy `textcat`) and report what it adds, cross-validated.

Run: `python -m nlp.train_second_opinion [FILE ...] [--out nlp/data/second_opinion]`.
The default data are the project's own labelled messages (tests/nlp/data/*.jsonl and
nlp/training/*.jsonl). It prints, for k folds, what the rules alone and the rules with the
classifier catch and ask (crisis recall; questions on calm messages), picks the lowest
probability threshold that keeps questions on calm messages under `--max-questions`, then trains
on everything and saves the pipeline with its threshold in the pipeline's meta.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from spacy.util import minibatch

from nlp.components.risk import risk_detector
from nlp.components.words import words_of
from nlp.parser import Parser
from nlp.second_opinion import KINDS, LABELS, NONE, as_doc, features

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = [*sorted((ROOT / "tests/nlp/data").glob("*.jsonl")), *sorted(
    (ROOT / "nlp/training").glob("*.jsonl")
)]  # fmt: skip
BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 262144,
}


@dataclass(slots=True)
class Row:
    """One labelled message as the classifier sees it, and what the rules made of it."""

    tokens: list[str]
    label: str
    rules: str | None  # None, "clear" or "possible"
    asked: bool  # whether the parser asks the second opinion about it (RiskDetector)


def read(paths: list[Path], parser: Parser) -> list[Row]:
    """The labelled rows of the files, with their features and the rules' verdicts."""
    risk = risk_detector(parser.nlp)
    rows: list[Row] = []
    seen: set[str] = set()  # a message in two files (a copy in the tests' data) counts once
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            data = json.loads(line)
            if data["text"] in seen:
                continue
            seen.add(data["text"])
            label = data.get("crisis") or NONE
            if label not in LABELS:
                continue
            doc = parser.nlp(data["text"])
            kept, crisis = risk.analyse(doc)
            words = list(words_of(doc).words)
            rows.append(
                Row(
                    features(words, [k.concept for k in kept]),
                    label,
                    crisis.level if crisis else None,
                    risk.asks_second_opinion(kept),
                )
            )
    return rows


def train(rows: list[Row], *, epochs: int, seed: int) -> Language:
    """A blank English pipeline with one exclusive `textcat`, trained on `rows`."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": BOW})
    assert isinstance(textcat, TextCategorizer)
    for label in LABELS:
        textcat.add_label(label)
    examples = [
        Example.from_dict(as_doc(nlp, r.tokens), {"cats": {k: float(k == r.label) for k in LABELS}})
        for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses={})
    return nlp


def crisis_probability(nlp: Language, texts: list[list[str]]) -> list[float]:
    """1 - P(none) for each text."""
    return [1.0 - doc.cats[NONE] for doc in nlp.pipe(as_doc(nlp, t) for t in texts)]


def folds(rows: list[Row], k: int, seed: int) -> list[list[int]]:
    """k folds of row indices, stratified by label."""
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for label in LABELS:
        idx = [i for i, r in enumerate(rows) if r.label == label]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            out[j % k].append(i)
    return out


def figures(rows: list[Row], probs: list[float], threshold: float | None) -> tuple[float, float]:
    """Crisis recall (either level) and the share of calm rows asked a question, with the
    second opinion asked where the parser asks it (`RiskDetector.asks_second_opinion`)."""
    crisis = [i for i, r in enumerate(rows) if r.label != NONE]
    calm = [i for i, r in enumerate(rows) if r.label == NONE]

    def raised(i: int) -> bool:
        row = rows[i]
        return threshold is not None and row.rules is None and row.asked and probs[i] >= threshold

    caught = sum(rows[i].rules is not None or raised(i) for i in crisis)
    asked = sum(rows[i].rules == "possible" or raised(i) for i in calm)
    return caught / max(1, len(crisis)), asked / max(1, len(calm))


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, choose the threshold, train on everything, save."""
    args = argparse.ArgumentParser(prog="python -m nlp.train_second_opinion")
    args.add_argument("files", nargs="*", type=Path)
    args.add_argument("--out", type=Path, default=ROOT / "nlp/data/second_opinion")
    args.add_argument("--folds", type=int, default=5)
    args.add_argument("--epochs", type=int, default=12)
    args.add_argument("--seed", type=int, default=7)
    args.add_argument("--max-questions", type=float, default=0.06)
    ns = args.parse_args(sys.argv[1:] if argv is None else argv)
    paths = ns.files or DEFAULT_DATA
    parser = Parser(second_opinion=False)
    rows = read(paths, parser)
    n_crisis = sum(r.label != NONE for r in rows)
    print(f"rows: {len(rows)} ({n_crisis} crisis) from {len(paths)} files")
    probs = [0.0] * len(rows)
    for fold in folds(rows, ns.folds, ns.seed):
        held = set(fold)
        model = train(
            [r for i, r in enumerate(rows) if i not in held], epochs=ns.epochs, seed=ns.seed
        )
        for i, p in zip(
            fold, crisis_probability(model, [rows[i].tokens for i in fold]), strict=True
        ):
            probs[i] = p
    base_recall, base_asked = figures(rows, probs, None)
    print(f"{ns.folds}-fold, rules alone: recall {base_recall:.3f}, calm asked {base_asked:.3f}")
    chosen = None
    for t in [x / 100 for x in range(95, 4, -5)]:
        recall, asked = figures(rows, probs, t)
        print(f"  threshold {t:.2f}: recall {recall:.3f}, calm asked {asked:.3f}")
        if asked <= ns.max_questions:
            chosen = (t, recall, asked)
    if chosen is None:
        print("no threshold keeps questions under the limit; nothing saved", file=sys.stderr)
        return 1
    t, recall, asked = chosen
    print(f"chosen threshold {t:.2f}: recall {recall:.3f} (rules alone {base_recall:.3f}), "
          f"calm asked {asked:.3f} (rules alone {base_asked:.3f})")  # fmt: skip
    model = train(rows, epochs=ns.epochs, seed=ns.seed)
    model.meta["name"] = "firststep_second_opinion"
    model.meta["firststep"] = {
        "threshold": t,
        "rows": len(rows),
        "crisis_rows": n_crisis,
        "kinds": list(KINDS),
        "cross_validated": {
            "folds": ns.folds,
            "recall_rules": round(base_recall, 3),
            "recall_with": round(recall, 3),
            "calm_asked_rules": round(base_asked, 3),
            "calm_asked_with": round(asked, 3),
        },
    }
    model.to_disk(ns.out)
    print(f"saved to {ns.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

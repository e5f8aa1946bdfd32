"""Worst case of the crisis check: 4,096-character messages made of one phrase repeated.

Run: `.venv/bin/python bench/crisis_worst.py [--repeats R]`. For each phrase (risk words, markers,
subjects, quotation marks, Spanish forms, and all of them mixed) prints the median CPU time of
`Parser.check_crisis` (run before flood control on every message) and of the full `Parser.parse`,
worst first, and the median of an ordinary message in the same run for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import time

from nlp.parser import Parser

LIMIT = 4096
PHRASES = [
    "not my dad uses heroin ", "i want to kill myself ", "took 20 pills an hour ago ", "kill him ",
    "me corto ", "' ", "if the one more ", "my 15 yo ", "i i i i ", "so nobody sees my arms ",
    "going to stab him tonight with a knife ", "not not not ", "cut ", "12 ",
    "how many would it take ", "the rope the gun the pills ", "lol ", "ganas de cortarme ",
    "he is hitting her ", "hoodie in july ", "my dad my mom my son ", "took took took ",
    "all all all ", "x. ", "!\n", "tired of waking up ", "he will regret it ", "voy a matarlo ",
    "me he tomado todas las pastillas ", "a ",
]  # fmt: skip
ORDINARY = "hi, my husband has been drinking every night and I want a group for families, evenings"


def repeated(phrase: str) -> str:
    """`phrase` repeated to exactly LIMIT characters."""
    return (phrase * (LIMIT // len(phrase) + 1))[:LIMIT]


def median_ms(func: object, text: str, repeats: int) -> float:
    """Median CPU milliseconds of `func(text)`."""
    assert callable(func)
    times = []
    for _ in range(repeats):
        start = time.process_time()
        func(text)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--repeats", type=int, default=5)
    repeats = args.parse_args().repeats
    parser = Parser()
    parser.parse(ORDINARY)
    rows = []
    for phrase in [*PHRASES, "".join(PHRASES)]:
        text = repeated(phrase)
        rows.append(
            (
                median_ms(parser.check_crisis, text, repeats),
                median_ms(parser.parse, text, repeats),
                phrase.strip()[:32] if phrase.strip() else repr(phrase),
            )
        )
    print(f"ordinary message: check_crisis {median_ms(parser.check_crisis, ORDINARY, 20):.2f} ms")
    for check, parse, phrase in sorted(rows, reverse=True):
        print(f"check_crisis {check:7.1f} ms   parse {parse:7.1f} ms   {phrase!r}")


if __name__ == "__main__":
    main()

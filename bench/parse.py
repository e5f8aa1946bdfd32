"""Parser benchmark: messages per second on one core, pipeline load time, tokenizer baseline.

Run: `.venv/bin/python bench/parse.py [--messages N] [--repeats R] [--search N]`. Prints medians
and the ratio of the full parser to the bare spaCy tokenizer on the same messages, in the same
process; then the adversarial worst case: 4,096-character messages (Telegram's longest) made of
one short piece repeated ("not my dad uses heroin " ...), each parsed `--repeats` times, the median
of each, the slowest, and where its time goes (pipeline component by component, then the merge).
`--search N` adds N more pieces made from the lexicons' own words (a fixed seed), to look for
worse ones than the listed ones.

Measured on 2026-12-06 with the defaults, 3 runs of each alternated in one shell command on the
shared 2-core machine: bec5474 read a median 522 messages per CPU second (523, 517, 522;
parser/tokenizer 0.018-0.021), the matcher pre-checks of that day (nlp/components/gated.py,
risk.py, context.py) 761 (722, 761, 778; 0.027-0.028), x1.46 with byte-identical results. Per
message (median of 3, the first 1,000 messages, `component_times`): risk 640-700 -> 401-474 us,
context 518-546 -> 315-351, concerns 240-255 -> 127-148. The slowest 4,096-character message:
2.2-2.5 ms -> 2.0-2.1 ms; none over 20 ms.

Measured on 2026-12-07 the same way (3 runs of each alternated in one command, the 2-core
machine shared and busy: wall-clock below CPU in some runs): d9f976e read a median 506 messages
per CPU second (515, 506, 468), the stretches around anchors and the context changes of that
day (nlp/components/gated.py, context.py) 565 (457, 565, 632), x1.12 with byte-identical
results on 9,073 messages; the spread is wider than the gain, so the ratio is rough.
Later that day, the same way: 2bbc286 read a median 614 messages per CPU second (548, 662, 614;
wall-clock 471, 508, 626), the stretch checks of words and flags, the flag-anchored patterns
(nlp/components/gated.py), the folded words made once per norm (words.py) and the rules tried
from the concepts found (risk.py) 684 (475, 765, 684; wall-clock 694, 686, 531), x1.11 with
byte-identical results on 9,223 messages. The spread is again wider than the gain; replayed
alone, the gated matchers took 208 us a message against 264, `Words` 36 against 59,
`combine` 11 against 17.5.
At the end of that day, 2 runs of each alternated on a quieter machine: the session's starting code
(40fe881) read 680 and 593 messages per CPU second, the final code (ef99598, with both rounds and
all of that day's new risk terms and rules) 808 and 831, about x1.3; reload 0.92-0.94 s against
1.02-1.09 s; the slowest 4,096-character message 2.1-2.3 ms against 2.0-2.1 ms.
The next session (rounds 58 to 67, a retrained second opinion, spoken Spanish participles), 2 runs
of each alternated: 62b1ffe read 693 and 742 messages per CPU second, fc123b3 680 and 714 (about
x0.96, within the spread); reload 1.15 and 0.98 s against 1.08 and 1.04 s; the slowest
4,096-character message 1.9 ms against 2.0-2.1 ms, none over 20 ms.
The session of rounds 86 to 99 (a few hundred risk terms, a dozen patterns, three concern helpers'
context rules), 2 runs of each alternated in one command: 310a3ee read 670 and 626 messages per CPU
second, 002a7aa 585 and 598 (about x0.91; the concern and context data grew by 7% and 11%); reload
1.16-1.18 s against 1.12-1.18 s; the slowest 4,096-character message 2.4-3.3 ms against 2.2 ms,
none over 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable

OPENERS = [
    "hi,", "hello", "I don't really know how to say this but", "ok so", "honestly", "sorry,",
    "my therapist told me to message you.", "first time doing this.", "", "um", "hey there",
]  # fmt: skip
PROBLEMS = [
    "I drink most nights, usually a bottle of wine or more",
    "my husband has been using heroin again and I can't cope",
    "I've been smoking weed every day since college",
    "I lost my mum in the spring and I'm not coping",
    "panic attacks at work, my chest gets tight and I have to leave",
    "I gamble my whole paycheck on sports betting apps",
    "I'm bipolar and on lithium, and I've started drinking again",
    "my son is addicted to pills and we don't know what to do",
    "I quit smoking last year but now I'm vaping constantly",
    "I've been really depressed, can't get out of bed most days",
    "coke on weekends has become coke every day",
    "I hear voices at night and my doctor says a peer group could help",
    "I binge eat when I'm stressed and then feel awful",
    "PTSD from my time in the army, nightmares most nights",
    "I was sober for four years and relapsed at christmas",
    "my girlfriend is tweaking all the time and gets paranoid",
    "xanax bars to sleep, every night for a year",
    "my dad is an alcoholic and I think I need al-anon",
]  # fmt: skip
DETAILS = [
    "It started after I lost my job and things went downhill fast.",
    "My family doesn't know yet and I'm scared to tell them.",
    "I tried going to a meeting once but I left before it started.",
    "I work nights so it's hard to find something that fits.",
    "I don't want anything religious, I'm not into the God stuff.",
    "My doctor gave me a list but I never called anyone.",
    "I have two kids and I want to be better for them.",
    "some days are fine and some days I can't stop",
    "I feel like everyone else has it together and I don't.",
    "",
]  # fmt: skip
WISHES = [
    "Is there anything online on weekends?",
    "I'm in Ann Arbor, something in person would be good.",
    "Evenings after work are best for me.",
    "A women-only group would feel safer.",
    "I'm 22, is there a young people's meeting?",
    "Spanish speaking if possible.",
    "Near 48104 please.",
    "Tuesdays or Thursdays work.",
    "I'd prefer zoom.",
    "",
]  # fmt: skip


def make_messages(count: int, seed: int = 7) -> list[str]:
    """A varied, reproducible set of realistic messages of 10 to 80 words."""
    rng = random.Random(seed)
    messages: list[str] = []
    while len(messages) < count:
        parts = [rng.choice(OPENERS), rng.choice(PROBLEMS)]
        parts += rng.sample(DETAILS, rng.randint(0, 3))
        parts.append(rng.choice(WISHES))
        if rng.random() < 0.3:
            parts.append(rng.choice(PROBLEMS))
        text = " ".join(p for p in parts if p)
        if rng.random() < 0.2:
            text = text.lower().replace(",", "").replace(".", "")
        words = len(text.split())
        if 10 <= words <= 80:
            messages.append(text)
    return messages


ADVERSARIAL = [
    "not my dad uses heroin ", "my mom drinks, ", "i don't drink. ", "no weed no coke no pills ",
    "sober 3 years but drinking again ", "my husband said i drink too much, ", "used to drink ",
    "a guy at work overdosed ", "and i do too ", "the thought of drinking again ",
    "mi papá toma ", "my ", "drink ", "not ", "heroin heroin ", "my son my dad my mom ",
    "never my kids, ", "my dog my dog vet ", "year year ", "sadly died ", "my wife my. ",
    "clean since 2016 ", "14 years in AA ", "llevo 2 años sin tomar ", "she's been drinking, he ",
    "online online ", "weekends mornings tuesday ", "i want to die ", "pills pills pills ",
    "a" * 40 + " ", "x", "🙂", "no. ", "idk everything is just bad ", "im fine im fine ",
    "'a' ", "the song 'i want to die' ",
]  # fmt: skip
LONGEST_MESSAGE = 4096


def repeated(piece: str, length: int = LONGEST_MESSAGE) -> str:
    """`piece` repeated to exactly `length` characters."""
    return (piece * (length // len(piece) + 1))[:length]


def search_pieces(count: int, seed: int = 11) -> list[str]:
    """Pieces of one to three words from the lexicons (triggers, concern terms, family nouns)."""
    from nlp.resources import load_data

    context, concerns = load_data("context.json"), load_data("concerns.json")
    words = [t for spec in context["triggers"] for t in spec.get("terms", [])]
    words += [t for entry in concerns["terms"] for t in entry["terms"]]
    words += ["my " + f for f in concerns["lists"]["FAMILY"]]
    rng = random.Random(seed)
    return [
        " ".join(rng.sample(words, rng.randint(1, 3))) + rng.choice([" ", ", ", ". "])
        for _ in range(count)
    ]


def component_times(parser: object, text: str) -> list[tuple[str, float]]:
    """CPU seconds of each step of one parse: cleaning and tokenizer, each pipeline component,
    the merge."""
    from nlp.normalize import clean_text

    nlp = parser.nlp  # type: ignore[attr-defined]
    start = time.process_time()
    doc = nlp.make_doc(clean_text(text))  # as Parser.parse does
    out = [("tokenizer", time.process_time() - start)]
    for name, component in nlp.pipeline:
        start = time.process_time()
        doc = component(doc)
        out.append((name.removeprefix("firststep_"), time.process_time() - start))
    start = time.process_time()
    parser._result(doc, None)  # type: ignore[attr-defined]
    out.append(("merge", time.process_time() - start))
    return out


def adversarial(parser: object, pieces: list[str], repeats: int) -> list[tuple[float, str]]:
    """The median CPU seconds of a full parse of each piece repeated to 4,096 characters."""
    results = []
    for piece in pieces:
        text = repeated(piece)
        parser.parse(text)  # type: ignore[attr-defined]
        times = [timed(lambda t=text: parser.parse(t)) for _ in range(repeats)]  # type: ignore[attr-defined]
        results.append((statistics.median(times), piece))
    return sorted(results, reverse=True)


def timed(func: object, clock: Callable[[], float] = time.process_time) -> float:
    """Seconds one call of `func()` takes: CPU time of this process by default, which a busy
    shared machine disturbs less than wall-clock time (the process runs on one core)."""
    start = clock()
    func()  # type: ignore[operator]
    return clock() - start


def main() -> None:
    """Run the benchmark and print the figures."""
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--messages", type=int, default=2000)
    args.add_argument("--repeats", type=int, default=5)
    args.add_argument("--search", type=int, default=0, help="pieces made from the lexicons")
    opts = args.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    start = time.perf_counter()
    from nlp import load_parser

    parser = load_parser(None)
    first_load = time.perf_counter() - start
    loads = [timed(lambda: load_parser(None), time.perf_counter) for _ in range(3)]

    messages = make_messages(opts.messages)
    words = [len(m.split()) for m in messages]
    tokenizer = parser.nlp.tokenizer

    def run_parser() -> None:
        """Parse every message."""
        for _ in parser.parse_many(messages):
            pass

    def run_tokenizer() -> None:
        """Tokenize every message (the baseline)."""
        for text in messages:
            tokenizer(text)

    run_parser()  # warm up caches
    parser_times = [timed(run_parser) for _ in range(opts.repeats)]
    base_times = [timed(run_tokenizer) for _ in range(opts.repeats)]
    parser_rate = len(messages) / statistics.median(parser_times)
    base_rate = len(messages) / statistics.median(base_times)
    wall_rate = len(messages) / statistics.median(
        [timed(run_parser, time.perf_counter) for _ in range(opts.repeats)]
    )
    print(f"pipeline: {parser.pipeline_name}")
    print(
        f"messages: {len(messages)} (words per message: median {statistics.median(words):.0f}, "
        f"min {min(words)}, max {max(words)}); repeats: {opts.repeats}; one core"
    )
    print(f"load time: first (with imports) {first_load:.3f} s; median of 3 reloads "
          f"{statistics.median(loads):.3f} s")  # fmt: skip
    print(f"parser:    median {parser_rate:,.0f} messages per CPU second "
          f"({wall_rate:,.0f} per wall-clock second)")  # fmt: skip
    print(f"tokenizer: median {base_rate:,.0f} messages per CPU second (baseline, same messages)")
    print(f"ratio parser/tokenizer: {parser_rate / base_rate:.3f} "
          f"(parser is {base_rate / parser_rate:.1f}x slower than bare tokenization)")  # fmt: skip

    pieces = ADVERSARIAL + search_pieces(opts.search)
    worst = adversarial(parser, pieces, opts.repeats)
    print(f"adversarial: {len(pieces)} messages of {LONGEST_MESSAGE:,} characters, each one piece "
          f"repeated; median CPU ms of {opts.repeats} parses; the slowest five:")  # fmt: skip
    for seconds, piece in worst[:5]:
        print(f"  {seconds * 1000:7.1f} ms  {piece[:40]!r}")
    over = [piece for seconds, piece in worst if seconds > 0.020]
    print(f"slowest parse: {worst[0][0] * 1000:.1f} ms; over 20 ms: {len(over)} of {len(pieces)}")
    steps = [component_times(parser, repeated(worst[0][1])) for _ in range(opts.repeats)]
    split = ", ".join(
        f"{name} {statistics.median(s[i][1] for s in steps) * 1000:.1f}"
        for i, (name, _) in enumerate(steps[0])
    )
    print(f"where the slowest one's time goes (median ms): {split}")
    rest = []
    for piece in pieces:
        runs = [component_times(parser, repeated(piece)) for _ in range(opts.repeats)]
        rest.append((statistics.median(sum(t for n, t in r if n != "risk") for r in runs), piece))
    seconds, piece = max(rest)
    print(f"slowest without the crisis detector (risk): {seconds * 1000:.1f} ms ({piece[:40]!r})")


if __name__ == "__main__":
    main()

"""Parser benchmark: messages per second on one core, pipeline load time, tokenizer baseline.

Run: `.venv/bin/python bench/parse.py [--messages N] [--repeats R]`. Prints medians and the ratio of
the full parser to the bare spaCy tokenizer on the same messages, in the same process.
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


if __name__ == "__main__":
    main()

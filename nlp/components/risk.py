"""`firststep_risk`: a crisis found from risk concepts, the way a clinician screens for one.

The concepts are what the Columbia scale (C-SSRS) and NIMH's ASQ ask about: a wish to be dead,
thoughts of suicide, a method and the means at hand, preparatory acts, a recent ingestion,
someone unresponsive, self-harm acts and urges, a threat with a weapon, an attack under way.
Each concept is a small lexicon in `nlp/data/risk/` (terms, and spaCy `Matcher` patterns where a
term is not enough), matched on the message's normalised words (`nlp.components.words`).

Modifiers qualify what was found, ConText-style, within a sentence: a negation ("I'm not
suicidal"), a past episode ("back in 2019", unless something says now), a figure of speech or a
death long ago ("this commute is killing me", "my brother died by suicide"), a joke, a
hypothetical, an urge that is not an act. The person (the writer or someone with them) is the
nearest subject before a concept.

`rules.json` then says which combinations of concepts within a short window make a crisis, of
which kind and at which level: `clear` (intent, a plan, means at hand, an act done or under way)
or `possible` (the bot asks one screening question). The most urgent one found is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from nlp.components.gated import GatedMatcher, pattern_length
from nlp.components.tokens import token_views
from nlp.components.words import Words, fold, words_of
from nlp.resources import data_names, expand_lists, load_data
from nlp.result import Crisis, Signal
from nlp.second_opinion import features, load_second_opinion

RISK_DIR = "risk"
LEVELS = ("clear", "possible")
_NUMBER_WORDS = {
    w: n
    for n, ws in {
        3: "three tres", 4: "four cuatro", 5: "five cinco", 6: "six seis", 7: "seven siete",
        8: "eight ocho", 9: "nine nueve", 10: "ten diez", 12: "twelve doce dozen docena",
        15: "fifteen quince", 20: "twenty veinte", 30: "thirty treinta", 40: "forty cuarenta",
        50: "fifty cincuenta", 100: "hundred cien ciento",
    }.items()
    for w in ws.split()
}  # fmt: skip

for _name in ("fs_crisis", "fs_signals"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(slots=True)
class Found:
    """One concept found in the message (word positions), and what the modifiers made of it."""

    concept: str
    start: int
    end: int
    sentence: int
    person: str = "self"
    demoted: bool = False


@dataclass(frozen=True, slots=True)
class Modifier:
    """How one kind of marker qualifies the concepts near it (within its sentence)."""

    marker: str
    scope: str  # "forward", "backward", "around", "sentence", "message", "overlap" or "earlier"
    reach: int = 0
    drop: frozenset[str] = frozenset()
    demote: frozenset[str] = frozenset()
    rename: dict[str, str] = field(default_factory=dict)
    unless: tuple[str, ...] = ()  # undone where each of these is near (anywhere: scope "message")
    unless_any: tuple[str, ...] = ()  # undone where any one of these is near
    unless_sentence: tuple[str, ...] = ()  # undone where any one of these is in the sentence
    clause: bool = False  # not across a clause break ("signs of an od, he took 30")
    since: tuple[str, ...] = ()  # "sentence": undone by any of these between it and the concept
    person: str | None = None  # only concepts said of this person ("other": someone held safe)
    also: tuple[str, ...] = ()  # only where one of these markers is in the concept's sentence too


@dataclass(frozen=True, slots=True)
class Rule:
    """A combination of concepts within `window` words that makes a crisis (unless one of
    `none` is within the window too)."""

    kind: str
    level: str
    all: tuple[str, ...]
    any: tuple[str, ...] = ()
    window: int = 30
    ordered: bool = False
    person: str | None = None
    same_person: bool = False
    none: tuple[str, ...] = ()


class RiskDetector:
    """Finds the concepts, applies the modifiers, and reports the most urgent crisis."""

    def __init__(
        self,
        nlp: Language,
        rules: dict[str, Any],
        concepts: dict[str, Any],
        *,
        signals: dict[str, Any] | None = None,
        use_second_opinion: bool = True,
    ) -> None:
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns = NearAnchorMatcher(nlp.vocab)
        self.pattern_specs: list[tuple[str, list[dict[str, Any]]]] = []  # as matched
        self.unless_next: dict[str, Guards] = {}
        self.unless_prev: dict[str, Guards] = {}
        self.min_count: dict[str, int] = {}
        self.max_count: dict[str, int] = {}
        self.guard_patterns = frozenset(n for n, c in concepts.items() if c.get("guard_patterns"))
        self.quoted = [n for n, c in concepts.items() if c.get("quoted")]
        """Concepts found on every stretch of words between quotation marks."""
        self.carries_person = frozenset(n for n, c in concepts.items() if c.get("carries_person"))
        """Concepts said of the last one named when their sentence names nobody ("Mi hermano
        volvió al fentanilo. No contesta desde anoche": Spanish drops the subject)."""
        norms: dict[str, str] = getattr(nlp.get_pipe("firststep_spelling"), "norms", {})
        concept_terms = {
            name: [self._words(nlp, norms, t) for t in spec.get("terms", [])]
            for name, spec in concepts.items()
        }
        lists = {
            **{name: [w[0] for w in terms if len(w) == 1] for name, terms in concept_terms.items()},
            **rules.get("lists", {}),
        }  # "$drug": the one-word terms of the concept drug; "$BODY": a list of rules.json
        for name, spec in concepts.items():
            terms = concept_terms[name]
            self.phrases.add(name, [Doc(nlp.vocab, words=w) for w in terms if w])
            if spec.get("patterns"):
                patterns = [_folded(expand_lists(p, lists)) for p in spec["patterns"]]
                self.patterns.add(name, patterns)
                self.pattern_specs.extend((name, p) for p in patterns)
            self.unless_next[name] = Guards(
                [self._words(nlp, norms, w) for w in _guard_terms(spec, "unless_next", lists)]
            )
            self.unless_prev[name] = Guards(
                [self._words(nlp, norms, w)[::-1] for w in _guard_terms(spec, "unless_prev", lists)]
            )
            if "min_count" in spec:
                self.min_count[name] = int(spec["min_count"])
            if "max_count" in spec:
                self.max_count[name] = int(spec["max_count"])
        self.inside = {k: frozenset(v) for k, v in rules.get("inside", {}).items()}
        self.overridden_by: dict[str, list[str]] = {}
        for outer, inner in self.inside.items():
            for name in inner:
                self.overridden_by.setdefault(name, []).append(outer)
        self.longest = max(
            [len(w) for terms in concept_terms.values() for w in terms]
            + [len(p) for spec in concepts.values() for p in spec.get("patterns", [])]
        )  # the most words a term or a pattern can cover
        self.second_opinion = load_second_opinion() if use_second_opinion else None
        self.window = int(rules.get("window", 30))
        self.priority = {kind: i for i, kind in enumerate(rules["priority"])}
        names = frozenset(concepts)

        def targets(value: Any, spec: dict[str, Any]) -> frozenset[str]:
            """A modifier's list of concepts ("ALL": every concept but those in "except")."""
            if value == "ALL":
                return names - frozenset(spec.get("except", []))
            return frozenset(value or [])

        self.modifiers = [
            Modifier(
                marker=m["marker"],
                scope=m["scope"],
                reach=int(m.get("reach", 0)),
                drop=targets(m.get("drop"), m),
                demote=targets(m.get("demote"), m),
                rename=dict(m.get("rename", {})),
                clause=bool(m.get("clause", False)),
                since=tuple(m.get("since", [])),
                person=m.get("person"),
                also=tuple(m.get("also", [])),
                unless=tuple(
                    [m["unless"]] if isinstance(m.get("unless"), str) else m.get("unless", [])
                ),
                unless_any=tuple(m.get("unless_any", [])),
                unless_sentence=tuple(m.get("unless_sentence", [])),
            )
            for m in rules["modifiers"]
        ]
        self.kin = {
            m.marker: tuple(dict.fromkeys(k.marker for k in self.modifiers if k.drop == m.drop))
            for m in self.modifiers
        }
        """For each marker, the markers that qualify the same concepts (itself first): a "now"
        inside any of them ("now 2 years clean" inside "when I was using") undoes none of them."""
        self.self_marker, self.other_marker = rules["person"]["self"], rules["person"]["other"]
        self.signal_rules = [
            Rule(
                kind=r["kind"],
                level="signal",
                all=tuple(r["all"]),
                any=tuple(r.get("any", [])),
                window=int(r.get("window", self.window)),
                person=r.get("person"),
                same_person=bool(r.get("same_person", False)),
            )
            for r in (signals or {}).get("rules", [])
        ]
        self.rules = [
            Rule(
                kind=r["kind"],
                level=r["level"],
                all=tuple(r["all"]),
                any=tuple(r.get("any", [])),
                window=int(r.get("window", self.window)),
                ordered=bool(r.get("ordered", False)),
                person=r.get("person"),
                same_person=bool(r.get("same_person", False)),
                none=tuple(r.get("none", [])),
            )
            for r in rules["rules"]
        ]
        self.rules_from: dict[str, list[int]] = {}
        """The positions in `rules` of the rules that start from each concept (`all[0]`): a
        message's few concepts are looked up, not each of the ~190 rules."""
        for i, rule in enumerate(self.rules):
            self.rules_from.setdefault(rule.all[0], []).append(i)
        self.telling = frozenset(c for r in self.rules for c in (*r.all, *r.any)) - frozenset(
            rules.get("second_opinion_ignores", [])
        )
        """Concepts the crisis rules use (signals' concepts do not tell of a crisis), less those
        too common to ask the second opinion about on their own."""
        self.quiet = frozenset(rules.get("second_opinion_quiet", []))
        markers = {m.marker for m in self.modifiers} | {
            u
            for m in self.modifiers
            for u in (*m.unless, *m.unless_any, *m.unless_sentence, *m.since, *m.also)
        }
        self.markers = frozenset(m for m in markers if m) | {self.self_marker, self.other_marker}
        unknown = (
            {c for r in self.rules for c in (*r.all, *r.any, *r.none)}
            - set(concepts)
            - {target for m in self.modifiers for target in m.rename.values()}
        )
        if unknown:
            raise ValueError(f"risk rules name unknown concepts: {sorted(unknown)}")

    @staticmethod
    def _words(nlp: Language, norms: dict[str, str], term: str) -> list[str]:
        """A lexicon term as the normalised words a message would give (texting forms written
        out as the spelling component does; terms are written correctly, so no typo fixing)."""
        return [
            fold(part)
            for token in nlp.make_doc(term)
            for part in norms.get(token.lower_, token.norm_).split(" ")
            if part and part not in FILLERS
        ]

    def find(self, words: Words) -> list[Found]:
        """Every concept and marker in the message (a concept inside a longer one is dropped)."""
        doc, text = words.doc, words.words
        found: list[Found] = []
        phrases = [(m, s, e, True) for m, s, e in self.phrases(doc)]
        patterns = [(m, s, e, False) for m, s, e in self.patterns(doc, words.forms)]
        for match_id, start, end, is_term in phrases + patterns:
            name = self.vocab.strings[match_id]
            if is_term or name in self.guard_patterns:  # a pattern says all it needs itself
                if self.unless_next[name].match(text, end, 1):
                    continue  # "cut" + "back", a number + "years"
                if self.unless_prev[name].match(text, start - 1, -1):
                    continue
            if name in self.min_count or name in self.max_count:
                numbers = [_count(text[i]) for i in range(start, end) if doc[i].like_num]
                low, high = self.min_count.get(name, 0), self.max_count.get(name, 10**9)
                if numbers and not low <= max(numbers) <= high:
                    continue  # "took 2 advil" is no amount, "i am 34" no minor
            found.append(Found(name, start, end, words.sentence_of[start]))
        found.extend(
            Found(name, start, end, words.sentence_of[start])
            for name in self.quoted
            for start, end in words.quoted
        )
        found.sort(key=lambda f: (f.start, -f.end))
        by_concept = _index(f for f in found if f.concept in self.inside)
        return [f for f in found if not self._inside_another(f, by_concept)]

    def _inside_another(self, f: Found, by_concept: dict[str, Index]) -> bool:
        """Whether `f` lies within a concept that overrides it (`rules.json`: inside), as long
        as it or longer (the same words read as a suicide and as a jump are one suicide); only the
        overriding concepts that start at most `longest` words before it are looked at."""
        return any(
            o.end >= f.end and o.end - o.start >= f.end - f.start
            for outer in self.overridden_by.get(f.concept, ())
            if outer in by_concept
            for o in by_concept[outer].starting(f.start - self.longest, f.start)
        )

    def qualify(self, found: list[Found], breaks: Sequence[int] = ()) -> list[Found]:
        """The concepts the modifiers leave, with their person, demoted or renamed as they say."""
        markers = _index(f for f in found if f.concept in self.markers)
        outer = list(_index(f for f in found if f.concept not in self.markers).values())
        for person in (self.self_marker, self.other_marker):
            if person in markers:  # "till they bleed": no subject inside another concept's words
                inside = markers[person].items
                markers[person] = Index([m for m in inside if not self._within(m, outer)])
        kept: list[Found] = []
        for f in found:
            if f.concept in self.markers:
                continue
            current: Found | None = f
            for mod in self.modifiers:
                if current is None:
                    break
                name = current.concept
                if name not in mod.drop and name not in mod.demote and name not in mod.rename:
                    continue
                if not self._reaches(mod, current, markers, breaks):
                    continue
                if mod.person and self._person(current, markers) != mod.person:
                    continue  # "she's stable now... i'm going to kill myself tonight"
                if name in mod.drop:
                    current = None
                elif name in mod.rename:
                    current = replace(current, concept=mod.rename[name])
                else:
                    current = replace(current, demoted=True)
            if current is not None:
                current.person = self._person(current, markers)
                kept.append(current)
        return kept

    def _within(self, m: Found, indexes: list[Index]) -> bool:
        """Whether marker `m` lies strictly inside a concept's words (after its first word)."""
        return any(
            o.start < m.start and o.end >= m.end
            for index in indexes
            for o in index.starting(m.start - self.longest, m.start - 1)
        )

    def _reaches(
        self, mod: Modifier, f: Found, markers: dict[str, Index], breaks: Sequence[int] = ()
    ) -> bool:
        """Whether a marker of `mod` qualifies `f`: not where its `unless` markers together, or
        any one of `unless_any`, undo it, nor where one of `unless_sentence` is in `f`'s sentence
        or a new time is said since it (`since`); with `also`, only where one of those markers is
        in `f`'s sentence. A `clause` marker reaches only within its clause: "ni pa nada, pa qué
        sigo"."""
        index = markers.get(mod.marker)
        if index is None:
            return False
        if mod.scope == "message":
            hit = bool(index.items)
        elif mod.scope == "sentence":
            hit = bool(index.in_sentence(f.sentence))
        elif mod.scope == "earlier":  # of what was said before it, in any sentence: "ya en serio"
            hit = any(
                0 <= m.start - f.end <= mod.reach
                for m in index.starting(f.end, f.end + mod.reach + 1)
            )
        else:
            near = [
                m
                for m in index.starting(f.start - mod.reach - 8, f.end + mod.reach)
                if m.sentence == f.sentence
            ]
            if mod.scope == "overlap":
                hit = any(_overlaps(m, f) for m in near)
            elif mod.scope == "forward":
                hit = any(_before(m, f, mod, breaks) for m in near)
            elif mod.scope == "backward":
                hit = any(_after(m, f, mod, breaks) for m in near)
            else:  # around: before, after or on it
                hit = any(
                    _before(m, f, mod, breaks) or _after(m, f, mod, breaks) or _overlaps(m, f)
                    for m in near
                )
        if hit and mod.since and self._since(mod, f, markers):
            return False
        if (
            hit
            and mod.also
            and not any(
                markers[name].in_sentence(f.sentence) for name in mod.also if name in markers
            )
        ):
            return False  # held safe, and the intake was last night: not one taken an hour ago
        if hit and any(
            markers[name].in_sentence(f.sentence) for name in mod.unless_sentence if name in markers
        ):
            return False  # "she did this last year too": the past is said of a repeat, now
        if hit and any(self._undoes(name, mod, f, markers, breaks) for name in mod.unless_any):
            return False  # "quemándome los brazos con la plancha... ya van seis": no accident
        if hit and mod.unless:
            if mod.since and self._dated(mod, f, markers, breaks):
                return True  # "had a client today whose son overdosed last month"
            return not all(self._undoes(name, mod, f, markers, breaks) for name in mod.unless)
        return hit

    def _dated(
        self, mod: Modifier, f: Found, markers: dict[str, Index], breaks: Sequence[int]
    ) -> bool:
        """Whether a past marker of `mod` dates `f` itself, said right after it in its clause
        ("overdosed last month"), and no marker of `mod.unless` follows `f` in its sentence: a
        "now" said before the event then belongs to something else ("had a client today whose
        son...")."""
        if not any(
            m.sentence == f.sentence and not _between(breaks, f.end, m.start)
            for m in markers[mod.marker].starting(f.end, f.end + 2)
        ):
            return False
        return not self._said_between(mod.unless, f.end, f.end + mod.reach + 1, f, mod, markers)

    def _undoes(
        self,
        name: str,
        mod: Modifier,
        f: Found,
        markers: dict[str, Index],
        breaks: Sequence[int] = (),
    ) -> bool:
        """Whether a marker `name` near `f` in its sentence undoes `mod` there: not one inside a
        marker of `mod` or its kin ("sober now", "8 years now", "now 2 years clean"), and, for a
        past (`since`), not one said after `f` in a later clause ("back when I drank I tried to
        end it twice, and now I want to give back")."""
        if name not in markers:
            return False
        if mod.scope == "message":  # said anywhere: "they joke about it ... this is no joke"
            return bool(markers[name].items)
        near = markers[name].starting(f.start - mod.reach - 4, f.end + mod.reach)
        return any(
            u.sentence == f.sentence
            and not self._inside(u, mod, markers)
            and not (mod.since and u.start >= f.end and _between(breaks, f.end, u.start))
            for u in near
        )

    def _inside(self, u: Found, mod: Modifier, markers: dict[str, Index]) -> bool:
        """Whether `u` lies inside a marker of `mod` or its kin in its sentence."""
        return any(
            m.end >= u.end and m.sentence == u.sentence
            for k in self.kin[mod.marker]
            if k in markers
            for m in markers[k].starting(u.start - self.longest, u.start)
        )

    def _since(self, mod: Modifier, f: Found, markers: dict[str, Index]) -> bool:
        """Whether a new time (`mod.since`) is said between `f` and the last marker of `mod`
        before it in its sentence ("tenía seis meses limpio y hoy lo encontré... labios
        morados"), or, where there is none before it, between `f` (or on it) and the first one
        after it (not one inside a marker of `mod` or its kin: "now 2 years clean")."""
        own = markers.get(mod.marker)
        if own is None:
            return False
        last = own.last_at_or_before(f.start)
        if last is not None and last.sentence == f.sentence:
            lo, hi = last.end, f.start
        else:  # only after it: "la soga está lista y es esta noche, ... cuando era niña"
            after = [m for m in own.in_sentence(f.sentence) if m.start >= f.end]
            if not after:
                return False
            lo, hi = f.start, after[0].start - 1
        return self._said_between(mod.since, lo, hi, f, mod, markers)

    def _said_between(
        self,
        names: Sequence[str],
        lo: int,
        hi: int,
        f: Found,
        mod: Modifier,
        markers: dict[str, Index],
    ) -> bool:
        """Whether a marker of `names` starts in [lo, hi) in `f`'s sentence, not inside a marker
        of `mod` or its kin ("now" in "now 2 years clean" is not a new time)."""
        return any(
            u.sentence == f.sentence and not self._inside(u, mod, markers)
            for name in names
            if name in markers
            for u in markers[name].starting(lo, hi)
        )

    def _person(self, f: Found, markers: dict[str, Index]) -> str:
        """ "other" when the nearest subject before `f` in its sentence is someone else (for a
        concept that `carries_person`, in the message when its sentence names nobody)."""
        person = self._last_subject(f, markers, within_sentence=True)
        if person is None and f.concept in self.carries_person:
            person = self._last_subject(f, markers, within_sentence=False)
        return person or "self"

    def _last_subject(
        self, f: Found, markers: dict[str, Index], *, within_sentence: bool
    ) -> str | None:
        """The person of the last subject named before `f` (in its sentence only, or anywhere
        before it), or None."""
        best: tuple[int, str] | None = None
        for marker, person in ((self.other_marker, "other"), (self.self_marker, "self")):
            index = markers.get(marker)
            m = index.last_at_or_before(f.start) if index else None
            if m is None or (within_sentence and m.sentence != f.sentence):
                continue
            if best is None or m.start > best[0]:
                best = (m.start, person)
        return best[1] if best else None

    def combine(self, concepts: list[Found]) -> tuple[Rule, list[Found]] | None:
        """The most urgent rule that the concepts satisfy, and the concepts it used."""
        by_concept = _index(concepts)
        best: tuple[tuple[int, int, int], Rule, list[Found]] | None = None
        for i in sorted(i for name in by_concept for i in self.rules_from.get(name, ())):
            rule = self.rules[i]  # in the rules' order, as if all were tried
            anchors = by_concept[rule.all[0]]
            head = (LEVELS.index(rule.level), self.priority.get(rule.kind, 99))
            if best is not None and head > best[0][:2]:
                continue  # this rule can only give a less urgent crisis than the one found
            if not _possible(rule, by_concept):
                continue
            for anchor in anchors.items:
                if best is not None and (*head, anchor.start) >= best[0]:
                    break  # nor can any later anchor of it
                used = self._satisfy(rule, anchor, by_concept)
                if used is None:
                    continue
                demoted = any(u.demoted for u in used)
                level = "possible" if demoted else rule.level
                rank = (LEVELS.index(level), self.priority.get(rule.kind, 99), anchor.start)
                if best is None or rank < best[0]:
                    best = (rank, rule if level == rule.level else replace(rule, level=level), used)
                if not demoted:
                    break  # a later anchor of the same rule is never better
        return (best[1], best[2]) if best else None

    def _satisfy(
        self, rule: Rule, anchor: Found, by_concept: dict[str, Index]
    ) -> list[Found] | None:
        """The concepts that complete `rule` from `anchor`, each within `window` words of those
        found before it (a chain), or None."""
        if rule.person and anchor.person != rule.person:
            return None
        used = [anchor]
        lo, hi = anchor.start - rule.window, anchor.end + rule.window
        for names in [*([n] for n in rule.all[1:]), *([list(rule.any)] if rule.any else [])]:
            near = [
                n
                for name in names
                if name in by_concept
                for n in by_concept[name].starting(lo, hi)
                if not any(_same(n, u) for u in used)  # a concept found counts once in a rule
                and (not rule.ordered or n.start >= used[-1].end)
                and (not rule.same_person or n.person == anchor.person)
            ]
            if not near:
                return None
            pick = min(near, key=lambda n: (n.demoted, abs(n.start - anchor.start)))
            used.append(pick)
            lo, hi = min(lo, pick.start - rule.window), max(hi, pick.end + rule.window)
        if any(
            n.end > lo
            for name in rule.none
            if name in by_concept
            for n in by_concept[name].starting(lo - self.longest, hi)
        ):
            return None  # a concept that makes it another kind of crisis (or none) reaches it
        return used

    def analyse(self, doc: Doc) -> tuple[list[Found], Crisis | None]:
        """The concepts the modifiers leave (with the person markers), and the most urgent
        crisis the rules make of them."""
        words = unquoted_words(doc)
        if not len(words):
            return [], None
        found_all = self.find(words)
        markers = [f for f in found_all if f.concept in self.markers]
        breaks = [i for i, w in enumerate(words.words) if w in CLAUSE_BREAKS]
        kept = self.qualify(found_all, breaks) + markers
        found = self.combine(kept)
        if found is None:
            return kept, None
        rule, used = found
        start, end = min(u.start for u in used), max(u.end for u in used)
        first, last = words.tokens(start, end)
        concepts = tuple(dict.fromkeys(u.concept for u in sorted(used, key=lambda u: u.start)))
        crisis = Crisis(
            kind=rule.kind,  # type: ignore[arg-type]
            level=rule.level,  # type: ignore[arg-type]
            evidence=doc[first:last].text,
            person="other" if used[0].person == "other" else "self",
            concepts=concepts,
        )
        return kept, crisis

    def check(self, doc: Doc) -> Crisis | None:
        """The most urgent crisis in `doc`, or None; where the rules find none, the second
        opinion may raise a `possible` one."""
        kept, crisis = self.analyse(doc)
        return crisis if crisis is not None else self._second_look(doc, kept)

    def asks_second_opinion(self, kept: list[Found]) -> bool:
        """Whether the second opinion is asked about a message the rules found no crisis in:
        only where the lexicons saw something that tells of danger, and did not read it as calm
        (a figure of speech, a safe purpose)."""
        concepts = {k.concept for k in kept if k.concept not in self.markers}
        return bool(self.telling & concepts) and not any(k.concept in self.quiet for k in kept)

    def _second_look(self, doc: Doc, kept: list[Found]) -> Crisis | None:
        """A `possible` crisis if the second opinion sees one where the rules saw none."""
        if self.second_opinion is None or not self.asks_second_opinion(kept):
            return None
        concepts = [k.concept for k in kept if k.concept not in self.markers]
        tokens = features(words_of(doc).words, concepts)
        judged = self.second_opinion.judge(tokens)
        if judged is None:
            return None
        return Crisis(
            kind=judged[0],  # type: ignore[arg-type]
            level="possible",
            evidence="",
            person="other" if any(k.concept == self.other_marker for k in kept) else "self",
            concepts=("second_opinion",),
        )

    def signals(self, doc: Doc, kept: list[Found]) -> list[Signal]:
        """The safety signals the concepts make (each kind once, in the rules' order)."""
        by_concept = _index(kept)
        words = words_of(doc)
        out: dict[str, Signal] = {}
        for rule in self.signal_rules:
            if rule.kind in out:
                continue
            anchors = by_concept.get(rule.all[0])
            if anchors is None or not _possible(rule, by_concept):
                continue
            for anchor in anchors.items:
                used = self._satisfy(rule, anchor, by_concept)
                if used is not None:
                    start, end = min(u.start for u in used), max(u.end for u in used)
                    first, last = words.tokens(start, end)
                    out[rule.kind] = Signal(kind=rule.kind, evidence=doc[first:last].text)  # type: ignore[arg-type]
                    break
        return list(out.values())

    def __call__(self, doc: Doc) -> Doc:
        """Set `doc._.fs_crisis` to the crisis found (or None) and `doc._.fs_signals`."""
        kept, crisis = self.analyse(doc)
        doc._.fs_crisis = crisis if crisis is not None else self._second_look(doc, kept)
        signals = self.signals(doc, kept)
        if crisis is not None and crisis.kind == "violence" and crisis.level == "clear":
            signals = [s for s in signals if s.kind != "abuse_at_home"]  # the crisis reply says it
        doc._.fs_signals = signals
        return doc


CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "\u2014", "\u2013", "but", "pero", "though", "although", "aunque"}
)
"""Words that end a clause: a negation's reach stops there, and so does a clause-bound marker's
("my husband holds my meds now but I have the rope in the garage")."""

QUOTES = frozenset(
    {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "`", "\u00b4", "\u00ab", "\u00bb"}
)
FILLERS = frozenset(
    {"honestly", "genuinely", "truthfully", "frankly", "tbh", "ngl", "sinceramente"}
)
"""Sentence adverbs that say nothing of the danger, left out of the words the risk concepts
read (and of their terms), so that "everyone would honestly be better off" reads as "everyone
would be better off". Intensifiers ("really sleepy") are not among them: they change a term."""
_UNQUOTED_KEY = "fs_risk_words"


def unquoted_words(doc: Doc) -> Words:
    """The message's words without quotation marks ("gonna 'handle' him") and `FILLERS`, each
    still mapped to the token it came from (made once and kept on the doc)."""
    cached = doc.user_data.get(_UNQUOTED_KEY)
    if isinstance(cached, Words):
        return cached
    views = token_views(doc)
    keep = [i for i, v in enumerate(views) if v.text not in QUOTES and v.lower not in FILLERS]
    if len(keep) == len(views):
        words = words_of(doc)
    else:
        words = Words(doc.vocab, [views[i] for i in keep])
        words.token_of = [keep[i] for i in words.token_of]
        marks = [i for i, v in enumerate(views) if v.text in QUOTES]
        for opening, closing in zip(marks[::2], marks[1::2], strict=False):
            start = bisect_right(words.token_of, opening)  # token_of rises: no scan per pair
            end = bisect_left(words.token_of, closing)
            if start < end:
                words.quoted.append((start, end))
    doc.user_data[_UNQUOTED_KEY] = words
    return words


def _guard_terms(spec: dict[str, Any], key: str, lists: dict[str, list[str]]) -> list[str]:
    """A concept's "unless_next" or "unless_prev" words, each "$NAME" replaced by the words of a
    list (`rules.json`: lists), so one guard can serve several concepts ("$OUT_OF_BED")."""
    terms: list[str] = []
    for term in spec.get(key, []):
        if term.startswith("$") and term[1:] in lists:
            terms.extend(lists[term[1:]])
        else:
            terms.append(term)
    return terms


def _count(word: str) -> int:
    """The number a word says ("15", "fifteen", "quince"), or 0."""
    digits = re.sub(r"[^\d]", "", word)
    if digits and len(digits) <= 4:
        return int(digits)
    return _NUMBER_WORDS.get(word, 0)


def _folded(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A token pattern with its ORTH / LOWER words folded as the message's words are."""
    out = []
    for spec in pattern:
        spec = dict(spec)
        for attr in ("ORTH", "LOWER"):
            value = spec.get(attr)
            if isinstance(value, str):
                spec[attr] = fold(value)
            elif isinstance(value, dict):
                spec[attr] = {
                    k: vs if isinstance(vs, str) else [fold(v) for v in vs]  # REGEX: as written
                    for k, vs in value.items()
                }
        out.append(spec)
    return out


class NearAnchorMatcher(GatedMatcher):
    """A `GatedMatcher` that runs each of its matchers only on the words around its anchors.

    Every pattern has a required anchor word and no "*" or "+", so a match lies within the
    pattern's length of an anchor: matching that stretch finds exactly what matching the whole
    message finds, at a fraction of the cost on long messages (spaCy's Matcher tries every
    pattern at every word). Measured (bench/near_anchor.py, medians of 3 rounds, the same
    crises): 0.75 ms a check on typical messages against 9.5 ms over the whole message (12.7x),
    1.26 ms against 4.29 ms on 4,096-character ones (3.4x). The crisis check runs on every
    message, before flood control, so a flood is not capped by Telegram's sending limit: kept.
    """

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key; a pattern of unbounded length is refused."""
        for pattern in patterns:
            if pattern_length(pattern) is None:
                raise ValueError(f"risk pattern of {key} has an open repeat ('*' or '+')")
        super().add(key, patterns)


class Guards:
    """Word sequences that, right after (or before) a match, cancel it ("cut" + "back")."""

    def __init__(self, sequences: list[list[str]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for seq in sequences:
            if seq:
                self.by_first.setdefault(seq[0], []).append(tuple(seq))

    def match(self, words: list[str], at: int, step: int) -> bool:
        """Whether a sequence runs from `words[at]` on (step 1) or backwards (step -1)."""
        if not 0 <= at < len(words) or words[at] not in self.by_first:
            return False
        for seq in self.by_first[words[at]]:
            end = at + step * len(seq)
            if end < -1 or end > len(words):
                continue
            got = words[at:end:step] if end >= 0 else words[at::step]
            if tuple(got) == seq:
                return True
        return False


class Index:
    """Found items sorted by start, looked up by position or by sentence in log time."""

    def __init__(self, items: list[Found]) -> None:
        self.items = sorted(items, key=lambda f: (f.start, -f.end))
        self.starts = [f.start for f in self.items]
        self.sentences = [f.sentence for f in self.items]

    def starting(self, lo: int, hi: int) -> list[Found]:
        """The items that start at a word in [lo, hi]."""
        return self.items[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def last_at_or_before(self, position: int) -> Found | None:
        """The item that starts last at or before `position` (the longest of those there)."""
        i = bisect_right(self.starts, position)
        if not i:
            return None
        start = self.starts[i - 1]
        return self.items[bisect_left(self.starts, start)]

    def in_sentence(self, sentence: int) -> list[Found]:
        """The items of one sentence."""
        lo = bisect_left(self.sentences, sentence)
        return self.items[lo : bisect_right(self.sentences, sentence)]


def risk_detector(nlp: Language) -> RiskDetector:
    """The pipeline's risk component, typed."""
    pipe = nlp.get_pipe("firststep_risk")
    if not isinstance(pipe, RiskDetector):
        raise TypeError("the firststep_risk component is not a RiskDetector")
    return pipe


def _possible(rule: Rule, by_concept: dict[str, Index]) -> bool:
    """Whether every concept a rule needs occurs somewhere in the message at all."""
    return all(name in by_concept for name in rule.all[1:]) and (
        not rule.any or any(name in by_concept for name in rule.any)
    )


def _same(a: Found, b: Found) -> bool:
    """Whether `a` and `b` are one finding: the same object, or the same concept over
    overlapping words ("keep nodding off" and "nodding off")."""
    return a is b or (a.concept == b.concept and a.start < b.end and b.start < a.end)


def _overlaps(m: Found, f: Found) -> bool:
    """Whether marker `m` and concept `f` share a word."""
    return m.start < f.end and f.start < m.end


def _before(m: Found, f: Found, mod: Modifier, breaks: Sequence[int]) -> bool:
    """Whether marker `m` ends before `f`, within `mod.reach` words (and its clause, if bound)."""
    return (
        m.end <= f.start
        and f.start - m.end <= mod.reach
        and not (mod.clause and _between(breaks, m.end, f.start))
    )


def _after(m: Found, f: Found, mod: Modifier, breaks: Sequence[int]) -> bool:
    """Whether marker `m` starts after `f`, within `mod.reach` words (and its clause, if bound)."""
    return (
        m.start >= f.end
        and m.start - f.end <= mod.reach
        and not (mod.clause and _between(breaks, f.end, m.start))
    )


def _between(positions: Sequence[int], lo: int, hi: int) -> bool:
    """Whether a position of the sorted `positions` lies in [lo, hi)."""
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


def _index(found: Iterable[Found]) -> dict[str, Index]:
    """The found items by concept name."""
    groups: dict[str, list[Found]] = {}
    for f in found:
        groups.setdefault(f.concept, []).append(f)
    return {name: Index(items) for name, items in groups.items()}


def load_concepts() -> dict[str, Any]:
    """Every concept lexicon of `nlp/data/risk/`, by name (the file name without `.json`)."""
    names = [n for n in data_names([f"{RISK_DIR}/*.json"]) if not n.endswith("/rules.json")]
    return {name.split("/")[-1].removesuffix(".json"): load_data(name) for name in names}


@Language.factory(
    "firststep_risk",
    default_config={
        "rules": f"{RISK_DIR}/rules.json",
        "signals": "signals.json",
        "second_opinion": True,
    },
)
def make_risk(
    nlp: Language, name: str, rules: str, signals: str, second_opinion: bool
) -> RiskDetector:
    """Build the risk detector from its rules, the signal rules and the concept lexicons beside
    them (and the shipped second opinion, when there is one and it is wanted)."""
    return RiskDetector(
        nlp,
        load_data(rules),
        load_concepts(),
        signals=load_data(signals),
        use_second_opinion=second_opinion,
    )

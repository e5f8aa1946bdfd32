"""`firststep_context`: ConText-style negation, family experiencer and past status for concerns."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.components.concerns import SPAN_KEY
from nlp.components.gated import GatedMatcher, doc_forms
from nlp.components.tokens import TokenView, token_views
from nlp.resources import expand_lists, load_data


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger found in a document."""

    category: str
    direction: str
    max_scope: int
    start: int
    end: int
    codes: frozenset[str] | None = None
    """The concern codes the trigger reaches, or None for every code (a medicine prescribed
    negates a drug, never the condition it treats: "tengo depresión y me recetaron sertralina")."""


TRIGGER_TOKENS = 12
"""The most tokens a trigger phrase or pattern spans (a bound used to find triggers near a
concern; tests/nlp/test_context.py checks the data against it)."""
WRITER_COUNTS = frozenset(
    [
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "twins",
        "un",
        "una",
        "dos",
        "tres",
        "cuatro",
    ]
)
"""What follows "mum of" when the writer names their own role ("mum of two")."""
POSSESSOR_PRONOUNS = frozenset(["his", "her", "their"])
"""A possessive that names a loved one only for the words right after it ("his drinking")."""
RELATIVES = frozenset(["who", "whos", "who's", "whose", "that", "que", "quien", "with", "con"])
"""Words that go on to say something of the child ("dad of a 20 yr old who's using"): then the
"of" names a loved one, not the writer's role."""
THERE_VERBS = frozenset(["are", "is", "was", "were", "'s", "s", "'re", "re"])
"""Verbs after a "their" that stands for "there" ("their are groups")."""
_PEOPLE = frozenset({"family", "own", "both"})
"""Trigger categories that name a person: "bites her nails" is hers, wherever "her" lies."""

SPANISH_ARTICLES = frozenset(["el", "la", "los", "las", "un", "una", "del", "al"])
"""Before a word that is also a first-person verb, a noun: "el juego" is gambling, no "I play"."""
APOSTROPHE_S = frozenset(["'s", "’s"])
NOT_POSSESSED = frozenset(
    [
        "been",
        "got",
        "gotten",
        "gone",
        "always",
        "still",
        "never",
        "not",
        "back",
        "on",
        "off",
        "in",
        "into",
        "a",
        "an",
        "the",
        "so",
        "really",
        "just",
        "also",
        "started",
        "become",
        "getting",
        "going",
        "gonna",
        "doing",
        "being",
        "had",
        "done",
        "very",
        "too",
        "now",
        "out",
        "up",
        "all",
        "over",
        "at",
        "using",
        "drinking",
        "smoking",
        "taking",
        "ex",
        "former",
        "retired",
        "like",
        "such",
        "no",
    ]
)
"""Words after "mum's" that make it "mum is" or "mum has" ("my dad's been drinking"), not the
owner of a thing ("my mum's card")."""
PLACE_WORDS = frozenset(["at", "to", "from", "in", "after", "before", "near", "outside", "inside"])
"""Words before "my cousins wedding", "to my mums house": a loved one named there owns a place
or an occasion."""
OWNED_THINGS = frozenset(
    ["card", "cards", "money", "account", "car", "house", "flat", "phone", "wallet", "purse"]
)
"""Things a loved one owns that the writer uses ("my mums card", "my dads car")."""
THEIR_TROUBLE = frozenset(
    ["addiction", "problem", "problems", "habit", "use", "issue", "issues", "relapse", "struggle"]
)
"""What a loved one owns that is the concern itself ("my husband's addiction to painkillers")."""
POSSESSED_THEN = frozenset(
    ["is", "was", "are", "were", "'s", "’s", "has", "gonna", "will", "keeps", "makes"]
)
"""A verb after "my moms cooking" that makes "moms" an owner: the clause's subject is the thing."""
SPAN_OF_TIME = frozenset(["years", "year", "months", "month", "weeks", "week", "days", "day"])
"""Words after "my brother's two" that make it "brother is two years (on methadone)", no owner."""

GRIEF_LINKS = frozenset(["since", "after", "desde", "después", "despues"])
"""Words that tie a death to the one it changed ("mi abuela desde que murió mi abuelo no sale",
"since Dad died she's been drinking"): the grief is that person's."""

AGAIN_WORDS = frozenset(["again", "otra", "de"])
"""A relapse word said after its clause ("again", "otra vez", "de nuevo"): it belongs to a concern
just before it ("15 years off the benzos, but my nerves are bad again": the nerves are back)."""

SUBJECT_I = frozenset(["i", "yo", "myself"])
"""The writer as a subject: it ends a loved one's reach, and says the concern after it is theirs."""

SPANISH_PARTICIPLE = re.compile(
    r"(?:ido|\w(?:ado|ido|cho)|\w{2,}(?:ado|ada|ido|ída|ida|cho|sto|ao)|\w+(?:uelto|ierto))$"
)
"""A Spanish past participle: after it "he" is "I have" ("me he aficionado al vino", "me he
dado", "he ido"), not "he"."""

SPANISH_AFTER_SON = frozenset(
    ["los", "las", "unos", "unas", "mis", "tus", "sus", "muy", "tan", "más", "mas", "de", "del",
     "como", "pura", "puro", "puras", "puros", "bien", "casi", "así", "asi", "para", "pa", "todos",
     "todas", "esos", "esas", "estos", "estas", "lo", "la", "el", "un", "una", "mucho", "muchos",
     "por", "parte", "demasiado", "demasiados", "nuestros", "nuestras", "siempre", "peores",
     "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "veinte",
     "varios", "varias", "muchas", "pocos", "pocas", "tantos", "tantas", "demasiadas"]
)  # fmt: skip
"""Words after "son" that make it the Spanish "are" ("lo que me mata son los ataques", "son dos
cajetillas diarias": a number word or a quantifier), no son."""

SPANISH_BEFORE_SON = frozenset(
    ["que", "qué", "cuales", "cuáles", "ellos", "ellas", "quienes", "ya", "tengo", "tienes",
     "tenemos", "siento", "sufro", "necesito", "quiero"]
)  # fmt: skip
"""Words before "son" that make it the Spanish "are" ("creo que son pesadillas", "lo que tengo
son ataques de pánico")."""

SPANISH_PLURAL_ARTICLES = frozenset(
    ["los", "las", "mis", "tus", "sus", "unos", "unas", "estos", "estas", "esos", "esas"]
)  # fmt: skip
"""An article two words before "son" makes a Spanish plural subject ("las pesadillas son por")."""

ENGLISH_BEFORE_SON = frozenset(
    ["my", "his", "her", "their", "our", "your", "the", "a", "our", "whose", "youngest", "eldest",
     "oldest", "older", "younger", "step", "adult"]
)  # fmt: skip
"""Words before "son" that make it the English noun even before a number ("my son 19")."""

COMPANY = frozenset(["with", "w", "w/", "con"])
"""Words before "my ..." that make the loved one company, not a subject ("w my boy")."""

SUBJECT_REACH = 4
"""How close before a concern a subject "I" must be to say it is the writer's ("I'm 68, sober")."""

ECHO_WORDS = frozenset(["too", "also", "también", "tambien", "igual", "tmb", "tb"])
"""Words that make a bare loved one an echo of what was said ("mi novio igual.", "my husband
too"): the same concern is theirs as well."""

ECHO_LEAD = frozenset(["and", "y", "e", "plus", "o", "or", "pero", "but"])
"""Words that may open an echo clause before the loved one ("and my brother too")."""

FOR_THEM_LEAD = 2
"""How many words may lie between a concern and a group for a loved one that it names ("a
depression support group for her"): the concern is the loved one's, whoever is searching."""

TRANSFER_WINDOW = 16
"""How far after a negated concern a loved one may be named to take it over ("I don't gamble,
my dad does")."""


class _Slice:
    """The triggers of one category, sorted by start, looked up by position (bisect)."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.items = sorted(triggers, key=lambda t: (t.start, t.end))
        self.starts = [t.start for t in self.items]
        by_end = sorted(self.items, key=lambda t: t.end)
        self.by_end = by_end
        self.ends = [t.end for t in by_end]
        self.max_scope = max((t.max_scope for t in triggers), default=0)
        self.max_len = max((t.end - t.start for t in triggers), default=0)

    def starting_in(self, lo: int, hi: int) -> list[Trigger]:
        """Triggers starting in the token range [lo, hi]."""
        return self.items[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def ending_in(self, lo: int, hi: int) -> list[Trigger]:
        """Triggers ending in the token range [lo, hi]."""
        return self.by_end[bisect_left(self.ends, lo) : bisect_right(self.ends, hi)]

    def around(self, start: int, end: int) -> list[Trigger]:
        """Every trigger that can touch or reach the tokens [start, end): those overlapping
        them, ending at most max_scope before them, or starting at most max_scope after."""
        return self.starting_in(start - self.max_scope - self.max_len, end + self.max_scope)


class TriggerIndex:
    """A document's triggers by category, so that a concern looks only at the triggers near it:
    the annotation is linear in the length of the message, not concerns x triggers."""

    def __init__(self, triggers: list[Trigger]) -> None:
        grouped: dict[str, list[Trigger]] = {}
        for t in triggers:
            grouped.setdefault(t.category, []).append(t)
        self.by_category = {k: _Slice(v) for k, v in grouped.items()}
        self.empty = _Slice([])

    def category(self, name: str) -> _Slice:
        """The triggers of one category."""
        return self.by_category.get(name, self.empty)


def _phrases_in(matcher: PhraseMatcher, doc: Doc, a: int, b: int) -> list[tuple[int, int, int]]:
    """A PhraseMatcher's matches inside the tokens [a, b), at their positions in `doc` (spaCy's
    PhraseMatcher gives a Span's matches at document positions, its Matcher at span positions;
    tests/nlp/test_context.py checks both against whole-document matching)."""
    return [(i, s, e) for i, s, e in matcher(_part(doc, a, b)) if a <= s and e <= b]


def _part(doc: Doc, a: int, b: int) -> Doc:
    """The tokens [a, b) to match on: the Doc itself when they are all of it (spaCy matches a
    whole Doc much faster than a Span, which it reads token by token)."""
    # a Span is matched as a Doc is (spaCy's matchers take either)
    return doc if a == 0 and b == len(doc) else cast(Doc, doc[a:b])


def _spanish_son(views: list[TokenView], i: int) -> bool:
    """Whether token `i` is the Spanish "son" ("are") before an article or an adverb, or before
    a number without an English possessive ("ya son 8 meses", not "my son 8 months clean")."""
    if views[i].lower != "son" or i + 1 >= len(views):
        return False
    after = views[i + 1]
    english = i > 0 and views[i - 1].lower in ENGLISH_BEFORE_SON
    spanish_subject = (i > 0 and views[i - 1].lower in SPANISH_BEFORE_SON) or (
        i > 1 and views[i - 2].lower in SPANISH_PLURAL_ARTICLES
    )  # "que son", "las pesadillas son por el asalto"
    return (
        after.lower in SPANISH_AFTER_SON
        or (after.like_num and not english)
        or (spanish_subject and not english)
    )


def _spanish_he(views: list[TokenView], start: int, end: int) -> bool:
    """Whether the tokens [start, end) are a Spanish "he" ("I have") before a participle."""
    return (
        end == start + 1
        and views[start].lower == "he"
        and end < len(views)
        and bool(SPANISH_PARTICIPLE.match(views[end].lower))
    )


QUOTES = frozenset(["'", '"', "“", "”", "‘", "’", "«", "»"])
"""Quotation marks: a loved one named inside a quote ("'mama just killed a man'") is words
quoted, no one whose concern follows the quote."""


def _to_closing_quote(views: list[TokenView], start: int, end: int, scope: int) -> int:
    """How far a trigger at [start, end) may reach forward: to the quote that closes around it
    when it lies inside quotation marks, else `scope`."""
    opened = False
    for i in range(start - 1, -1, -1):
        if views[i].newline or views[i].text in (".", "!", "?"):
            break
        if views[i].text in QUOTES:
            opened = not opened
    if not opened:
        return scope
    for i in range(end, min(len(views), end + scope + 1)):
        if views[i].text in QUOTES:
            return i - end
    return scope


def _first_word(norm: str) -> str:
    """The first word of a (possibly multi-word) token norm."""
    return norm.split(" ", 1)[0]


@dataclass(frozen=True, slots=True)
class _Scene:
    """What one concern's qualification needs to know of the whole message."""

    sentence: list[int]
    """A sentence number for every token."""
    addressed: frozenset[int]
    """The sentences that name a concern that can be past (not only grief or trauma)."""
    losses: list[tuple[int, int]]
    """The token ranges of a loss ("lost my partner", "since Dad died")."""

    def relapse_reaches(self, trigger: int, concern: int) -> bool:
        """A relapse word reaches the concerns of its sentence, or, said in a sentence naming
        none ("Started again."), those of the sentences beside it ("Was sober 11 years.")."""
        said, named = self.sentence[trigger], self.sentence[concern]
        return said == named or (said not in self.addressed and abs(said - named) == 1)

    def in_loss(self, t: Trigger) -> bool:
        """Whether a trigger lies inside a loss: "my partner" in "lost my partner" names who
        died, not whose a concern is."""
        return any(a <= t.start and t.end <= b for a, b in self.losses)


class ContextAnnotator:
    """Qualifies concern spans: negated, family experiencer, past or current."""

    def __init__(self, nlp: Language, data: dict[str, Any], lists: dict[str, list[str]]) -> None:
        self.specs: list[dict[str, Any]] = []
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.matcher = GatedMatcher(nlp.vocab)
        for spec in data["triggers"]:
            key = f"trigger{len(self.specs)}"
            self.specs.append(
                {
                    "category": spec["category"],
                    "direction": spec["direction"],
                    "max_scope": int(spec["max_scope"]),
                    "unless_prev": frozenset(spec.get("unless_prev", [])),
                    "unless_next": frozenset(spec.get("unless_next", [])),
                    "opens_clause": bool(spec.get("opens_clause", False)),
                    "codes": frozenset(spec["codes"]) if spec.get("codes") else None,
                }
            )
            if spec.get("terms"):
                self.phrases.add(key, [nlp.make_doc(t) for t in spec["terms"]])
            if spec.get("patterns"):
                self.matcher.add(key, expand_lists(spec["patterns"], lists))
        terms = data["terminators"]
        categories = {spec["category"] for spec in data["triggers"]}
        self.terminators = PhraseMatcher(nlp.vocab, attr="NORM")
        """One matcher for every category's terminators, keyed `stop_<category>` (one pass over
        the message, not one a category)."""
        self.terminator_categories = sorted(categories)
        self.terminator_keys = [
            (c, nlp.vocab.strings[f"stop_{c}"]) for c in self.terminator_categories
        ]
        """Each category with its terminators' match id, in `terminator_categories` order."""
        kept = data.get("terminators_except", {})
        referents = data.get("referents", {})
        first_person_verbs = referents.get("first_person_verbs", [])
        not_own = frozenset(
            [*referents.get("third_person_verbs", []), *referents.get("perception_verbs", [])]
        )  # "tomaba" is either person; "la escucho vomitar": the one heard does it
        for category in self.terminator_categories:
            extra = terms.get(category, [])
            words = [
                w
                for w in [*terms["all"], *(extra if isinstance(extra, list) else [])]
                if w not in kept.get(category, [])
            ]  # "my nephew just started": 'just' ends no loved one's reach
            if category == "family":  # "mi esposo se enoja si vuelvo a apostar": the writer's
                words += [w for w in first_person_verbs if w not in not_own]
            if words:
                self.terminators.add(f"stop_{category}", [nlp.make_doc(w) for w in words])
        self.comma_terminates = frozenset(data.get("comma_terminates", []))
        self.never_past = frozenset(data.get("never_past", []))
        self.past_if_negated_codes = frozenset(data.get("past_if_negated_codes", []))
        self.bare_family = frozenset(data.get("bare_family_nouns", []))
        self.bare_scope = 12
        self.transfer_verbs = frozenset(data.get("transfer_verbs", []))
        self.sentence_breaks = frozenset(data.get("sentence_breaks", [".", "!", "?"]))
        self.sentence_openers = frozenset(data.get("sentence_openers", []))
        """Marks that open a sentence ("¿", "¡"): a new one starts at them, not after them."""
        referents = data.get("referents", {})
        self.max_back = int(referents.get("max_back", 20))
        self.first_person = frozenset(
            [*referents.get("first_person", []), *referents.get("first_person_verbs", [])]
        )
        self.third_person = frozenset(
            [*referents.get("third_person", []), *referents.get("third_person_verbs", [])]
        )
        self.object_pronouns = frozenset(referents.get("object_pronouns", []))
        self.finds = frozenset(referents.get("finds", []))
        """Words for finding a concern's traces ("found laxatives"): a loved one's once named."""
        self.perception_verbs = frozenset(referents.get("perception_verbs", []))
        self.their_clitics = frozenset(referents.get("their_clitics", []))
        self.opinion_verbs = frozenset(referents.get("opinion_verbs", []))
        """Verbs of guessing ("i think it's coke"): the writer's guess is about a loved one."""
        self.first_person_verbs = frozenset(referents.get("first_person_verbs", []))
        self.third_person_verbs = frozenset(referents.get("third_person_verbs", []))
        self.clause_verbs = frozenset(referents.get("clause_verbs", []))
        self.indefinite = frozenset(referents.get("indefinite", []))
        self.indefinite_who = frozenset(referents.get("indefinite_who", []))
        self.needs_possessive = frozenset(referents.get("needs_possessive", []))
        self.possessives = frozenset(w.lower() for w in lists.get("POSS", []))
        self.own_codes = frozenset(referents.get("own_codes", []))
        family_nouns = [w.lower() for w in lists.get("FAMILY", [])]
        self.family_words = frozenset([*family_nouns, *(w + "s" for w in family_nouns)])
        longest_scope = max([self.bare_scope, *(spec["max_scope"] for spec in self.specs)])
        self.reach = longest_scope + TRIGGER_TOKENS + TRANSFER_WINDOW
        """How far from a concern a trigger that reaches it can lie (tokens)."""

    def find_triggers(
        self, doc: Doc, windows: list[tuple[int, int]] | None = None
    ) -> list[Trigger]:
        """The triggers in `doc` (or in its token ranges `windows`), with pseudo-triggers and
        guarded ones removed (linear time)."""
        found: list[Trigger] = []
        views = token_views(doc)
        windows = windows if windows is not None else [(0, len(doc))]
        forms = doc_forms(doc)
        matches = [
            m
            for a, b in windows
            for m in [
                *_phrases_in(self.phrases, doc, a, b),
                *((i, a + s, a + e) for i, s, e in self.matcher(_part(doc, a, b), forms)),
            ]
        ]
        for match_id, start, end in matches:
            spec = self.specs[int(doc.vocab.strings[match_id].removeprefix("trigger"))]
            prev = _first_word(views[start - 1].norm) if start > 0 else ""
            nxt = _first_word(views[end].norm) if end < len(views) else ""
            if prev in spec["unless_prev"] or nxt in spec["unless_next"]:
                continue
            if (
                spec["opens_clause"]
                and start > 0
                and not (views[start - 1].punct or views[start - 1].newline)
            ):
                continue  # "hace un año mi hermana...": a date; not "llegué hace un año"
            if (
                spec["category"] == "family"
                and end - start == 1
                and self._family_word(views[start])
                and not self._names_loved_one(views, start)
            ):
                continue  # "MA meetings", "a mil": a word that names a loved one only after "my"
            if (
                spec["category"] == "family"
                and end - start > 1
                and views[end - 2].lower == "de"
                and self._needs_possessive(views[end - 1])
            ):
                continue  # "abusaron de mi de niña": 'de niña' is 'as a girl', no loved one
            if (
                spec["category"] == "family"
                and views[start].lower == "their"
                and nxt in THERE_VERBS
            ):
                continue  # "their are grief groups": "there", no one's
            scope = spec["max_scope"]
            if (
                spec["category"] == "family"
                and end - start == 1
                and views[start].lower in POSSESSOR_PRONOUNS
            ):
                scope = min(scope, 2)  # "his drinking"; not "raising his girl, can't switch off"
            if (
                spec["category"] == "family"
                and self._family_word(views[end - 1])
                and self._owns(views, end - 1)
            ):
                scope = min(scope, 1)  # "my nan's card and the pokies": hers is the card only
            if spec["category"] == "family":
                scope = min(scope, _to_closing_quote(views, start, end, scope))
            if spec["category"] == "family" and _spanish_he(views, start, end):
                continue  # "me he aficionado al vino": "I have", no loved one
            if spec["category"] == "family" and self._company(views, start, end):
                continue  # "at a shelter w my 2 kids, trying to stay off the rock": company
            found.append(
                Trigger(spec["category"], spec["direction"], scope, start, end, spec["codes"])
            )
        found.extend(self._bare_family_nouns(doc, windows))
        index = TriggerIndex(found)
        hypothetical = index.category("hypothetical")
        pseudo = index.category("negated_pseudo")
        kept = []
        for t in found:
            if t.category == "negated_pseudo":
                continue
            if t.category == "relapse" and any(
                h.end <= t.start <= h.end + h.max_scope + 2
                for h in hypothetical.ending_in(t.start - hypothetical.max_scope - 2, t.start)
            ):
                continue  # "the thought of drinking again": no relapse
            if t.category == "negated" and any(
                p.start <= t.start and t.end <= p.end for p in pseudo.around(t.start, t.end)
            ):
                continue
            if any(
                o.direction == t.direction
                and o is not t
                and o.start <= t.start
                and t.end <= o.end
                and (o.end - o.start) > (t.end - t.start)
                for o in index.category(t.category).around(t.start, t.end)
            ):
                continue  # a longer trigger of the same kind covers this one
            kept.append(t)
        return kept

    def _bare_family_nouns(self, doc: Doc, windows: list[tuple[int, int]]) -> list[Trigger]:
        """ "Daughter struggling with anorexia": a loved one named first in a clause, no "my"."""
        views = token_views(doc)
        return [
            Trigger("family", "forward", self.bare_scope, i, i + 1)
            for a, b in windows
            for i in range(a, b)
            if (views[i].lower in self.bare_family or views[i].norm in self.bare_family)
            and (i == 0 or views[i - 1].punct)
            and not self._describes_writer(views, i)
            and not _spanish_son(views, i)
        ]

    def _windows(self, doc: Doc, spans: list[Span]) -> list[tuple[int, int]]:
        """The token ranges a trigger reaching one of `spans` can lie in, merged: triggers far
        from every concern are never looked for."""
        reach = self.reach
        windows: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: s.start):
            lo, hi = max(0, span.start - reach), min(len(doc), span.end + reach)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
        return windows

    def __call__(self, doc: Doc) -> Doc:
        """Set negation, experiencer and status on every concern span."""
        spans = list(doc.spans.get(SPAN_KEY, []))
        if not spans:
            return doc
        windows = self._windows(doc, spans)
        index = TriggerIndex(self.find_triggers(doc, windows))
        starts = {s.start for s in spans}
        views = token_views(doc)
        all_commas = [i for i, t in enumerate(views) if t.text == ","]
        list_commas = [
            i
            for i in all_commas
            if i + 1 not in starts or views[i + 1].lower in self.first_person_verbs
        ]  # "don't drink, smoke or" goes on; "no tengo tiempo, lloro..." is a new clause
        ends = self._terminators(doc, windows)
        stops: dict[str, list[int]] = {}
        for category, positions in ends.items():
            if category in self.comma_terminates:
                commas = list_commas if category == "negated" else all_commas
                positions = sorted({*positions, *commas})
            stops[category] = positions
        sentence = self._sentence_ids(views)
        said = [
            i for i in ends["family"] if views[i].lower not in self.object_pronouns
        ]  # "but", "says", "worried about" end a loved one's reach; commas do not here
        family_words = self.family_words  # tested inline first: most words name no one
        first_family = next(
            (
                i
                for i, t in enumerate(views)
                if (t.lower in family_words or t.norm in family_words)
                and self._names_loved_one(views, i)
                and not self._writer_role(views, i)
            ),
            len(views),
        )  # a loved one named before a "he", "she" or "toma" makes them that loved one
        unsettled: list[Span] = []
        scene = _Scene(
            sentence,
            frozenset(sentence[s.start] for s in spans if s.label_ not in self.never_past),
            [(s.start, s.end) for s in spans if s._.fs_self_only and s.label_ in self.own_codes],
        )
        topical = bool(index.category("topic").items)
        for span in spans:
            self._qualify(doc, span, index, stops, scene)
            if topical and span._.fs_weak == "fellowship":
                span._.fs_topic = True  # "my dissertation on naloxone... NA groups": the topic's
            if span._.fs_self_only and span.label_ in self.own_codes:
                if self._griever(doc, views, span, sentence, first_family, said) == "family":
                    span._.fs_experiencer = "family"  # "mi mamá no sale desde que murió mi abuela"
                continue
            if span._.fs_self_only or span._.fs_both or span.label_ in self.own_codes:
                continue
            verb = self._verb_person(views, span, first_family)
            if verb is not None:  # "bebo demasiado", "cuando toma": the verb says whose
                span._.fs_experiencer = verb
                continue
            if span._.fs_experiencer == "family" or self._owned(index, span, stops):
                continue  # "nicking my flatmate's adderall": the writer's, whoever's pills
            # a loss names who died, not whose a concern is; a drug is left out ("lost my son
            # to heroin" was his)
            losses = [] if span.label_ in self.past_if_negated_codes else scene.losses
            person = self._nearest_person(views, span, sentence, first_family, said, losses)
            if person == "family":
                span._.fs_experiencer = "family"
            elif person is None:
                unsettled.append(span)
        if first_family < len(views):
            groups = [
                *((t, True) for t in index.category("for_them").items),
                *(
                    (t, False)
                    for t in index.category("family_group").items
                    if views[t.start].lower in ("for", "para")
                ),
            ]  # "a depression support group for her", "grupo de veteranos para familias"
            for t, any_code in groups:
                for span in spans:  # not "grupos de duelo para familias": the writer grieves
                    if (
                        (any_code or span.label_ not in self.own_codes)
                        and sentence[span.start] == sentence[t.start]
                        and span.start < t.end
                        and t.start - span.end <= FOR_THEM_LEAD
                        and not span._.fs_negated
                    ):
                        span._.fs_experiencer = "family"
                        span._.fs_both = False
        if index.category("for_them").items and first_family < len(views):
            for span in spans:  # "... hay grupos de duelo pa ella?": a loss of the loved one's
                if span.label_ in self.own_codes and span._.fs_experiencer == "self":
                    span._.fs_experiencer = "family"
            for span in unsettled:
                span._.fs_experiencer = "family"
            unsettled = []
        if index.category("family_group").items and any(
            s._.fs_experiencer == "family" for s in spans
        ):  # "... anything for the families?": the loved one's, unless a word says the writer's
            for span in unsettled:
                span._.fs_experiencer = "family"
        for echo in self._echoes(views, sentence):
            for span in spans:  # "xanax a diario... mi novio igual.": theirs too
                if (
                    span.end <= echo
                    and sentence[echo] - sentence[span.start] <= 1
                    and span._.fs_experiencer == "self"
                    and not span._.fs_negated
                    and not span._.fs_self_only
                    and span.label_ not in self.own_codes
                ):
                    span._.fs_both = True
        theirs = {
            (s.label_, s._.fs_status)
            for s in spans
            if s._.fs_experiencer == "family" and not s._.fs_negated
        }
        for span in unsettled:  # "My dad has PTSD. Nightmares...": the same concern, the same one
            if (span.label_, span._.fs_status) in theirs:  # not "4 years sober. My son drinks"
                span._.fs_experiencer = "family"
        return doc

    def _echoes(self, views: list[TokenView], sentence: list[int]) -> list[int]:
        """Where a loved one is said alone as an echo of the words before ("mi novio igual.",
        "and my husband too", "my dad as well"): a clause of only the loved one and an echo."""
        found = []
        family_words = self.family_words  # tested inline first: most words name no one
        for i, token in enumerate(views):
            if token.lower not in family_words and token.norm not in family_words:
                continue
            if not self._names_loved_one(views, i):
                continue
            j = i + 1
            if j < len(views) and views[j].lower in ECHO_WORDS:
                j += 1
            elif j + 1 < len(views) and (views[j].lower, views[j + 1].lower) == ("as", "well"):
                j += 2
            else:
                continue
            if j < len(views) and not (views[j].punct or sentence[j] != sentence[i]):
                continue  # "my husband too drinks...": not an echo
            k = i - 1
            if k >= 0 and views[k].lower in self.possessives:
                k -= 1
            if k < 0 or views[k].lower in ECHO_LEAD or views[k].punct or sentence[k] != sentence[i]:
                found.append(i)
        return found

    def _terminators(self, doc: Doc, windows: list[tuple[int, int]]) -> dict[str, list[int]]:
        """For each trigger category, where its terminators start inside `windows`, sorted."""
        starts: dict[int, set[int]] = {}  # by match id: a message has some 90 matches
        for a, b in windows:
            for match_id, s, _ in _phrases_in(self.terminators, doc, a, b):
                starts.setdefault(match_id, set()).add(s)
        return {category: sorted(starts.get(key, ())) for category, key in self.terminator_keys}

    def _owned(self, index: TriggerIndex, span: Span, stops: dict[str, list[int]]) -> bool:
        """Whether an "own" trigger ("my drinking") reaches the concern."""
        near = index.category("own").around(span.start, span.end)
        return any(self._applies(t, span, stops.get("own", [])) for t in near)

    def _verb_person(self, views: list[TokenView], span: Span, first_family: int) -> str | None:
        """A verb in the concern's own words, or just before them, says whose it is ("bebo
        demasiado", "volví a fumar": the writer's; "toma mucho", "anda fumando": a loved one's,
        once one is named)."""
        if views[span.start].lower in ("i", "yo"):
            return "self"  # "I eat whole packets": the concern's words begin with its subject
        lo = max(0, span.start - 2)
        linked = lo < span.start and views[span.start - 1].lower in ("a", "al", "de")
        before = [lo] if linked and lo < span.start - 1 else [] if linked else [span.start - 1]
        before = [
            i for i in before if i >= 0 and views[i].lower not in self.perception_verbs
        ]  # "volví a fumar", "anda fumando"; not "la escucho vomitar"
        for i in [*before, *range(span.start, span.end)]:
            token = views[i]
            if token.lower in self.first_person_verbs and token.lower in self.third_person_verbs:
                continue  # "consumía", "tomaba": "I" or "he" alike, the nearest person says
            if (
                token.lower in self.first_person_verbs
                and i > 0
                and views[i - 1].lower in SPANISH_ARTICLES
            ):
                continue  # "un problema con el juego": a noun, no "I play"
            if token.lower in self.first_person_verbs:
                return "self"
            if token.lower in self.third_person_verbs and first_family < span.start:
                return "family"
        return None

    def _names_loved_one(self, views: list[TokenView], i: int) -> bool:
        """Whether token `i` names a loved one: a loved one's noun, after "my" for the words that
        need it ("mi mujer", "my mates"; not "soy mujer", "mates" for maths)."""
        token = views[i]
        if not self._family_word(token) or _spanish_son(views, i):
            return False
        return not self._needs_possessive(token) or (
            i > 0 and views[i - 1].lower in self.possessives
        )

    def _needs_possessive(self, token: TokenView) -> bool:
        """Whether a word names a loved one only after "my" ("mi mujer", "mis compañeros"; not
        "soy mujer", "vi caer compañeros")."""
        return token.lower in self.needs_possessive or (
            token.lower.removesuffix("s") in self.needs_possessive
        )

    def _family_word(self, token: TokenView) -> bool:
        """Whether a token names a loved one ("dad", "dads", "mi hermano")."""
        return token.lower in self.family_words or token.norm in self.family_words

    def _nearest_person(
        self,
        views: list[TokenView],
        span: Span,
        sentence: list[int],
        first_family: int,
        said: list[int],
        losses: list[tuple[int, int]],
    ) -> str | None:
        """Whose a concern is by the nearest person named before it in its sentence, when no
        trigger said: "self" for a subject pronoun or first-person verb ("i", "my", "bebo"),
        "family" for a loved one's noun, or for a third-person pronoun or verb ("he", "toma")
        once a loved one has been named; object pronouns ("me") say nothing (a bounded look).
        A verb in the concern's own words says it first ("bebo demasiado", "toma mucho")."""
        start = span.start
        after = views[span.end].lower if span.end < len(views) else ""
        if start > 0 and views[start - 1].text == "," and after in self.clause_verbs:
            return None  # "..., depression is bad": a new clause about the concern itself
        quoted = False
        for i in range(start - 1, max(-1, start - 1 - self.max_back), -1):
            if any(a <= i < b for a, b in losses):
                continue  # "since my wife passed the flashbacks are back": who died, not whose
            token = views[i]
            if token.text in QUOTES:
                quoted = not quoted
            if quoted or token.text in QUOTES:
                continue  # "'mama just killed a man' at karaoke, then the pokies": words quoted
            if (
                0 < i < start - 1
                and first_family < i - 1
                and views[i - 1].lower == "i"
                and token.lower in self.opinion_verbs
                and sentence[i] == sentence[start]
            ):
                return "family"  # "my son... i think it's ketamine": a guess about him
            if sentence[i] != sentence[start]:
                return None
            if (
                token.lower in self.first_person_verbs
                and i > 0
                and views[i - 1].lower in SPANISH_ARTICLES
            ):
                continue  # "problemas con el juego, sports betting": a noun, no "I play"
            if self._blocked(said, i, i + 1):  # "I'm 68, sober 30 years": a subject "I" says whose
                near = start - i <= SUBJECT_REACH
                mine = token.lower in SUBJECT_I or (
                    token.lower in self.first_person_verbs
                    and token.lower not in self.perception_verbs
                )
                return "self" if near and mine else None  # "necesito quitarme la nicotina"
            if (
                token.lower in self.perception_verbs
                and i > 0
                and views[i - 1].lower in self.their_clitics
                and first_family < i
            ):
                return "family"  # "la escucho vomitar": the one heard does it
            if _spanish_he(views, i, i + 1):
                return "self"  # "me he aficionado al vino": "he" is "I have"
            loved_at = i + 1 if token.lower in self.possessives and i + 1 < start else i
            if self._family_word(views[loved_at]) and self._possessor(views, loved_at, start):
                continue  # "my mum's card", "my moms cooking is...": an owner, not a subject
            if self._names_loved_one(views, loved_at) and self._company(views, i, loved_at + 1):
                continue  # "going fishing w my boy, then drink after": company, not whose
            if token.lower in self.first_person or token.norm in self.first_person:
                loved = token.lower in self.possessives and self._family_word(views[i + 1])
                return "family" if i + 1 < start and loved else "self"  # "my dad", not "soy mujer"
            previous = views[i - 1].lower if i > 0 else ""
            owner = views[i - 2].lower if previous == "old" and i > 1 else previous  # "my old man"
            if (
                self._family_word(token)
                and not _spanish_son(views, i)
                and (
                    previous not in self.indefinite
                    or views[i + 1].lower in self.indefinite_who  # "a husband who gambles"
                )
                and (not self._needs_possessive(token) or owner in self.possessives)
                and views[i + 1].text != "-"
                and not self._describes_writer(views, i)
            ):  # "my dad", "dads": not "as a kid", "ex-smoker"; "dad here" is the writer
                return "self" if views[i + 1].lower in ("here", "aquí", "aqui") else "family"
            if token.lower in POSSESSOR_PRONOUNS and i + 2 < start:
                continue  # "raising his little girl and can't switch off": a possessor
            if (
                token.lower == "es"
                and i > 1
                and views[i - 1].lower in self.first_person_verbs
                and views[i - 2].lower == "que"
            ):
                return "self"  # "lo que necesito es un grupo para dejar de fumar": the writer's
            if first_family < i and (token.lower in self.third_person or token.lower in self.finds):
                return "family"
            if (
                first_family < i
                and token.lower in self.third_person_verbs
                and token.lower not in self.first_person_verbs
            ):
                return "family"  # "mi novia... tiene un problema con el juego": hers
            if (
                first_family < i
                and token.lower == "el"
                and i + 1 < start
                and views[i + 1].lower in self.third_person_verbs
                and views[i + 1].lower not in self.first_person_verbs
            ):
                return "family"  # "el quiere dejar de vapear": "él" written without its accent
        return None

    def _griever(
        self,
        doc: Doc,
        views: list[TokenView],
        span: Span,
        sentence: list[int],
        first_family: int,
        said: list[int],
    ) -> str | None:
        """Whose a death is to grieve when a link ties it to a clause: the person of that clause,
        before it ("mi mamá está deprimida desde que murió mi abuela") or, when the death opens
        the sentence, after it ("since Dad died she's been drinking"); None when no link."""
        start = span.start
        if views[start].lower in GRIEF_LINKS:
            link = start
        elif start > 0 and views[start - 1].lower in GRIEF_LINKS:
            link = start - 1
        elif (
            start > 1
            and views[start - 1].lower in ("que", "q")
            and (views[start - 2].lower in GRIEF_LINKS)
        ):
            link = start - 2
        else:
            return None
        before = self._nearest_person(views, doc[link : span.end], sentence, first_family, said, [])
        if before is not None or (link > 0 and sentence[link - 1] == sentence[link]):
            return before
        for i in range(span.end, min(len(views), span.end + 8)):
            token = views[i]
            if sentence[i] != sentence[start]:
                return None
            loved = self._names_loved_one(views, i) or (
                token.lower in self.possessives
                and i + 1 < len(views)
                and (self._names_loved_one(views, i + 1))
            )
            if loved or (first_family < i and token.lower in self.third_person):
                return "family"  # "since Dad died she's been drinking": hers
            if token.lower in self.first_person:
                return None
        return None

    def _possessor(self, views: list[TokenView], i: int, start: int) -> bool:
        """Whether the loved one at token `i` only owns a thing named before the concern at
        `start` ("my mum's card", "my moms cooking is gonna kill me before the wine does"), and
        so is not whose the concern is ("my dad's been drinking" is his)."""
        return i + 3 < start and self._owns(views, i)  # not "my son's drinking": his

    @staticmethod
    def _owns(views: list[TokenView], i: int) -> bool:
        """Whether the loved one at token `i` is followed by a thing they own ("nan's card",
        "dads snoring is"), not by what they are or have done ("dad's been")."""
        if i + 2 >= len(views):
            return False
        after = views[i + 1].lower
        if after in APOSTROPHE_S:
            owned = views[i + 2].lower
            if i + 3 < len(views) and views[i + 3].lower in SPAN_OF_TIME:
                return False  # "my son's two years clean": he is
            return (
                owned not in NOT_POSSESSED
                and owned not in THEIR_TROUBLE
                and not owned.endswith(("ing", "ed"))  # "my wife's pissing it away", "hooked"
                and views[i + 2].alpha
            )
        placed = i > 1 and views[i - 2].lower in PLACE_WORDS  # "at my cousins wedding"
        placed = placed or views[i + 1].lower in OWNED_THINGS  # "using my mums card on slots"
        return (
            views[i].lower.endswith("s")
            and after not in NOT_POSSESSED
            and views[i + 1].alpha
            and (views[i + 2].lower in POSSESSED_THEN or placed)
        )

    def _company(self, views: list[TokenView], start: int, end: int) -> bool:
        """Whether the loved one named at [start, end) is company after "with" ("w my 2 kids",
        "con mi hijo"), not a subject; not when the words go on about them ("with my son who
        drinks")."""
        k = start
        if k > 1 and views[k - 1].like_num:
            k -= 1  # "w my 2 kids"
        if views[k].lower not in self.possessives:
            if k > 0 and (views[k - 1].lower in self.possessives or views[k - 1].lower == "the"):
                k -= 1  # "con mi hijo", "with the kids"
            elif k == start:
                k = -1  # no "my", "the" or count: not company ("home with 3 kids" is)
        if k < 1 or views[k - 1].lower not in COMPANY:
            return False
        after = views[end].lower if end < len(views) else ""
        return after not in self.indefinite_who and after not in ("'s", "’s", "s")

    def _writer_role(self, views: list[TokenView], i: int) -> bool:
        """ "Dad of a newborn. I check she's breathing": the writer's own role names no loved
        one for a "she" after it (English "of" only: "mi patojo de 17" is an age)."""
        return (
            i + 1 < len(views)
            and views[i + 1].lower == "of"
            and (i == 0 or views[i - 1].lower not in self.possessives)
            and self._describes_writer(views, i)
        )

    @staticmethod
    def _describes_writer(views: list[TokenView], i: int) -> bool:
        """ "Mum of 3", "dad of a newborn", "madre de dos": the writer's own role, no loved one."""
        if i + 2 >= len(views) or views[i + 1].lower not in ("of", "de"):
            return False
        count = views[i + 2]
        child = {v.lower for v in views[i + 3 : i + 8]}  # "dad of a 20 yr old who's using"
        return (count.like_num or count.lower in WRITER_COUNTS) and not child & RELATIVES

    def _sentence_ids(self, views: list[TokenView]) -> list[int]:
        """A sentence number for every token (split at sentence punctuation and newlines)."""
        ids, current, fresh = [], 0, True
        for token in views:
            if token.norm in self.sentence_openers and not fresh:
                current += 1  # "... bueno, ¿tienen grupos para ansiedad?": a new question
            ids.append(current)
            fresh = token.norm in self.sentence_breaks or token.newline
            current += fresh
        return ids

    @staticmethod
    def _blocked(positions: list[int], lo: int, hi: int) -> bool:
        """Whether a terminator starts in the token range [lo, hi)."""
        i = bisect_left(positions, lo)
        return i < len(positions) and positions[i] < hi

    def _applies(self, t: Trigger, span: Span, stops: list[int]) -> bool:
        """Whether trigger `t` reaches concern `span` (direction, scope, no terminator between)."""
        if t.start < span.end and span.start < t.end:
            if t.direction == "forward" and span.start < t.start and t.category not in _PEOPLE:
                return False  # "can't turn my brain off": a forward word inside a concern
            return t.category != "negated"  # "things that aren't there" is not negated
        if t.direction in ("forward", "bidirectional") and span.start >= t.end:
            gap = span.start - t.end
            if gap <= t.max_scope and not self._blocked(stops, t.end, span.start):
                return True
        if t.direction in ("backward", "bidirectional") and span.end <= t.start:
            gap = t.start - span.end
            if gap <= t.max_scope and not self._blocked(stops, span.end, t.start):
                return True
        return False

    def _qualify(self, doc: Doc, span: Span, index: TriggerIndex, stops: dict[str, list[int]],
                 scene: _Scene) -> None:  # fmt: skip
        """Decide negation, experiencer and status for one concern."""
        sentence = scene.sentence

        def hits(category: str) -> list[Trigger]:
            """The triggers of one category that reach this concern (only those near it are
            looked at: a trigger reaches at most its max_scope tokens)."""
            near = index.category(category)
            if not near.items:
                return []  # most categories have no trigger in a message
            if category == "relapse":
                return [
                    t
                    for t in near.around(span.start, span.end)
                    if scene.relapse_reaches(t.start, span.start)
                    and self._applies(t, span, [])
                    and not self._said_of_another(doc, t, span)
                ]
            cat_stops = stops.get(category, [])
            reach = near.around(span.start, span.end)
            return [
                t
                for t in reach
                if (t.codes is None or span.label_ in t.codes) and self._applies(t, span, cat_stops)
            ]

        if hits("own_claim"):
            span._.fs_self_only = True  # "la que tiene ataques de pánico soy yo": the writer's
        negated = bool(hits("negated"))
        well = bool(hits("well_now")) and not hits("family")  # "hoy estoy bien": the writer's
        past = (
            bool(hits("past"))
            or well
            or (
                negated
                and span.label_ in self.past_if_negated_codes
                and bool(hits("past_if_negated"))
            )
        )
        if negated and (past or hits("early_days")):
            negated = False  # "I don't drink anymore", "no weed for 30 days": in recovery
        if negated and hits("self_affirm"):
            negated = False  # "nobody in my family uses drugs but I do"
        if not negated and hits("other_person") and not hits("family"):
            negated = True  # "a guy at work overdosed": nobody the person is close to
        if hits("topic") or hits("unlived"):
            span._.fs_topic = bool(hits("topic"))
            negated = True  # "watched a doco on the opioid crisis": a topic, nobody's concern;
            # "se suicidó antes de que yo naciera": a loss the writer never lived
        span._.fs_negated = negated
        if negated:
            span._.fs_transfer_family = self._transfers(doc, span, index, sentence)
        if span._.fs_experiencer != "family" and not span._.fs_self_only:
            family = [t for t in hits("family") if not scene.in_loss(t)]
            inside = any(t.start < span.end and span.start < t.end for t in family)
            if hits("both"):
                span._.fs_both = True
            elif family and (inside or not hits("own")):
                span._.fs_experiencer = "family"  # but "worried about my drinking" is the person's
        span._.fs_hypothetical = bool(hits("hypothetical"))
        relapse = bool(hits("relapse")) and not span._.fs_hypothetical
        early = bool(hits("early_days")) and not index.category("resolved").items
        current = bool(hits("current") or hits("current_after"))
        span._.fs_current_said = relapse or current or early
        if span.label_ in self.never_past or relapse or early:  # "day 2 off the grog": withdrawal
            span._.fs_status = "current"
        elif hits("treated") or (hits("craving") and index.category("past").items):
            span._.fs_status = "past"  # "still on methadone"; "could murder a pint, 4 yrs off it"
            span._.fs_current_said = False
        elif span._.fs_status != "past" and past and not current:
            span._.fs_status = "past"

    @staticmethod
    def _said_of_another(doc: Doc, t: Trigger, span: Span) -> bool:
        """Whether an "again" after its clause follows another concern at once ("off the benzos,
        but my nerves are bad again"): the return is that concern's, not this one's."""
        if t.start < span.end or doc[t.start].lower_ not in AGAIN_WORDS:
            return False
        return any(
            other.label_ != span.label_
            and span.end <= other.start
            and 0 <= t.start - other.end <= 1
            for other in doc.spans[SPAN_KEY]
        )

    def _transfers(self, doc: Doc, span: Span, index: TriggerIndex, sentence: list[int]) -> bool:
        """ "I don't gamble, my dad does": a negated concern that a loved one has instead."""
        family = index.category("family")
        for t in family.starting_in(span.end, span.end + TRANSFER_WINDOW):
            if sentence[t.start] != sentence[span.start]:
                break
            following = [_first_word(tok.norm) for tok in token_views(doc)[t.end : t.end + 2]]
            named = any(
                t.end <= s.start <= t.end + 3
                and s.label_ != span.label_
                and sentence[s.start] == sentence[t.start]
                for s in doc.spans[SPAN_KEY]
            )  # "I don't drink, the problem is my dad's betting": his is the betting only
            denied = following[1:2] in (["not"], ["never"])  # "..., she didn't make it"
            if any(word in self.transfer_verbs for word in following) and not named and not denied:
                return True
        return False


@Language.factory(
    "firststep_context",
    default_config={"data": "context.json", "lists": "concerns.json"},
)
def make_context(nlp: Language, name: str, data: str, lists: str) -> ContextAnnotator:
    """Build the ConText annotator from its data file (lists shared with the concern lexicon)."""
    return ContextAnnotator(nlp, load_data(data), load_data(lists).get("lists", {}))

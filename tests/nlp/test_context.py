"""Negation, family experiencer and past status (the ConText component)."""

from __future__ import annotations

import pytest

from nlp import Parser
from nlp.components.concerns import MAX_MENTIONS_PER_CODE, SPAN_KEY
from nlp.components.context import TRIGGER_TOKENS, ContextAnnotator
from nlp.resources import load_data
from tests.nlp.conftest import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't use meth, I drink", {("alcohol", "self", "current")}),
        ("No gambling here, just the bottle every night", {("alcohol", "self", "current")}),
        ("I never smoked weed but I can't stop drinking", {("alcohol", "self", "current")}),
        ("cocaine isn't the problem, the booze is", {("alcohol", "self", "current")}),
    ],
)
def test_negation_is_bounded_by_clause(parser: Parser, text: str, expected: set) -> None:
    """A negation reaches its clause only ("but", commas, "my problem is" end it)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my stepdad drinks and hits the wall", {("alcohol", "family", "current")}),
        ("Our daughter is on fentanyl", {("opioids", "family", "current")}),
        ("she gambles, I don't", {("gambling", "family", "current")}),
        ("I don't drink but my wife does", {("alcohol", "family", "current")}),
        (
            "my husband uses cocaine and I drink to cope",
            {("stimulants", "family", "current"), ("alcohol", "self", "current")},
        ),
        ("my grandmother died and I cannot stop crying", {("grief", "self", "current")}),
    ],
)
def test_family_experiencer(parser: Parser, text: str, expected: set) -> None:
    """A loved one's concern is `family`; grief over a loved one's death is the person's own."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I used to gamble", {("gambling", "self", "past")}),
        ("two years clean off heroin", {("opioids", "self", "past")}),
        ("I quit drinking in 2015", {("alcohol", "self", "past")}),
        ("I want to quit drinking", {("alcohol", "self", "current")}),
        ("I quit meth but I relapsed last week", {("stimulants", "self", "current")}),
        ("I don't smoke anymore", {("tobacco", "self", "past")}),
    ],
)
def test_past_and_current(parser: Parser, text: str, expected: set) -> None:
    """Recovery and the past give `past`; wanting to stop or relapsing keeps it `current`."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My husband is worried about my drinking", {("alcohol", "self", "current")}),
        ("I am married to an alcoholic", {("alcohol", "family", "current")}),
        ("I grew up with an alcoholic father", {("alcohol", "family", "past")}),
        (
            "my friends all drink and I do too",
            {("alcohol", "self", "current"), ("alcohol", "family", "current")},
        ),
        ("Daughter struggling with anorexia", {("eating", "family", "current")}),
    ],
)
def test_whose_concern(parser: Parser, text: str, expected: set) -> None:
    """ "my drinking" is the person's even when a loved one is the subject; "married to" is not."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ex-smoker", {("tobacco", "self", "past")}),
        ("I had a drinking problem", {("alcohol", "self", "past")}),
        ("I relapsed after 3 years clean", {("other_drugs", "self", "current")}),
        (
            "I am a recovering addict and my son now drinks",
            {("other_drugs", "self", "past"), ("alcohol", "family", "current")},
        ),
    ],
)
def test_recovery_words(parser: Parser, text: str, expected: set) -> None:
    """Unnamed recovery ("recovering addict", "years clean") counts only when nothing is named."""
    assert found(parser, text) == expected


def _pattern_longest(pattern: list[dict]) -> int:
    """The most tokens a spaCy token pattern can match."""
    longest = 0
    for spec in pattern:
        op = spec.get("OP", "1")
        if op in ("*", "+"):
            return 10**6
        if op.startswith("{"):
            longest += int(op.strip("{}").split(",")[-1])
        elif op != "!":
            longest += 1
    return longest


def test_every_trigger_fits_the_window_a_concern_looks_in(parser: Parser) -> None:
    """Triggers are looked for only near concerns: none may be longer than TRIGGER_TOKENS, or
    a long one would be missed at the edge of the window."""
    data = load_data("context.json")
    for spec in data["triggers"]:
        for term in spec.get("terms", []):
            assert len(parser.nlp.make_doc(term)) <= TRIGGER_TOKENS, term
        for pattern in spec.get("patterns", []):
            assert _pattern_longest(pattern) <= TRIGGER_TOKENS, pattern


@pytest.mark.parametrize(
    "piece",
    ["not my dad uses heroin ", "my mom drinks, ", "no weed no coke no pills ", "i don't drink. "],
)
def test_context_work_grows_linearly(
    parser: Parser, monkeypatch: pytest.MonkeyPatch, piece: str
) -> None:
    """The ConText step compares a concern only with the triggers near it: four times the text
    costs at most four times the comparisons (it was concerns x triggers, 0.5 s at 4,096
    characters), and the repeated text says the same as one piece."""
    calls = 0
    real = ContextAnnotator._applies

    def counting(self: ContextAnnotator, *args: object) -> bool:
        nonlocal calls
        calls += 1
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ContextAnnotator, "_applies", counting)
    counts = []
    for times in (10, 40, 160):
        calls = 0
        result = {(c.code, c.experiencer, c.status) for c in parser.parse(piece * times).concerns}
        counts.append(calls)
        assert result == found(parser, piece)
    assert counts[1] <= 4 * counts[0] and counts[2] <= 4 * counts[1], counts


def test_mentions_of_one_code_are_capped(parser: Parser) -> None:
    """A message keeps at most MAX_MENTIONS_PER_CODE mentions of one code, the first ones."""
    doc = parser.nlp("i drink. " * 300 + "i gamble")
    labels = [span.label_ for span in doc.spans[SPAN_KEY]]
    assert labels.count("alcohol") == MAX_MENTIONS_PER_CODE
    assert labels[-1] == "gambling"


def test_triggers_found_in_windows_are_those_of_the_whole_message(parser: Parser) -> None:
    """Looking for triggers only around concerns finds them at the same positions as a look at
    the whole message (spaCy's Matcher and PhraseMatcher count a span's positions differently)."""
    text = "the weather was nice. " * 30 + "my dad drinks, i don't smoke anymore. " * 3
    doc = parser.nlp(text)
    context = parser.nlp.get_pipe("firststep_context")
    assert isinstance(context, ContextAnnotator)
    windows = context._windows(doc, list(doc.spans[SPAN_KEY]))
    assert windows and windows[0][0] > 0
    inside = {
        t
        for t in context.find_triggers(doc)
        if any(a <= t.start and t.end <= b for a, b in windows)
    }
    assert set(context.find_triggers(doc, windows)) == inside
    assert {t.category for t in inside} >= {"family", "negated", "past_if_negated"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my mom has been so depressed", {("depression", "family", "current")}),
        (
            "is there something for people whose dad drinks? im 16",
            {("alcohol", "family", "current")},
        ),
        ("dads gambling again", {("gambling", "family", "current")}),
        ("my sister, she's been hearing voices again", {("psychosis", "family", "current")}),
        (
            "mi hijo tiene 16 y lo que me preocupa es que fuma marihuana",
            {("cannabis", "family", "current")},
        ),
        ("mi esposo me grita cuando se emborracha", {("alcohol", "family", "current")}),
        ("my husband left because i drink", {("alcohol", "self", "current")}),
        ("my mom says i drink too much", {("alcohol", "self", "current")}),
        ("I keep going for my kids, depression is bad", {("depression", "self", "current")}),
        ("lost my dad in june, the grief is unbearable", {("grief", "self", "current")}),
        ("I was abused as a kid and the flashbacks are worse", {("trauma", "self", "current")}),
    ],
)
def test_whose_concern_by_the_nearest_person(parser: Parser, text: str, expected: set) -> None:
    """With no trigger next to it, a concern belongs to the nearest person named before it in
    its sentence: a loved one ("whose dad drinks", "dads gambling", "she's ..."), or the writer
    ("i drink"); commas do not end it, "says" and "but" do; grief stays the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi amá bebe todos los días desde temprano", {("alcohol", "family", "current")}),
        ("mi jeva fuma mota diario", {("cannabis", "family", "current")}),
        ("Mam's on the wine every night", {("alcohol", "family", "current")}),
        ("mi señor apuesta todo en el casino", {("gambling", "family", "current")}),
        ("tía, cada finde acabo borracha", {("alcohol", "self", "current")}),
        ("suspendí mates otra vez y lo que tengo es ansiedad", {("anxiety", "self", "current")}),
        (
            "mother of a soldier with ptsd. nightmares, drinks alone every night",
            {("trauma", "family", "current"), ("alcohol", "family", "current")},
        ),
        (
            "2 yrs sober, lost my brother in june and the grief is crushing me",
            {("alcohol", "self", "past"), ("grief", "self", "current")},
        ),
    ],
)
def test_whose_concern_in_regional_words(parser: Parser, text: str, expected: set) -> None:
    """Regional kin words name a loved one ("mi amá", "mi jeva", "Mam"; "señor" after "mi"
    only), "tía" and plural "mates" alone do not; a writer who says whose relative they are
    ("mother of a soldier") gives the concerns no word gives the writer to that loved one; the
    loved one named in a loss ("lost my brother") is who died, not whose the grief is."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i don't even smoke, i'm just always on edge", {("anxiety", "self", "current")}),
        ("i never even gamble, its the weed", {("cannabis", "self", "current")}),
        ("no sé qué hacer con el alcohol", {("alcohol", "self", "current")}),
        ("i'm not a gambler or anything i'm hooked on vaping", {("tobacco", "self", "current")}),
        ("watched a documentary about meth last night, wild", set()),
        ("can i take my heart pills with grapefruit", set()),
        ("tomo bebidas energéticas para estudiar", set()),
        ("pretty sure i have postpartum anxiety", {("anxiety", "self", "current")}),
        ("my uncle died of a heroin overdose and i miss him", {("grief", "self", "current")}),
        ("lost my cousin to fent last spring", {("grief", "self", "current")}),
    ],
)
def test_what_is_and_is_not_said_of_a_concern(parser: Parser, text: str, expected: set) -> None:
    """ "don't even" negates; "no sé" (I don't know) and "or anything" end nothing's scope but
    their own; a film's topic, pills for the body, energy drinks and the drug a loved one died
    of are no concern of the writer's (the death is grief); "postpartum anxiety" is anxiety."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("been on buprenorphine for two years and doing fine", {("opioids", "self", "past")}),
        ("stable on methadone and working full time", {("opioids", "self", "past")}),
        ("mi hermano lleva 3 años en metadona", {("opioids", "family", "past")}),
        ("ya van 5 años que no juego en el casino", {("gambling", "self", "past")}),
        ("picked up my 6 month chip last night", {("alcohol", "self", "past")}),
        ("clean 9 months, need an NA meeting near Leeds", {("other_drugs", "self", "past")}),
        (
            "my overdose was years ago, narcan saved me. clean ever since",
            {("opioids", "self", "past")},  # narcan names the drug (concerns.json drug_hints)
        ),
        (
            "18 months sober and worried the move might make me relapse",
            {("alcohol", "self", "past")},
        ),
        ("how do i quit chewing tobacco", {("tobacco", "self", "current")}),
        ("llevo 20 años bebiendo", {("alcohol", "self", "current")}),
        ("what i really want is off the pills", {("other_drugs", "self", "current")}),
        (
            "Had 4 years sober. Slipped last month. Whiskey mostly.",
            {("alcohol", "self", "current")},
        ),
    ],
)
def test_recovery_and_return_in_other_words(parser: Parser, text: str, expected: set) -> None:
    """Medication for addiction with a time on it, a chip, "clean 9 months", "ya van 5 años
    que no" are recovery; fear of a relapse stays past; asking how to quit, "llevo 20 años
    bebiendo" and wanting off are current; a relapse said in a sentence of its own ("Slipped
    last month.") reaches the recovery beside it."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi cuñada toma los xanax de su mamá", {("other_drugs", "family", "current")}),
        (
            "years ago i swallowed a bottle of pills, these days it's panic attacks",
            {("anxiety", "self", "current")},
        ),
        (
            "mi papá volvió a tomar después de dos años sin alcohol",
            {("alcohol", "family", "current")},
        ),
        (
            "a mi hermano lo diagnosticaron con trastorno bipolar",
            {("bipolar", "family", "current")},
        ),
    ],
)
def test_spanish_verbs_that_say_what_and_whose(parser: Parser, text: str, expected: set) -> None:
    """ "toma los xanax" is taking pills, not drinking; a bottle of pills swallowed is an act,
    not a drug problem; "volvió a" is a return; "lo diagnosticaron" is a loved one's diagnosis."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "My son was diagnosed with anxiety last spring. Any anxiety meetups in Bristol?",
            {("anxiety", "family", "current")},
        ),
        (
            "My sister has bipolar. Nights without sleep, big spending. Where do bipolar "
            "families meet?",
            {("bipolar", "family", "current")},
        ),
        (
            "I've been sober 5 years. Now my dad is drinking heavily",
            {("alcohol", "self", "past"), ("alcohol", "family", "current")},
        ),
        ("looking for MA meetings, weed every day", {("cannabis", "self", "current")}),
        ("my ma gambles her pension away on scratchcards", {("gambling", "family", "current")}),
        ("mi ñaño toma demasiado los fines de semana", {("alcohol", "family", "current")}),
        ("mi cipota vomita después de comer", {("eating", "family", "current")}),
        ("my 15yo is vaping in his room every night", {("tobacco", "family", "current")}),
    ],
)
def test_the_same_loved_one_and_kin_words(parser: Parser, text: str, expected: set) -> None:
    """A mention no word gives to anyone is the loved one's when the same concern, with the same
    status, is theirs elsewhere in the message (not the writer's own recovery beside it); "ma",
    "ñaño", "cipota", "my 15yo" name a loved one, and a word that needs "my" ("MA") names
    nobody without it."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I keep taking my brother's adderall before exams", {("stimulants", "self", "current")}),
        ("been stealing my mum's diazepam to get to sleep", {("other_drugs", "self", "current")}),
        ("mi novia se va a enojar porque volví a fumar", {("tobacco", "self", "current")}),
        ("mi hijo anda fumando todo el día", {("tobacco", "family", "current")}),
        ("I've been gambling since 2015 and it's getting worse", {("gambling", "self", "current")}),
        ("haven't had a drink since 2015", {("alcohol", "self", "past")}),
        (
            "my husband looked after me for years and he died last spring",
            {("grief", "self", "current")},
        ),
        ("no tengo a nadie aquí, lloro cada noche", {("depression", "self", "current")}),
        ("my surgeon wants to put me on oxycodone after the op", set()),
        ("is it ok to mix prozac and alcohol?", set()),
        ("can i have a few beers on my lexapro this weekend", set()),
        ("¿puedo tomar cerveza con la fluoxetina?", set()),
        (
            "a los 15 me tomé unas pastillas, hoy estoy bien y busco grupo para mi esposo que "
            "bebe mucho",
            {("alcohol", "family", "current")},
        ),
        ("a boy at the festival died from a laced pill", set()),
    ],
)
def test_whose_act_and_what_time_says(parser: Parser, text: str, expected: set) -> None:
    """Taking a loved one's pills is the writer's use; a first-person verb just before a concern
    ("volví a fumar") says whose; "since 2015" says since when, not that it ended (past only
    when negated); "and he died" is a loss; a comma before a first-person verb ends a negation;
    a doctor's plan, mixing a medicine with a drink, "me tomé unas pastillas" and a stranger's
    bad pill name no concern."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my mom sleeps all day and has stopped answering her phone",
            {("depression", "family", "current")},
        ),
        (
            "my husband has been off lately. found empty vodka bottles in the garage.",
            {("alcohol", "family", "current")},
        ),
        ("I found out I have anxiety and I'm scared", {("anxiety", "self", "current")}),
        ("my little brother bites his nails raw before school", {("anxiety", "family", "current")}),
        ("my brother makes lean and drinks it all day", {("opioids", "family", "current")}),
    ],
)
def test_signs_someone_else_shows(parser: Parser, text: str, expected: set) -> None:
    """Sleeping all day is a low mood, and "stopped answering" ends nothing; what someone found
    ("found empty vodka bottles") is the loved one's once one is named, but "found out I have"
    is the writer's; nail biting is anxiety; "drinks it" is no drinking of its own."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tengo 15 años y fumo mota casi diario", {("cannabis", "self", "current")}),
        ("tengo 2 años sin tomar gracias a AA", {("alcohol", "self", "past")}),
        (
            "moved here last year and i drink alone most nights. any sober meetups?",
            {("alcohol", "self", "current")},
        ),
        ("my anxiety is awful rn, had 3 panic attacks at work", {("anxiety", "self", "current")}),
        (
            "paramedic 15 yrs. cant turn my brain off after shifts",
            {("anxiety", "self", "current")},
        ),
        ("me ma's gambling is out of control", {("gambling", "family", "current")}),
        ("me mate's on the gear again", {("opioids", "family", "current")}),
        ("wife passed in october and the house is too quiet", {("grief", "self", "current")}),
        ("her dad passed in may and she's struggling", set()),
    ],
)
def test_ages_counts_and_plain_speech(parser: Parser, text: str, expected: set) -> None:
    """ "tengo 15 años" is an age, "tengo 2 años sin" recovery; a "sober meetup" is the group
    wanted, not recovery; "had 3 panic attacks" counts them, it does not end them; a forward
    word inside a concern's own words ("brain off") does not reach it; "me ma", "me mate" are
    the writer's own; a loved one named bare who "passed in october" is a loss, "her dad"'s
    someone else's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my aunt drinks her homemade ginger tea with every meal and is so sad all the time",
            {("depression", "family", "current")},
        ),
        ("ex marine, back 3 yrs, drinking myself to sleep", {("alcohol", "self", "current")}),
        (
            "my ex is drinking again and has the kids this weekend",
            {("alcohol", "family", "current")},
        ),
        (
            "i gamble every night and i'm scared i'll lose my wife over it",
            {("gambling", "self", "current")},
        ),
        ("mi hermano tiene bulimia, lo oigo vomitar cada noche", {("eating", "family", "current")}),
        (
            "mi papá dice que está bien pero lo veo tomando mucho desde temprano",
            {("alcohol", "family", "current")},
        ),
    ],
)
def test_everyday_drinks_prefixes_and_what_one_sees(
    parser: Parser, text: str, expected: set
) -> None:
    """Drinking a few words' worth of tea is no drinking; "ex marine" is no ex-partner ("my ex"
    is); losing someone one fears to lose is no loss; "lo oigo vomitar", "lo veo tomando": the
    one heard or seen does it."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my daughter stays out all weekend. i reckon it's coke",
            {("stimulants", "family", "current")},
        ),
        ("my wife left. i think i'm drinking too much", {("alcohol", "self", "current")}),
        ("mum of two and drinking every night", {("alcohol", "self", "current")}),
        ("madre de tres, fumo mota para dormir", {("cannabis", "self", "current")}),
        (
            "dad of a 15 year old who is vaping nonstop",
            {("tobacco", "family", "current")},
        ),
        ("clearing out my late mother's tablets this week", {("grief", "self", "current")}),
        (
            "Margaret passed away in the spring and the house is silent",
            {("grief", "self", "current")},
        ),
        ("nació mi bebe hace un mes y estoy muy deprimida", {("depression", "self", "current")}),
        ("my uncle went by suicide last year", {("grief", "self", "current")}),
        ("the doctor gave me tablets for my nerves", {("anxiety", "self", "current")}),
        ("mi esposo se gasta todo en wplay", {("gambling", "family", "current")}),
    ],
)
def test_guesses_roles_and_the_dead_r13(parser: Parser, text: str, expected: set) -> None:
    """ "I reckon it's coke" after a loved one is a guess about them; "mum of two" is the writer's
    own role (but "dad of a 15 year old who..." names the child); a late loved one's tablets are
    grief, not their use; a name that passed away; "mi bebe" typed without the accent is no
    drinking; gone by suicide; tablets for one's nerves; betting sites."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my sister has had anorexia since she was 14", {("eating", "family", "current")}),
        ("had bulimia at uni, pregnant again now and so happy", {("eating", "self", "past")}),
        ("mi hermano está en metadona desde hace 2 años", {("opioids", "family", "past")}),
        ("mi papá anda en metadona hace 8 meses", {("opioids", "family", "past")}),
        (
            "after the divorce I felt like myself again, no drinking for 2 years",
            {("alcohol", "self", "past")},
        ),
    ],
)
def test_ongoing_perfect_and_agains_that_are_no_relapse(
    parser: Parser, text: str, expected: set
) -> None:
    """ "Has had" is ongoing, not over; "pregnant again", "myself again" are no relapse; "en
    metadona (desde) hace N meses" is treatment with a time on it, so recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my brother is in detox. I'm minding his dog and flat and can't switch off at night",
            {("other_drugs", "family", "current"), ("anxiety", "self", "current")},
        ),
        (
            "my sister blew her whole wage on the pokies again",
            {("gambling", "family", "current")},
        ),
        ("my son admits his drinking got worse", {("alcohol", "family", "current")}),
    ],
)
def test_a_possessor_is_no_subject(parser: Parser, text: str, expected: set) -> None:
    """ "His two kids", "her whole wage": a possessive before a noun names whose thing it is, not
    who has the concern that follows; "his drinking" still says whose."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("day 1 off the vodka, hands won't stay still", {("alcohol", "self", "current")}),
        ("segundo día sin cerveza y no paro de sudar", {("alcohol", "self", "current")}),
        ("llevo dos días sin perico y no duermo nada", {("stimulants", "self", "current")}),
        ("day 3 off heroin, aching all over, not gonna use tho", {("opioids", "self", "past")}),
        ("day 2 sober from the wine and proud of it", {("alcohol", "self", "past")}),
        ("40 days off the booze now", {("alcohol", "self", "past")}),
    ],
)
def test_the_first_days_off_are_withdrawal(parser: Parser, text: str, expected: set) -> None:
    """The first days off a substance ('day 2 off', 'tercer día sin') are withdrawal, not yet
    recovery: the concern is current, unless a resolve or a treatment is said ('not gonna use'),
    or the days are counted as sober or clean."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi papá está muy callado desde que murió mi tía",
            {("grief", "family", "current")},
        ),
        (
            "since granddad passed my mum has barely eaten a thing",
            {("grief", "family", "current")},
        ),
        ("since my wife died I can't sleep", {("grief", "self", "current")}),
        (
            "I've been drinking since my dad died",
            {("alcohol", "self", "current"), ("grief", "self", "current")},
        ),
    ],
)
def test_a_death_tied_to_a_loved_ones_clause_is_their_grief(
    parser: Parser, text: str, expected: set
) -> None:
    """A death tied by 'since'/'desde que' to a clause about a loved one ('mi papá no quiere salir
    desde que murió mi tía') is that loved one's grief; tied to the writer's own clause, theirs."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my cuzzie drinks till he passes out most nights", {("alcohol", "family", "current")}),
        ("mi pololo fuma marihuana todos los días", {("cannabis", "family", "current")}),
        ("my kokum has been on the bottle all winter", {("alcohol", "family", "current")}),
        ("cuz i gamble every payday and cant stop", {("gambling", "self", "current")}),
    ],
)
def test_kin_words_cousin_partner_grandparent(parser: Parser, text: str, expected: set) -> None:
    """Kin words 'cuz'/'cuzzie' (after 'my': 'cuz' is also 'because'), 'pololo'/'polola' (a
    Chilean partner), 'moshum'/'kokum' (Cree grandparents) name a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I'm 52, clean 9 years now. My nephew is using meth and I want a group for families",
            {("stimulants", "family", "current"), ("other_drugs", "self", "past")},
        ),
        (
            "my wife drinks every night and I need a group like the drinkers have",
            {("alcohol", "family", "current")},
        ),
    ],
)
def test_a_subject_i_close_before_a_concern_says_whose(
    parser: Parser, text: str, expected: set
) -> None:
    """ "I'm 52, clean 9 years": an 'I' just before a concern (which also ends a loved one's
    reach) makes it the writer's, so a later loved one's concern does not take it over; an 'I'
    far before one says nothing."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi hermano dice que me he enganchado a las tragaperras",
            {("gambling", "self", "current")},
        ),
        ("desde enero me he acostumbrado al whisky", {("alcohol", "self", "current")}),
        ("my dad says he started drinking again", {("alcohol", "family", "current")}),
    ],
)
def test_spanish_he_before_a_participle_is_the_writer(
    parser: Parser, text: str, expected: set
) -> None:
    """Spanish 'he' before a participle ('me he enganchado', 'me he acostumbrado') is 'I have',
    the writer, not the English 'he' that names a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our girl has been purging after meals", {("eating", "family", "current")}),
        ("took a walk w my boy, then drank till midnight again", {("alcohol", "self", "current")}),
        (
            "in a motel with my 3 kids and trying to stay off the pipe",
            {("stimulants", "self", "current")},
        ),
        ("I live with my son who is on heroin", {("opioids", "family", "current")}),
        ("I'm fed up with my wife's gambling", {("gambling", "family", "current")}),
    ],
)
def test_company_after_with_and_our_boy(parser: Parser, text: str, expected: set) -> None:
    """'Our boy', 'my girl' name a loved one; a loved one after 'with' ('w my boy', 'with my 3
    kids') is company, not whose the concern is, unless the words go on about them ('with my son
    who...', 'with my wife's gambling'); 'trying to stay off' is current."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "8 years clean now, just looking for a home group again after the move",
            {("other_drugs", "self", "past")},
        ),
        ("sober 3 years and back on track with work", {("alcohol", "self", "past")}),
        ("sober 3 years but back on the wine since christmas", {("alcohol", "self", "current")}),
    ],
)
def test_again_after_a_meeting_and_back_on_no_substance(
    parser: Parser, text: str, expected: set
) -> None:
    """'A home group again', 'back on track' say nothing of a relapse; 'back on the wine' does."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "saw a documentary about meth in prisons, anyway I drink too much",
            {("alcohol", "self", "current")},
        ),
        ("leí lo de las muertes por cocaína adulterada y me quedé pensando", set()),
        (
            "read about the heroin epidemic today, my brother is on it",
            {("opioids", "family", "current")},
        ),
        (
            "the news about that crash, my anxiety is through the roof",
            {("anxiety", "self", "current")},
        ),
        (
            "saw on the news the overdoses and I realised my son uses meth",
            {("stimulants", "family", "current")},
        ),
    ],
)
def test_a_topic_in_the_news_is_nobodys_concern(parser: Parser, text: str, expected: set) -> None:
    """What a documentary, an article or the news is about ('a doco on the opioid crisis', 'leí lo
    de las muertes por fentanilo') is a topic, no concern, unless a loved one takes it over ('my
    brother is on it'); the frame ends at a comma or at 'my'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't enjoy anything anymore", {("depression", "self", "current")}),
        ("i don't gamble anymore", {("gambling", "self", "past")}),
        (
            "she can't go to the shops without a panic attack now",
            {("anxiety", "family", "current")},
        ),
        ("no puedo dormir sin fumarme un porro", {("cannabis", "self", "current")}),
        ("I went to the party without any booze", set()),
    ],
)
def test_a_lack_that_lasts_and_cant_without(parser: Parser, text: str, expected: set) -> None:
    """'Anymore', 'no longer' make a negated substance or eating concern recovery ('I don't gamble
    anymore'), but a lack that lasts is current ('don't enjoy anything anymore'); 'can't ...
    without' and 'no puedo ... sin' say the concern is always there, no negation."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("llevo 2 años con lorazepam todos los días", {("other_drugs", "self", "current")}),
        ("llevo 2 años sin fumar", {("tobacco", "self", "past")}),
        ("llevo 6 meses con metadona y ya no pruebo la heroína", {("opioids", "self", "past")}),
    ],
)
def test_years_with_a_substance_are_no_recovery(parser: Parser, text: str, expected: set) -> None:
    """'Llevo N años con' a substance is how long it has been used; with a treatment ('llevo 6
    meses con metadona') it is recovery, as 'llevo N años sin' is."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi hermano estuvo sobrio 3 años y está tomando otra vez",
            {("alcohol", "family", "current")},
        ),
        (
            "dejé de apostar hace un año y ya volvieron las ganas otra vez",
            {("gambling", "self", "past")},
        ),
        ("2 yrs off heroin but the cravings again tonight", {("opioids", "self", "past")}),
    ],
)
def test_otra_vez_is_a_relapse_but_not_a_craving(parser: Parser, text: str, expected: set) -> None:
    """'Otra vez', 'de nuevo' are 'again' (a relapse is current); a craving again ('las ganas otra
    vez', 'the cravings again') stays recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "me n my gf both drink way too much",
            {("alcohol", "self", "current"), ("alcohol", "family", "current")},
        ),
        (
            "mi novio y yo fumamos mota diario",
            {("cannabis", "self", "current"), ("cannabis", "family", "current")},
        ),
    ],
)
def test_me_n_my_partner_and_mi_novio_y_yo_are_both(
    parser: Parser, text: str, expected: set
) -> None:
    """'Me n my gf', 'mi novio y yo': the concern is the writer's and the loved one's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("si mi papá se entera que sigo fumando me mata", {("tobacco", "self", "current")}),
        ("scared my mum will find out I've been vaping", {("tobacco", "self", "current")}),
        ("mi papá se fuma dos cajetillas al día", {("tobacco", "family", "current")}),
    ],
)
def test_a_loved_one_who_finds_out_has_no_concern(parser: Parser, text: str, expected: set) -> None:
    """'Si mi papá se entera', 'my mum will find out': the loved one finds out what the writer
    does; what follows is the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("took my nan's card and put it all on the pokies", {("gambling", "self", "current")}),
        (
            "my dads snoring is the reason the wine comes out every night",
            {("alcohol", "self", "current")},
        ),
        ("my dad's been drinking every night", {("alcohol", "family", "current")}),
        ("my son's drinking scares me", {("alcohol", "family", "current")}),
        ("my husband's ex army, PTSD from two tours", {("trauma", "family", "current")}),
        ("my wife's pissing the rent away on the pokies", {("gambling", "family", "current")}),
        (
            "I'm reading up on my brother's addiction to painkillers",
            {("opioids", "family", "current")},
        ),
    ],
)
def test_a_loved_one_who_owns_a_thing_is_no_subject(
    parser: Parser, text: str, expected: set
) -> None:
    """'My nan's card', 'my dads snoring is...': the loved one owns a thing, the concern after it
    is the writer's; 'my dad's been', 'my wife's pissing', 'my husband's ex army' are 'is' or
    'has', and 'my son's drinking', 'my brother's addiction' are theirs."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my cousin just got into meth", {("stimulants", "family", "current")}),
        (
            "sang 'my brother is a dreamer' at karaoke then lost 200 at the casino",
            {("gambling", "self", "current")},
        ),
        ("my sister just finished rehab for coke", {("stimulants", "family", "past")}),
        (
            "3 years off the booze, now it's the slots every night",
            {("alcohol", "self", "past"), ("gambling", "self", "current")},
        ),
    ],
)
def test_just_quotes_rehab_and_off_the_booze(parser: Parser, text: str, expected: set) -> None:
    """'My cousin just...' is still the cousin's; a loved one inside quotation marks is words
    quoted, no one whose concern follows; 'finished rehab' is recovery; 'off the booze' names
    drinking even beside another concern."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi papá fuma diario y si un día no fuma se pone insoportable",
            {("tobacco", "family", "current")},
        ),
        (
            "my son smokes weed daily and if a day without it goes by he gets nasty",
            {("cannabis", "family", "current")},
        ),
        ("2 years since my last bet and still going to GA", {("gambling", "self", "past")}),
        ("6 months since my last drink", {("alcohol", "self", "past")}),
    ],
)
def test_if_a_day_without_and_since_my_last(parser: Parser, text: str, expected: set) -> None:
    """'Si un día no...', 'if a day without...' are a condition, no time off; 'since my last bet'
    names the concern, in recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the news said a young dad took his own life, and I've been drinking more since",
            {("alcohol", "self", "current")},
        ),
        ("mi bisabuelo se ahorcó antes de que yo naciera, en casa nunca se habló", set()),
        (
            "en el trabajo un paciente se ahorcó y ahora tengo pesadillas",
            {("trauma", "self", "current")},
        ),
        (
            "mi carnala consumía mucho pero ya lleva un año limpia",
            {("other_drugs", "family", "past")},
        ),
        ("con mi hermano al lado yo tomaba mucho", {("alcohol", "self", "current")}),
    ],
)
def test_deaths_in_the_news_or_before_birth_and_verbs_of_either_person(
    parser: Parser, text: str, expected: set
) -> None:
    """A death in the news, of a stranger ('un paciente'), or before the writer was born is no
    loss of theirs; 'consumía', 'tomaba' are 'I' or 'she' alike, so the person named says."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my son smokes meth and says it's not a problem", {("stimulants", "family", "current")}),
        ("drinking is not a problem for me", set()),
        (
            "relapsed at my brothers wedding and it's vodka every night now",
            {("alcohol", "self", "current")},
        ),
    ],
)
def test_reported_denials_and_a_loved_ones_occasion(
    parser: Parser, text: str, expected: set
) -> None:
    """'He says it's not a problem' is his word, no negation by the writer; 'at my brothers
    wedding' names whose wedding, not whose drinking."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "murió mi abuelo y mi abuela no levanta cabeza, hay grupos de duelo para ella?",
            {("grief", "family", "current")},
        ),
        (
            "is there a support group for relatives of people with schizophrenia? my son",
            {("psychosis", "family", "current")},
        ),
        ("my husband died in June. is there a group for me?", {("grief", "self", "current")}),
        ("I covered for him when he was drinking", {("alcohol", "family", "current")}),
    ],
)
def test_a_group_for_her_is_for_a_loved_ones_concern(
    parser: Parser, text: str, expected: set
) -> None:
    """A group asked for a loved one ('grupos de duelo para ella', 'for relatives of people
    with...') makes the loss or the concern theirs; a group for the writer leaves it theirs."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi pana anda en el perico", {("stimulants", "family", "current")}),
        ("la pana es que no puedo dejar el perico", {("stimulants", "self", "current")}),
        ("my boetie is on the tik again", {("stimulants", "family", "current")}),
        (
            "Husband and I both smoke too much weed",
            {("cannabis", "self", "current"), ("cannabis", "family", "current")},
        ),
    ],
)
def test_pana_boetie_and_husband_and_i_both(parser: Parser, text: str, expected: set) -> None:
    """'Mi pana' (a friend, after 'mi' only), South African 'boetie' are loved ones; 'Husband and
    I both' names the writer and a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi esposo se enoja si vuelvo a perder la quincena en las tragamonedas",
            {("gambling", "self", "current")},
        ),
        ("pisha, me he enganchao a las apuestas", {("gambling", "self", "current")}),
        (
            "my brother keeps stealing my chargers lol anyway any weed groups? i smoke all day",
            {("cannabis", "self", "current")},
        ),
    ],
)
def test_first_person_verbs_and_anyway(parser: Parser, text: str, expected: set) -> None:
    """'Vuelvo', 'perdí', 'me he enganchao' are the writer's own verbs; 'anyway' starts a new
    subject, so a loved one named before it reaches nothing after."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my partner started suboxone in june after years on oxy", {("opioids", "family", "past")}),
        ("3 yrs off dope, still on methadone", {("opioids", "self", "past")}),
        ("mi hermana ta en metadona y va bien", {("opioids", "family", "past")}),
        ("hooked on oxy, want to get on suboxone", {("opioids", "self", "current")}),
        ("on methadone but back on the gear again", {("opioids", "self", "current")}),
    ],
)
def test_opioid_treatment_is_recovery(parser: Parser, text: str, expected: set) -> None:
    """Being on methadone or suboxone ('still on methadone', 'ta en metadona', 'started
    suboxone') is recovery; wanting it, or a relapse beside it, is current."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "stopped my klonopin cold yesterday and I'm shaking",
            {("other_drugs", "self", "current")},
        ),
        ("dejé el alprazolam hace dos días y no duermo", {("other_drugs", "self", "current")}),
        ("my doctor is weaning me off diazepam", {("other_drugs", "self", "current")}),
        ("been on xanax for a year off a mate", {("other_drugs", "self", "current")}),
        ("quit xanax two years ago", {("other_drugs", "self", "past")}),
    ],
)
def test_stopping_days_ago_and_being_tapered(parser: Parser, text: str, expected: set) -> None:
    """Stopping yesterday or days ago is withdrawal, not recovery; being weaned off is still
    taking it; 'off a mate' is where it came from; quitting years ago is recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("could murder a pint tonight, but 3 years sober in May", {("alcohol", "self", "past")}),
        ("I'd kill for a smoke but I quit in 2019", {("tobacco", "self", "past")}),
        (
            "could murder a pint every night after work, want to stop",
            {("alcohol", "self", "current")},
        ),
        ("I'd kill for a cigarette, day 2 without one", {("tobacco", "self", "current")}),
    ],
)
def test_a_craving_in_recovery_stays_past(parser: Parser, text: str, expected: set) -> None:
    """A craving ('could murder a pint', 'I'd kill for a smoke') is no use: with a recovery said
    it stays past; with none, or in the first days off, it is current."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hace años estuve muy mal. hoy estoy bien y busco un grupo de depresión para apoyar",
            {("depression", "self", "past")},
        ),
        (
            "had bad depression in my 30s, in remission now, I'd like to give back",
            {("depression", "self", "past")},
        ),
        ("my depression is bad, is there a group?", {("depression", "self", "current")}),
    ],
)
def test_well_now_and_giving_back_are_recovery(parser: Parser, text: str, expected: set) -> None:
    """'Hoy estoy bien', 'in remission', wanting to help others: the writer's concern named near
    is in the past; a loved one's is not ('hoy estoy bien y busco grupo para mi esposo que
    bebe')."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Social worker here. Client in her 40s, drinking every night. Any groups?",
            {("alcohol", "family", "current")},
        ),
        ("my client is using meth again and wants a group", {("stimulants", "family", "current")}),
        ("the worry about money never switches off", {("anxiety", "self", "current")}),
        ("me agobia todo últimamente", {("anxiety", "self", "current")}),
    ],
)
def test_a_client_and_a_worry_that_never_stops(parser: Parser, text: str, expected: set) -> None:
    """A client a worker asks a group for has the concern (as a loved one does); a worry that
    never switches off, 'me agobia', are anxiety."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "is there an AA meeting near me on sundays, for my dad not me",
            {("alcohol", "family", "current")},
        ),
        (
            "mi abuela perdió a mi abuelo en enero y no sale de la casa",
            {("grief", "family", "current")},
        ),
    ],
)
def test_for_my_dad_not_me_and_she_lost_him(parser: Parser, text: str, expected: set) -> None:
    """'For my dad not me' asks for a loved one; 'mi abuela perdió a mi abuelo' is her loss."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ER nurse here, I push morphine all shift. the drinking after nights is my problem",
            {("alcohol", "self", "current")},
        ),
        (
            "hoy en urgencias nos llegaron dos sobredosis de heroína y me dio ansiedad",
            {("anxiety", "self", "current")},
        ),
        (
            "read about the meth busts in town. my cousin used for years, clean 2 yrs now",
            {("stimulants", "family", "past")},
        ),
    ],
)
def test_drugs_at_work_and_the_drug_of_a_story(parser: Parser, text: str, expected: set) -> None:
    """Drugs given at work or seen in the emergency room are a topic, nobody's use; the one drug a
    story names is the drug of a loved one's use that names none."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("been using my nans card on the slots, £600 gone", {("gambling", "self", "current")}),
        (
            "Mum of a 3 month old. I check she's breathing 30 times a night, heart pounding",
            {("anxiety", "self", "current")},
        ),
        ("mi patojo de 17 anda en la mota", {("cannabis", "family", "current")}),
    ],
)
def test_a_loved_ones_card_and_the_writers_role(parser: Parser, text: str, expected: set) -> None:
    """'My nans card' is a thing the writer uses; 'Mum of a 3 month old.' is the writer's role,
    so a 'she' after it is no loved one with the concern; 'mi patojo de 17' is a loved one's
    age."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi tío vive metido en el juego, tragamonedas cada noche",
            {("gambling", "family", "current")},
        ),
        (
            "a mi hermana le preocupa el juego, las apuestas en línea",
            {("gambling", "family", "current")},
        ),
    ],
)
def test_a_verb_after_an_article_is_a_noun(parser: Parser, text: str, expected: set) -> None:
    """'El juego' is gambling, not 'I play': it does not make a later mention the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lo peor son los ataques de pánico en el metro", {("anxiety", "self", "current")}),
        (
            "mi papá no sabe que asisto a Jugadores Anónimos, ya son 5 meses sin apostar",
            {("gambling", "self", "past")},
        ),
        ("my son 19 is drinking every night", {("alcohol", "family", "current")}),
    ],
)
def test_spanish_son_is_are(parser: Parser, text: str, expected: set) -> None:
    """Spanish 'son' before an article or a number is 'are', no son; 'asisto' is the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm 15 and hooked on my sister's xanax", {("other_drugs", "self", "current")}),
        (
            "caught myself back on the slots at midnight after 6 months off",
            {("gambling", "self", "current")},
        ),
        ("two heroin ODs on my shift tonight, I'm wrecked", set()),
        ("we had a young man in resus after a heroin overdose, rough night", set()),
        ("soy trabajador social, me pasan direcciones de AA y NA para mis usuarios?", set()),
        ("my research on naloxone distribution: do NA meetings allow observers?", set()),
    ],
)
def test_whose_use_and_work_frames(parser: Parser, text: str, expected: set) -> None:
    """A loved one's drug the writer is hooked on is the writer's; 'caught myself back on' is a
    relapse; overdoses on a shift, a patient in resus and a social worker's or a study's request
    for fellowships name nobody's concern."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi esposa lleva 2 años en Alcohólicos Anónimos", {("alcohol", "family", "past")}),
        ("quiero hablar de la ansiedad que tuve de joven", {("anxiety", "self", "past")}),
        (
            "a qué hora abren las reuniones de AA? quiero llevar a mi cuñado",
            {("alcohol", "family", "current")},
        ),
    ],
)
def test_time_in_a_fellowship_and_a_group_for_a_loved_one(
    parser: Parser, text: str, expected: set
) -> None:
    """Months or years in a fellowship, and a concern 'que tuve', are past; a grown loved one
    taken to a meeting is whose the fellowship's concern is."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pienso que los ataques de pánico son por el estrés", {("anxiety", "self", "current")}),
        ("creo que son pesadillas del accidente", {("trauma", "self", "current")}),
        ("my son drinks every night", {("alcohol", "family", "current")}),
    ],
)
def test_spanish_son_after_a_plural_subject(parser: Parser, text: str, expected: set) -> None:
    """'Son' after 'que' or an article's noun ('los ataques son por') is the Spanish 'are', no
    son; after 'my' it stays the English noun."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my girlfriend reckons 5 pints a night is a problem",
            {("alcohol", "self", "current")},
        ),
        ("my mum believes a bottle of wine a night is too much", {("alcohol", "self", "current")}),
    ],
)
def test_a_loved_ones_opinion_is_the_writers_concern(
    parser: Parser, text: str, expected: set
) -> None:
    """A loved one who 'reckons' or 'believes' something is a speaker, as with 'says', 'thinks':
    the concern said is the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "tomo clonazepam sin receta todos los dias. mi hermana igual.",
            {("other_drugs", "self", "current"), ("other_drugs", "family", "current")},
        ),
        (
            "I'm hooked on the pokies and my dad as well",
            {("gambling", "self", "current"), ("gambling", "family", "current")},
        ),
        ("I smoke weed, I love my wife too", {("cannabis", "self", "current")}),
    ],
)
def test_a_loved_one_echoing_a_concern(parser: Parser, text: str, expected: set) -> None:
    """A loved one said alone after a concern ('mi hermana igual.', 'and my dad as well') has it
    too; a loved one in a clause of its own ('I love my wife too') does not."""
    assert found(parser, text) == expected


def test_a_time_before_a_keytag_is_no_child(parser: Parser) -> None:
    """'My 2 year NA keytag' is a time in recovery, not a two-year-old."""
    assert {(c.code, c.experiencer) for c in parser.parse("got my 2 year NA keytag").concerns} == {
        ("other_drugs", "self")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "la marihuana no es lo mío. lo mío son las apuestas",
            {("gambling", "self", "current")},
        ),
        ("busco grupo para dejar el vapeo, cerveza no tomo", {("tobacco", "self", "current")}),
        (
            "bebía todas las noches, ya no bebo. busco un grupo de AA",
            {("alcohol", "self", "past")},
        ),
        (
            "how do I actually quit the pokies, it's every payday",
            {("gambling", "self", "current")},
        ),
        (
            "is there GA on zoom? its for my uncle, he won't go in person",
            {("gambling", "family", "current")},
        ),
    ],
)
def test_round_58_59_context(parser: Parser, text: str, expected: set) -> None:
    """A substance refused right after it ('no es lo mío', 'cerveza no tomo') is negated, but
    'ya no bebo' is recovery; 'how do i actually stop' is current; 'its for my uncle' asks the
    group for a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lost my wife in the spring, my sister says their are grief groups near me",
            {("grief", "self", "current")},
        ),
        (
            "mi hermano se ríe de todo. pero ya en serio el quiere dejar de fumar, hay grupos?",
            {("tobacco", "family", "current")},
        ),
    ],
)
def test_their_for_there_and_el_for_him(parser: Parser, text: str, expected: set) -> None:
    """'Their are grief groups' is 'there are': no one's grief; 'el quiere dejar de fumar' is
    'él' without its accent, the loved one named before."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "me and me fella are both on the gear, we want out",
            {("opioids", "self", "current"), ("opioids", "family", "current")},
        ),
        (
            "hace dos años volví a nacer, ahora estoy en metadona y trabajando",
            {("opioids", "self", "past")},
        ),
        (
            "fumaba mota con mis primos pero ya lo dejé, ahora solo quiero estar tranquilo",
            {("cannabis", "self", "past")},
        ),
        (
            "used to drink every night but i quit, looking for AA to keep it that way",
            {("alcohol", "self", "past")},
        ),
        (
            "another young lad from our street died of an overdose. my cousin uses crack",
            {("stimulants", "family", "current")},
        ),
    ],
)
def test_round_60_61_context(parser: Parser, text: str, expected: set) -> None:
    """'Me and me fella' is both; 'volví a nacer' is no relapse; 'but I quit' and 'pero ya lo
    dejé' put what comes before them in the past; another lad of the street is nobody close."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "me quedé dormido en la guagua otra vez. quiero dejar el juego de una vez",
            {("gambling", "self", "current")},
        ),
        ("mi guagua se provoca el vómito a escondidas", {("eating", "family", "current")}),
        ("I run naloxone trainings at the shelter, any NA meetings nearby to list?", set()),
    ],
)
def test_a_bus_and_a_training(parser: Parser, text: str, expected: set) -> None:
    """'La guagua' (the bus) names no loved one without 'mi'; a naloxone training is a topic, so
    a fellowship named with it is nobody's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi problema son las tragamonedas", {("gambling", "self", "current")}),
        ("mis problemas son los tragos del finde", {("alcohol", "self", "current")}),
    ],
)
def test_problema_son_is_are(parser: Parser, text: str, expected: set) -> None:
    """'Mi problema son las...' is 'my problem is', no son of the writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "group for my gambling and my coke use, it has got bad, zoom is fine",
            {("gambling", "self", "current"), ("stimulants", "self", "current")},
        ),
        ("honestly my drinking is fine, it's the betting", {("gambling", "self", "current")}),
        ("tomo diario, tabaco no eh", {("alcohol", "self", "current")}),
        ("el perico no, pero la mota sí, todos los días", {("cannabis", "self", "current")}),
        (
            "mi papá no sabe que me gasto todo en las tragamonedas",
            {("gambling", "self", "current")},
        ),
        (
            "de chavo me juntaba con puros mayores, ahora me la paso con ansiedad",
            {("anxiety", "self", "current")},
        ),
        (
            "chama si sigo así reviento, el estrés me tiene fumando como chimenea",
            {("tobacco", "self", "current")},
        ),
    ],
)
def test_round_62_63_context(parser: Parser, text: str, expected: set) -> None:
    """'Zoom is fine' says the format is, not the concern; 'X no, ...' after the thing negates it;
    'no sabe que' is who knows, no negation; 'de chavo' (as a kid) and a 'chama' called out to
    name no loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ya van doce años que no pruebo el alcohol", {("alcohol", "self", "past")}),
        (
            "hace más de veinte años que no fumo y ahora quiero ayudar a otros",
            {("tobacco", "self", "past")},
        ),
        (
            "outreach team question: what naloxone dose do you give for a heroin overdose?",
            set(),
        ),
    ],
)
def test_years_in_words_and_a_dose_asked(parser: Parser, text: str, expected: set) -> None:
    """A Spanish count of years in words is a recovery time as a figure is; a naloxone dose asked
    about is a first-aid topic, nobody's use."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my sister's three years on suboxone now and I'd like to understand it better",
            {("opioids", "family", "past")},
        ),
        (
            "my uncle's two dogs bark all night and I drink to sleep",
            {("alcohol", "self", "current")},
        ),
    ],
)
def test_a_span_of_time_after_apostrophe_s(parser: Parser, text: str, expected: set) -> None:
    """'my sister's three years on suboxone' is 'she is three years on it', hers; a thing she owns
    ('two dogs') still makes her no subject."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "these spreadsheets give me ptsd lol jk. my brother has psychosis though",
            {("psychosis", "family", "current")},
        ),
        (
            "mi jefe me tiene con depresión jaja es broma. pero sí quiero dejar el cigarro",
            {("tobacco", "self", "current")},
        ),
        (
            "me pulí el sueldo en las tragamonedas jaja no es broma, ya van dos meses así",
            {("gambling", "self", "current")},
        ),
        (
            "I run a pub and want narcan behind the bar in case someone overdoses on heroin",
            set(),
        ),
        (
            "soy mesera y quiero aprender primeros auxilios por si alguien tiene una "
            "sobredosis de fentanilo",
            set(),
        ),
    ],
)
def test_a_joke_taken_back_and_someone_in_case(parser: Parser, text: str, expected: set) -> None:
    """What a writer takes back ('jk', 'es broma') is no concern, unless denied ('no es broma');
    an overdose 'in case someone' has one is a stranger's, nobody the writer is close to."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("este mes me he dado unos atracones horribles", {("eating", "self", "current")}),
        ("nunca he sido de beber pero ahora tomo a diario", {("alcohol", "self", "current")}),
        ("she told me he drinks every night", {("alcohol", "family", "current")}),
    ],
)
def test_spanish_he_before_a_short_participle(parser: Parser, text: str, expected: set) -> None:
    """'me he dado', 'he sido' are 'I have' (a short participle), no loved one; English 'he' is."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "how do you spot the signs of a fentanyl overdose? my nephew uses at weekends",
            {("opioids", "family", "current")},
        ),
        (
            "nobody at home uses anything, I just want to learn more about meth before my kids "
            "hit high school",
            set(),
        ),
        ("quiero aprender sobre mi ansiedad", {("anxiety", "self", "current")}),
    ],
)
def test_signs_of_an_overdose_and_learning_about(parser: Parser, text: str, expected: set) -> None:
    """The signs of an overdose asked about and a drug to learn about are topics, nobody's use
    (a loved one's unnamed use takes the drug named); learning about 'my anxiety' is the
    writer's."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi tío anda raro últimamente, tiene un problema con el juego",
            {("gambling", "family", "current")},
        ),
        (
            "mi hermano no sé qué hacer, yo creo que tiene un problema con el juego",
            {("gambling", "family", "current")},
        ),
        ("tengo un problema con el juego desde hace meses", {("gambling", "self", "current")}),
    ],
)
def test_spanish_third_person_verb_before_a_concern(
    parser: Parser, text: str, expected: set
) -> None:
    """A first-person verb after an article is a noun ('el juego'), no 'I play'; a third-person
    verb ('tiene') before a concern, once a loved one is named, makes it theirs."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I don't smoke or drink, what worries me is my brother's online betting",
            {("gambling", "family", "current")},
        ),
        ("I don't gamble, my dad does", {("gambling", "family", "current")}),
    ],
)
def test_no_transfer_to_a_loved_one_whose_own_concern_is_named(
    parser: Parser, text: str, expected: set
) -> None:
    """A negated concern moves to a loved one only when their clause names no other concern
    ('my brother's online betting' is his betting, not the writer's drinking)."""
    assert found(parser, text) == expected


def test_transfer_stops_at_the_sentence_end(parser: Parser) -> None:
    """A concern in the next sentence does not stop the transfer ('my dad does. Gambling...')."""
    assert ("alcohol", "family", "current") in found(
        parser, "I don't drink, my dad does. Gambling is my thing"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "salí con mis primas y me acordé de mi hermano, que fuma crack",
            {("stimulants", "family", "current")},
        ),
        (
            "mi marido y yo tomamos demasiado vino",
            {("alcohol", "self", "current"), ("alcohol", "family", "current")},
        ),
        (
            "me an me missus both smoke way too much weed",
            {("cannabis", "self", "current"), ("cannabis", "family", "current")},
        ),
    ],
)
def test_both_needs_a_subject(parser: Parser, text: str, expected: set) -> None:
    """'Mis primas y me acordé' is a reflexive 'me', no 'my cousins and I'; 'mi marido y yo' and
    a dialect 'me an me missus' are both."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi niño de 16 fuma mota a diario", {("cannabis", "family", "current")}),
        ("mi niña no para de vomitar después de comer", {("eating", "family", "current")}),
        (
            "de niña me pegaban en casa y todavía tengo pesadillas",
            {("trauma", "self", "current")},
        ),
        ("un vecino abusó de mi de niño, tengo flashbacks", {("trauma", "self", "current")}),
    ],
)
def test_mi_nino_is_a_loved_one(parser: Parser, text: str, expected: set) -> None:
    """'Mi niño', 'mi niña' name a loved one; 'de niña' is the writer as a girl."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my buddy thinks sports betting is a side hustle. he's lost his rent twice. "
            "asking for him",
            {("gambling", "family", "current")},
        ),
        (
            "mi carnal cree que el póker no cuenta. las apuestas ya le costaron el carro. "
            "pregunto por él",
            {("gambling", "family", "current")},
        ),
    ],
)
def test_asking_for_him(parser: Parser, text: str, expected: set) -> None:
    """'Asking for him', 'pregunto por él' ask for a loved one: the concerns no word gives to the
    writer are theirs; 'my buddy' names a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "signs that somebody is overdosing on heroin? my brother is two years clean",
            {("opioids", "family", "past")},
        ),
        ("cuales son las señales de una intoxicación por alcohol? mi hijo cumple 18", set()),
        ("what are the signs of alcohol poisoning", set()),
        (
            "there's this movie about overdosing that got to me, my cousin used meth for years",
            {("stimulants", "family", "current")},
        ),
        (
            "my dad drinks every night, what are the signs of liver damage",
            {("alcohol", "family", "current")},
        ),
    ],
)
def test_signs_of_an_overdose_and_songs_about_one(parser: Parser, text: str, expected: set) -> None:
    """The signs that someone is overdosing, of alcohol poisoning, and a song or film about
    overdosing are a topic, nobody's concern; a loved one's use said beside them stays."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my gp put me on citalopram for depression, would it be dangerous to have a beer "
            "at the game?",
            {("depression", "self", "current")},
        ),
        (
            "tengo ansiedad y tomo escitalopram. es malo tomar una copa de vino en la cena?",
            {("anxiety", "self", "current")},
        ),
        ("is it safe to stop drinking on my own after 10 years of vodka daily?", None),
        ("me dieron fluoxetina para la depresión y no duermo nada", None),
    ],
)
def test_one_drink_asked_about_beside_a_medicine(parser: Parser, text: str, expected) -> None:
    """A question whether one drink is safe with a medicine is no drinking problem; the condition
    the medicine is for ('para la depresión') is the writer's; stopping heavy drinking stays."""
    got = found(parser, text)
    if expected is None:
        assert got, text
    else:
        assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lol this fantasy league is gonna bankrupt me, my wife wants to kill me. "
            "any GA meetings for men in their 30s?",
            {("gambling", "self", "current")},
        ),
        (
            "mi hermana dice que estoy loca jaja. lo que busco es un grupo para dejar de vapear",
            {("tobacco", "self", "current")},
        ),
        (
            "le presté mi cargador a mi prima y no me lo devolvió, en fin ¿hay grupos para el "
            "trastorno de pánico?",
            {("anxiety", "self", "current")},
        ),
        (
            "encontramos cocaína en el cajón de mi hermano menor, qué hacemos",
            {("stimulants", "family", "current")},
        ),
    ],
)
def test_whose_when_a_loved_one_is_named_in_passing(parser: Parser, text: str, expected) -> None:
    """An age ('in their 30s'), a pseudo-cleft ('lo que busco es') and a new question ('¿')
    leave a loved one named before out; a drug found in a loved one's things is theirs."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EMT here. a man OD'd on heroin in the back of our rig, he didn't survive. "
            "i still see his face at night",
            {("trauma", "self", "current")},
        ),
        (
            "soy bombero y la semana pasada sacamos a una niña de un incendio. sigo viendo su "
            "cara cuando me acuesto",
            {("trauma", "self", "current")},
        ),
        (
            "no me puedo quitar esa imagen de la cabeza desde el choque",
            {("trauma", "self", "current")},
        ),
        ("viví abusos en casa de niño y nunca lo hablé con nadie", {("trauma", "self", "current")}),
    ],
)
def test_an_image_that_keeps_coming_back(parser: Parser, text: str, expected: set) -> None:
    """A face or a scene that keeps coming back is trauma, the writer's; a stranger's overdose
    is nobody's concern, and 'he didn't' hands it to no loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my husband of 40 years passed in june, i don't know what to do", {("grief", "self")}),
        (
            "my manager keeps giving me grief about my hours, anxiety through the roof",
            {("anxiety", "self")},
        ),
        (
            "trabajo de crupier en un casino y me meto perico todos los fines",
            {("stimulants", "self")},
        ),
        ("fumo pitos a diario desde los 16", {("cannabis", "self")}),
        ("mi mamá no puede dormir sin su clonazepam desde hace años", {("other_drugs", "family")}),
        ("cada noche me tomo media botella para poder apagar la cabeza", {("alcohol", "self")}),
    ],
)
def test_words_with_an_everyday_sense(parser: Parser, text: str, expected: set) -> None:
    """Idioms ('giving me grief'), a workplace ('en un casino'), slang ('pitos'), a dependence
    ('no puede dormir sin') and a loss of many years: each gives the codes its words mean."""
    assert {(code, who) for code, who, _ in found(parser, text)} == expected


def test_months_of_use_said_with_a_gerund_are_current(parser: Parser) -> None:
    """'Llevo 5 meses fumándome...' counts months of use, not of recovery."""
    assert found(parser, "llevo 5 meses fumándome un porro cada noche y no paro") == {
        ("cannabis", "self", "current")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "one of our elders can't stop gambling, is there GA nearby?",
            {("gambling", "family", "current")},
        ),
        (
            "mi hijo ya está bien. El que tiene depresión soy yo",
            {("depression", "self", "current")},
        ),
        (
            "Husband and I are both recovering from the bottle, 3 years sober",
            {("alcohol", "self", "past"), ("alcohol", "family", "past")},
        ),
        ("cutting down off the heroin, had a bit this morning", {("opioids", "self", "current")}),
        (
            "el año pasado mi hermano tuvo una sobredosis de heroína y ahora va a terapia",
            {("opioids", "family", "past")},
        ),
        (
            "Soy paramédica, veo sobredosis de fentanilo casi todos los días. Lo mío es el vino, "
            "me tomo una botella cada noche",
            {("alcohol", "self", "current")},
        ),
    ],
)
def test_round_86_87_context(parser: Parser, text: str, expected: set) -> None:
    """'One of our' names someone the writer cares for; 'el que tiene ... soy yo' claims it for
    the writer; a loved one and the writer 'are both' recovering; 'cutting down off' is still
    using; 'el año pasado' opening a clause dates what follows; the overdoses a paramedic sees
    are a work topic."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "watched a show about a guy hooked on heroin, anyway I smoke weed every night",
            {("cannabis", "self", "current")},
        ),
        (
            "vimos una serie de un tipo que vendía cristal. yo tomo cerveza todos los días",
            {("alcohol", "self", "current")},
        ),
        (
            "ICU nurse, I give morphine every shift. My thing is gin, a bottle most nights",
            {("alcohol", "self", "current")},
        ),
        ("me he vuelto adicto al juego", {("gambling", "self", "current")}),
        (
            "My wife works nights, I'm at home with 2 kids and drinking too much",
            {("alcohol", "self", "current")},
        ),
        (
            "ten years off the heroin but I'm depressed again",
            {("opioids", "self", "past"), ("depression", "self", "current")},
        ),
        ("quit the vodka on Sunday, hands shaking all morning", {("alcohol", "self", "current")}),
        (
            "llevo tres días sin fentanilo y quiero empezar metadona",
            {("opioids", "self", "current")},
        ),
        (
            "I'd like to meet people who got through an eating disorder like me",
            {("eating", "self", "past")},
        ),
    ],
)
def test_round_94_95_context(parser: Parser, text: str, expected: set) -> None:
    """A show or series watched is a topic; a nurse who gives morphine names no use; 'me he
    vuelto' is 'I have become'; kids the writer is with are company, not whose; an 'again' right
    after another concern is that concern's return; a stop on a weekday is early days; methadone
    only wished for is no treatment yet; people 'who got through' a condition are in recovery."""
    assert found(parser, text) == expected

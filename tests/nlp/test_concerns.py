"""Concern terms: slang, typos, fellowship names, Spanish, and look-alike words that are not."""

from __future__ import annotations

import pytest

from nlp import Parser
from tests.nlp.conftest import found


def codes(parser: Parser, text: str) -> set[str]:
    """The concern codes the parser finds."""
    return {c.code for c in parser.parse(text).concerns}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("been on the sauce all week", "alcohol"),
        ("dopesick and broke", "opioids"),
        ("tweaking again", "stimulants"),
        ("smoking crystal every weekend", "stimulants"),
        ("hooked on benzos", "other_drugs"),
        ("ketamine every night", "other_drugs"),
        ("blunts all day", "cannabis"),
        ("scratchers and slots", "gambling"),
        ("can't stop juuling", "tobacco"),
        ("I'm so depresed", "depression"),
        ("my anxeity is awful", "anxiety"),
        ("schizophernia", "psychosis"),
        ("bulemia", "eating"),
        ("manic depression", "bipolar"),
        ("nightmares and flashbacks", "trauma"),
        ("bereavement", "grief"),
        ("I think I need AA", "alcohol"),
        ("maybe a GA meeting", "gambling"),
        ("is OA for me", "eating"),
        ("tengo ansiedad", "anxiety"),
        ("mi problema es la cocaína", "stimulants"),
        ("ALCOHOL", "alcohol"),
    ],
)
def test_term_is_found(parser: Parser, text: str, code: str) -> None:
    """Slang, typos (fuzzy, not a list of misspellings), fellowships and Spanish give the code."""
    assert code in codes(parser, text)


@pytest.mark.parametrize(
    "text",
    [
        "I love ice cream",
        "made a pot of coffee",
        "I drink water all day",
        "my phone battery is at 5 percent",
        "we went to the bars downtown for karaoke",
        "I bet you hear this a lot",
        "crystal clear",
        "the speed limit is too low",
        "I'm using the app on my phone",
        "I think about things a lot",
        "the ice on the road was bad",
        "my speed is slow today",
        "My friend invited me to a wine tasting",
        "Where do I park?",
    ],
)
def test_look_alike_is_not_a_concern(parser: Parser, text: str) -> None:
    """Everyday senses of slang words do not give a concern."""
    assert codes(parser, text) == set()


def test_weak_evidence_gives_way_to_specific(parser: Parser) -> None:
    """ "addicted" or "pills" count only when nothing more specific is named."""
    assert codes(parser, "I'm addicted to painkillers") == {"opioids"}
    assert codes(parser, "I'm addicted") == {"other_drugs"}
    assert codes(parser, "I smoke weed") == {"cannabis"}
    assert codes(parser, "I smoke a lot") == {"tobacco"}


def test_al_anon_is_alcohol_for_a_loved_one(parser: Parser) -> None:
    """Family fellowships name the loved one's concern."""
    (concern,) = parser.parse("I think I need Al-Anon").concerns
    assert (concern.code, concern.experiencer) == ("alcohol", "family")


def test_evidence_is_the_words_written(parser: Parser) -> None:
    """Evidence is the text as written (not the corrected form)."""
    (concern,) = parser.parse("My drnking is bad").concerns
    assert concern.evidence == "drnking"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my friend Molly told me about you", set()),
        ("I took molly at a party", {"other_drugs"}),
        ("there is a crack in my phone screen", set()),
        ("I smoke crack in my car", {"stimulants"}),
        ("my sister grows pot plants for decoration", set()),
        ("I want to spice up my life", set()),
    ],
)
def test_slang_that_is_also_a_name_or_a_thing(parser: Parser, text: str, expected: set) -> None:
    """Names (Molly, Tina) and things (a crack, pot plants) are not drugs; the drug senses are."""
    assert codes(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hitting the sauce every night", {("alcohol", "self", "current")}),
        ("chasing the dragon again", {("opioids", "self", "current")}),
        ("wake n bake every day", {("cannabis", "self", "current")}),
        ("my issue is food, i binge", {("eating", "self", "current")}),
        ("on zoloft but still super low", {("depression", "self", "current")}),
        ("idk everything is just bad", {("depression", "self", "current")}),
        ("i feel so empty and numb", {("depression", "self", "current")}),
        ("mi papá toma todos los días", {("alcohol", "family", "current")}),
        ("como y como hasta vomitar", {("eating", "self", "current")}),
        ("wine mom here", {("alcohol", "self", "current")}),
        ("I go to NA and my real problem is anxiety", {("anxiety", "self", "current")}),
        ("been to a DBSA meeting, honestly it's the booze", {("alcohol", "self", "current")}),
        ("3 yrs clean off heroin, NA saved my life", {("opioids", "self", "past")}),
        ("i cant stop crying since grandpa died", {("grief", "self", "current")}),
    ],
)
def test_slang_plain_words_and_vague_low_mood(parser: Parser, text: str, expected: set) -> None:
    """Slang and plain words in English and Spanish; vague low mood with nothing named is
    depression for the writer; a fellowship's name adds nothing when a problem is named."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clean since 2016", {("other_drugs", "self", "past")}),
        ("14 years in AA", {("alcohol", "self", "past")}),
        ("havent placed a bet in 4 years", {("gambling", "self", "past")}),
        ("llevo 2 años sin tomar", {("alcohol", "self", "past")}),
        ("8 months on suboxone, off the fent", {("opioids", "self", "past")}),
        ("back when i was drinking i was a mess. 6 yrs sober now", {("alcohol", "self", "past")}),
        ("sober 3 years but drinking again", {("alcohol", "self", "current")}),
        ("i used to gamble but now i play slots every night", {("gambling", "self", "current")}),
        ("nothing is fun anymore", {("depression", "self", "current")}),
    ],
)
def test_recovery_is_past(parser: Parser, text: str, expected: set) -> None:
    """Recovery however said is `past`, across the message; a relapse or "but now" is current;
    "anymore" after a lost joy is no recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me paso de copete todos los findes", {("alcohol", "self", "current")}),
        ("quiero dejar el romo", {("alcohol", "self", "current")}),
        ("knocking back a fifth a day", {("alcohol", "self", "current")}),
        ("my brother's on the charlie again", {("stimulants", "family", "current")}),
        ("mi hijo anda fumando pasta base", {("stimulants", "family", "current")}),
        ("wake-and-baking before every class", {("cannabis", "self", "current")}),
        ("ando bien agüitada", {("depression", "self", "current")}),
        ("me siento muy vacía", {("depression", "self", "current")}),
        ("eating in secret every night after work", {("eating", "self", "current")}),
        ("my niece is skin and bones", {("eating", "family", "current")}),
        ("he wakes up screaming most nights since the crash", {("trauma", "family", "current")}),
        ("crypto trading is eating my paycheck", {("gambling", "self", "current")}),
        (
            "desde que enviudé no salgo de casa y me dan ataques de pánico",
            {("grief", "self", "current"), ("anxiety", "self", "current")},
        ),
    ],
)
def test_regional_slang_and_plain_signs(parser: Parser, text: str, expected: set) -> None:
    """Regional words (copete, romo, charlie, pasta base, agüitada, enviudé), waking screaming
    (trauma), eating in secret (eating), crypto trading (gambling); "ataques de pánico" is as
    strong as "panic attacks"."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("been smoking zoots since first year", {("cannabis", "self", "current")}),
        ("he's on the tik again and stealing from his gran", {("stimulants", "family", "current")}),
        ("my boyfriend does a bit of sniff at the weekends", {("stimulants", "family", "current")}),
        ("mi hermano anda metido en la piedra", {("stimulants", "family", "current")}),
        ("mi primo vive fumando pasto", {("cannabis", "family", "current")}),
        ("llego chumado a la casa todos los viernes", {("alcohol", "self", "current")}),
        ("mi papá anda en la bebentina otra vez", {("alcohol", "family", "current")}),
        ("mi esposo se gasta la quincena en los gallos", {("gambling", "family", "current")}),
        ("en el trabajo siento que me ahogo", {("anxiety", "self", "current")}),
        ("honestly just existing, not living", {("depression", "self", "current")}),
        ("since the breakup I can't get off the couch", {("depression", "self", "current")}),
        (
            "vaping and smoking weed every day",
            {("tobacco", "self", "current"), ("cannabis", "self", "current")},
        ),
        ("I love tik tok way too much", set()),
        ("my kuya is on shabu again", {("stimulants", "family", "current")}),
        ("chewing khat every afternoon with the guys", {("stimulants", "self", "current")}),
        ("smoking bhang since school", {("cannabis", "self", "current")}),
        ("my uncle is on codeine syrup every day", {("opioids", "family", "current")}),
    ],
)
def test_more_regional_slang_and_plain_signs(parser: Parser, text: str, expected: set) -> None:
    """Zoots, tik, sniff, la piedra, pasto, chumado, bebentina, los gallos, shabu, khat, bhang;
    codeine syrup is an opioid; feeling one is drowning (anxiety); just existing, stuck on the
    couch (depression); vaping is nicotine even beside weed; "tik tok" is an app."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi carnal se toma dos caguamas cada noche", {("alcohol", "family", "current")}),
        ("mi chiquilla dice que tiene ansiedad", {("anxiety", "family", "current")}),
        ("our lad is smoking weed every day", {("cannabis", "family", "current")}),
        ("lads any gambling groups round here", {("gambling", "self", "current")}),
        ("six years dry and still go to meetings", {("alcohol", "self", "past")}),
        ("been on co-codamol since the op and can't stop", {("opioids", "self", "current")}),
        ("want to get off the rock for good", {("stimulants", "self", "current")}),
        ("heart pounding before every shift", {("anxiety", "self", "current")}),
        ("I keep jumping at every knock since the break-in", {("trauma", "self", "current")}),
        ("is there a group for widowers near me", {("grief", "self", "current")}),
        ("ya nada me da gusto, ni salir", {("depression", "self", "current")}),
    ],
)
def test_kin_drink_pills_and_plain_signs_r13(parser: Parser, text: str, expected: set) -> None:
    """Carnal, chiquilla, our lad (but "lads" alone is a greeting); caguamas; "years dry" is
    recovery; co-codamol is an opioid; "the rock"; a pounding heart (anxiety); jumping at every
    sound (trauma); a group for widowers (grief); nothing gives pleasure (depression)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "i purge after dinner most nights. vomito después de comer",
            {("eating", "self", "current")},
        ),
        (
            "since the breakup I eat a whole packet of biscuits most nights",
            {("eating", "self", "current")},
        ),
        (
            "grew up seeing my stepdad hitting my mum, now loud voices freeze me",
            {("trauma", "self", "current")},
        ),
        ("de niña veía a mi padre golpeando a mi madre", {("trauma", "self", "current")}),
        ("I get intrusive thoughts about the baby getting hurt", {("anxiety", "self", "current")}),
        (
            "since my brother died the nightmares have come back",
            {("grief", "self", "current"), ("trauma", "self", "current")},
        ),
    ],
)
def test_purging_binges_witnessed_violence_and_loss_r14(
    parser: Parser, text: str, expected: set
) -> None:
    """Throwing up after meals in Spanish; eating whole packets (said by "I"); growing up seeing
    a parent hit the other (trauma); intrusive thoughts (anxiety); a loss names who died, not
    whose a later concern is."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("desde enero no me puedo levantar de la cama", {("depression", "self", "current")}),
        ("desde que me despidieron me la paso en la cama", {("depression", "self", "current")}),
        ("mi primo volvió a la piedra después de la cárcel", {("stimulants", "family", "current")}),
    ],
)
def test_spanish_bed_and_back_to_the_rock(parser: Parser, text: str, expected: set) -> None:
    """Not getting out of bed, lying in bed all day (depression); "volvió a la piedra"."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "can i take my quetiapine with a couple of pints at the wedding? i have psychosis",
            {("psychosis", "self", "current")},
        ),
        ("¿se puede mezclar la paroxetina con vino?", set()),
        (
            "me dieron clonazepam para dormir y ahora lo tomo a cada rato",
            {("other_drugs", "self", "current")},
        ),
        ("tomo demasiado vino todas las noches", {("alcohol", "self", "current")}),
    ],
)
def test_a_drink_named_with_a_medicine_is_a_mixing_question(
    parser: Parser, text: str, expected: set
) -> None:
    """A drink named with a medicine ('quetiapine with a couple of pints', 'mezclar con vino')
    asks about mixing, not a drinking concern; 'lo tomo' takes a pill, not a drink."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le doy duro al chupe cada fin de semana", {("alcohol", "self", "current")}),
        ("hace un año que dejé el chupi", {("alcohol", "self", "past")}),
    ],
)
def test_chupe_and_chupi_are_drink(parser: Parser, text: str, expected: set) -> None:
    """'Chupe', 'chupi' (Mexico, Peru, Chile) are drink, as 'chupar' already was."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("llego jumao todos los viernes y no me acuerdo de nada", {("alcohol", "self", "current")}),
        ("ando fumando pito antes del liceo", {("cannabis", "self", "current")}),
        ("me agarró el paco y no salgo", {("stimulants", "self", "current")}),
        ("llevo 4 meses limpio de piedra", {("stimulants", "self", "past")}),
        ("i keep losing my wages on the horses", {("gambling", "self", "current")}),
        ("back on the gear every day since christmas", {("opioids", "self", "current")}),
    ],
)
def test_regional_words_of_round_nineteen(parser: Parser, text: str, expected: set) -> None:
    """Dominican 'jumao', Chilean 'pito', Southern Cone 'paco' and 'piedra', betting on 'the
    horses', Irish and British 'the gear'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi chamo anda metido en la piedra", {("stimulants", "family", "current")}),
        ("mi cabro chico de 16 anda fumando pito", {("cannabis", "family", "current")}),
    ],
)
def test_regional_words_for_a_child(parser: Parser, text: str, expected: set) -> None:
    """Venezuelan 'chamo', Chilean 'cabro' and their neighbours are a loved one after "mi"."""
    assert found(parser, text) == expected


def test_as_a_child_stays_the_writers(parser: Parser) -> None:
    """ "De pibe" (as a boy) names no loved one: what follows is the writer's."""
    got = found(parser, "de pibe fumaba porro y ahora no puedo parar de apostar")
    assert ("gambling", "self", "current") in got
    assert {e for _, e, _ in got} == {"self"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I scrub my hands till they crack, check the oven 15 times",
            {("anxiety", "self", "current")},
        ),
        ("my skin would crack from all the washing", set()),
        ("been smoking crack in the car again", {("stimulants", "self", "current")}),
        ("mi tío toma todas las tardes en la cantina", {("alcohol", "family", "current")}),
        ("tomo todos mis medicamentos como me dijo el doctor", set()),
    ],
)
def test_compulsions_crack_as_a_verb_and_tomar_every_day(
    parser: Parser, text: str, expected: set
) -> None:
    """Washing hands raw and checking the oven N times are OCD (anxiety); 'til they crack' is no
    crack cocaine; 'toma todas las tardes' is drinking, 'tomo todos mis medicamentos' a medicine."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no dejo de apostarle a los gallos", {("gambling", "self", "current")}),
        ("losing my salary on teen patti every night", {("gambling", "self", "current")}),
        ("got my second DUI last month", {("alcohol", "self", "current")}),
        ("mi sobrina casi no come y dice que se ve gorda", {("eating", "family", "current")}),
        ("cuando estoy sola como sin parar", {("eating", "self", "current")}),
        ("todo me pesa últimamente", {("depression", "self", "current")}),
        ("perdimos al bebé en marzo y no levanto cabeza", {("grief", "self", "current")}),
        ("sueño con las explosiones casi todas las noches", {("trauma", "self", "current")}),
        ("desde lo del asalto no salgo de casa", {("trauma", "self", "current")}),
        ("fumé 30 años y lo dejé el año pasado", {("tobacco", "self", "past")}),
    ],
)
def test_words_of_round_twenty_two(parser: Parser, text: str, expected: set) -> None:
    """Betting said 'apostarle', Indian card games, a DUI, Spanish ways of saying an eating
    problem, a vague 'todo me pesa', losing a baby, dreams of violence and 'desde lo del asalto',
    years smoked ('fumé 30 años')."""
    assert found(parser, text) == expected


def test_a_plural_that_needs_my_names_no_loved_one(parser: Parser) -> None:
    """'Vi caer compañeros': colleagues named without 'mis' are nobody close; what the writer
    dreams after is theirs."""
    got = found(parser, "en la guerra vi caer compañeros y todavía sueño con los disparos")
    assert got == {("trauma", "self", "current")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mum died 3 years ago and it still hits me every morning", {("grief", "self", "current")}),
        ("Dad died of a stroke in the spring", {("grief", "self", "current")}),
    ],
)
def test_a_loved_one_died_some_time_ago(parser: Parser, text: str, expected: set) -> None:
    """'Mum died 3 years ago', 'Dad died of a stroke': a death without 'my' is a loss, whatever
    follows the verb."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my wife died in May. any group for people who lost someone to drugs?",
            {("grief", "self", "current")},
        ),
        (
            "my brother died last year, is there a group for those bereaved by an overdose",
            {("grief", "self", "current")},
        ),
        ("lost my job to the drugs and now my flat", {("other_drugs", "self", "current")}),
    ],
)
def test_a_group_for_those_who_lost_someone_to_drugs(
    parser: Parser, text: str, expected: set
) -> None:
    """'Lost someone to drugs', 'bereaved by drugs' name how a loved one died, no drug use; 'lost
    my job to the drugs' is the writer's own."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi hija es bipolar y dejó las pastillas hace un mes", {("bipolar", "family", "current")}),
        (
            "my brother has schizophrenia and won't take his pills",
            {("psychosis", "family", "current")},
        ),
        (
            "I'm depressed and popping pills to sleep",
            {("depression", "self", "current"), ("other_drugs", "self", "current")},
        ),
    ],
)
def test_pills_beside_bipolar_or_psychosis_are_medicine(
    parser: Parser, text: str, expected: set
) -> None:
    """The pills of someone with bipolar or a psychosis are their medicine, no drug use; beside
    other concerns, pills still count."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("desde que se fue mi hija no tengo ganas de nada", {("depression", "self", "current")}),
        (
            "since my husband died I have no energy and no tengo ganas de nada",
            {("depression", "self", "current"), ("grief", "self", "current")},
        ),
        ("everything's just grey lately", {("depression", "self", "current")}),
        ("I can't seem to get going of a morning", {("depression", "self", "current")}),
        ("so burnt out from caring for dad", {("depression", "self", "current")}),
    ],
)
def test_no_wish_for_anything_and_a_grey_world(parser: Parser, text: str, expected: set) -> None:
    """'No tengo ganas de nada' is low mood even beside a loss; 'everything's grey', 'can't get
    going of a morning', 'burnt out' are vague low mood (depression when nothing else is named)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hay reuniones de Alcohólicos Anónimos en Quito?", {("alcohol", "self", "current")}),
        ("cada que pierdo me chumo", {("alcohol", "self", "current")}),
        ("mi viejo sigue con el ron todas las noches", {("alcohol", "family", "current")}),
        ("Ron from work said there's a meeting", set()),
        ("up to 10 tins a day now", {("alcohol", "self", "current")}),
        ("the sherry comes out earlier every day", {("alcohol", "self", "current")}),
    ],
)
def test_words_for_drink(parser: Parser, text: str, expected: set) -> None:
    """Alcohólicos Anónimos, Andean 'chumarse', rum after an article ('el ron', not the name Ron),
    tins a day, sherry."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi sobrino anda metiendo piedra otra vez", {("stimulants", "family", "current")}),
        ("la pasta me tenía loco de joven", {("stimulants", "self", "current")}),
        ("mi primo fuma pasta básica", {("stimulants", "family", "current")}),
        ("me and the boys do a couple lines on a friday", {("stimulants", "self", "current")}),
        ("I read a few lines of the book", set()),
    ],
)
def test_crack_paste_and_lines(parser: Parser, text: str, expected: set) -> None:
    """'Piedra' and 'pasta' after a verb of use, 'pasta básica', 'a couple lines on...' are
    stimulants; a few lines of a book are not."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hace un año mataron a mi primo y no lo supero", {("grief", "self", "current")}),
        ("my wife lost her dad in June and won't get out of bed", {("grief", "family", "current")}),
        ("lost 2 of my mates to suicide since we got back", {("grief", "self", "current")}),
        ("we lost our Sam in a crash in May", {("grief", "self", "current")}),
        ("grandma died. cant cope", {("grief", "self", "current")}),
        ("my sponsor died last week and the cravings are back", {("grief", "self", "current")}),
        (
            "me da ansiedad salir de casa desde que murió mi papá",
            {("anxiety", "self", "current"), ("grief", "self", "current")},
        ),
    ],
)
def test_more_ways_to_say_a_loss(parser: Parser, text: str, expected: set) -> None:
    """'Mataron a mi primo', 'lost her dad' (the loss is hers), 'lost 2 of my mates', 'lost our
    Sam', a bare 'grandma died.', a sponsor's death; 'me da ansiedad' stands beside a loss."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where do i get naloxone, my daughter is using again", {("opioids", "family", "current")}),
        ("narcan brought me back in 2020, clean 3 years now", {("opioids", "self", "past")}),
        ("my daughter is using again", {("other_drugs", "family", "current")}),
        ("chemsex every weekend and the tina is taking over", {("stimulants", "self", "current")}),
        ("chemsex every weekend, I can't stop", {("other_drugs", "self", "current")}),
    ],
)
def test_narcan_names_the_drug_and_chemsex_yields(parser: Parser, text: str, expected: set) -> None:
    """Naloxone or narcan in a message makes a use that names no drug opioids; 'chemsex' counts
    only when no drug is named."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tengo TOC y reviso la estufa como 20 veces", {("anxiety", "self", "current")}),
        (
            "mi hijo toma mucho y yo no duermo de la angustia",
            {("alcohol", "family", "current"), ("anxiety", "self", "current")},
        ),
        (
            "my son uses and I worry about him constantly",
            {("other_drugs", "family", "current"), ("anxiety", "self", "current")},
        ),
        (
            "too much of the k and the tina every weekend",
            {("other_drugs", "self", "current"), ("stimulants", "self", "current")},
        ),
        ("mi hermano tuvo una sobredosis el mes pasado", {("other_drugs", "family", "current")}),
        ("my aunt is hooked on her tablets", {("other_drugs", "family", "current")}),
    ],
)
def test_ocd_worry_ketamine_and_overdose_words(parser: Parser, text: str, expected: set) -> None:
    """Spanish OCD ('TOC', checking N times), sleeplessness from worry, the writer's constant
    worry about a loved one; 'la k' (ketamine), 'tuvo una sobredosis', 'hooked on her tablets'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was abused as a kid and it still messes with me", {("trauma", "self", "current")}),
        ("mi esposa dice que grito en la noche desde la guerra", {("trauma", "self", "current")}),
        (
            "mi papá se levanta gritando desde que volvió de la guerra",
            {("trauma", "family", "current")},
        ),
        ("my ex used to hit me and I still flinch", {("trauma", "self", "current")}),
        ("I keep seeing the crash every time I close my eyes", {("trauma", "self", "current")}),
    ],
)
def test_more_ways_to_say_trauma(parser: Parser, text: str, expected: set) -> None:
    """Abuse as a child ('as a kid' names no loved one), screaming at night ('grito' is the
    writer's), 'used to hit me' (the writer was hurt), images that come back with closed eyes."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi hermana se provoca el vómito después de cenar", {("eating", "family", "current")}),
        ("my daughter is barely eating and runs every morning", {("eating", "family", "current")}),
        ("my son is depressed and barely eating", {("depression", "family", "current")}),
        ("keep hearing whispering when nobody's home", {("psychosis", "self", "current")}),
        ("started on the pot for my back, now it's every night", {("cannabis", "self", "current")}),
        ("having a punt on the footy most days", {("gambling", "self", "current")}),
        ("i put £200 on them to win again, rent money", {("gambling", "self", "current")}),
        ("debo 3 mil en las peleas de gallos", {("gambling", "self", "current")}),
    ],
)
def test_eating_voices_pot_and_bets_in_other_words(
    parser: Parser, text: str, expected: set
) -> None:
    """Purging said in Spanish; 'barely eating' only when nothing else explains it; whispering
    heard alone; 'on the pot', 'a punt', money put on a team; '3 mil' is a sum, no mother-in-law."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my cousin is on the nyaope in Soweto", {("opioids", "family", "current")}),
        ("my nephew's on the down again", {("opioids", "family", "current")}),
        ("we lost the down payment at the casino", {("gambling", "self", "current")}),
    ],
)
def test_regional_opioid_words(parser: Parser, text: str, expected: set) -> None:
    """South African 'nyaope', Canadian 'on the down' are opioids; a down payment is not."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "saw the story about the crash, so sad. anyway I drink too much",
            {("alcohol", "self", "current")},
        ),
        ("I've been so sad since the move", {("depression", "self", "current")}),
    ],
)
def test_so_sad_as_a_remark(parser: Parser, text: str, expected: set) -> None:
    """'So sad.' said of a story is a remark; 'I've been so sad' is low mood."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "bipolar 2, on lithium, and in a low patch again this winter",
            {("bipolar", "self", "current")},
        ),
        (
            "my husband is bipolar and I've been depressed for months",
            {("bipolar", "family", "current"), ("depression", "self", "current")},
        ),
    ],
)
def test_the_lows_of_bipolar_are_bipolar(parser: Parser, text: str, expected: set) -> None:
    """A low mood of someone with bipolar is part of it (concerns.json subsumed_by); another
    person's low mood stands."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mi hermano anda metido en esa porquería y no sé qué hacer",
            {("other_drugs", "family", "current")},
        ),
        (
            "vieron lo de las muertes por cristal? mi primo usa esa madre",
            {("stimulants", "family", "current")},
        ),
    ],
)
def test_using_that_stuff(parser: Parser, text: str, expected: set) -> None:
    """'Usa esa madre', 'metido en esa porquería' is drug use; a drug a story names is its drug."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I'm doing a dissertation on heroin use among students, any NA groups for visitors?",
            set(),
        ),
        ("estoy escribiendo mi tesis sobre la cocaína en los barrios, hay grupos de NA?", set()),
        ("my uncle is a drug worker and I can't stop gambling", {("gambling", "self", "current")}),
        ("I'm an addiction counsellor looking for a yoga class", set()),
        ("dad is on a morphine pump at the hospital now", set()),
    ],
)
def test_study_work_and_care_frames(parser: Parser, text: str, expected: set) -> None:
    """A study of a drug is a topic (and a fellowship asked for it nobody's); a job title
    ('addiction counsellor', 'drug worker') and a medicine given in care ('morphine pump') name
    no concern."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my workmates are all on the coke and I just feel so depressed",
            {("depression", "self", "current")},
        ),
        (
            "half my crew are on the pills, the other half are down the casino. I drink though",
            {("alcohol", "self", "current")},
        ),
        ("my colleagues bet on everything, I'm so depressed", {("depression", "self", "current")}),
    ],
)
def test_workmates_use_is_nobodys(parser: Parser, text: str, expected: set) -> None:
    """Workmates ('my crew', 'my colleagues', 'the other half are') are no loved ones: their use
    is nobody's concern, the writer's own stands."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el cigarrillo me tiene enfermo", {("tobacco", "self", "current")}),
        ("mi novio tiene adiccion al juego", {("gambling", "family", "current")}),
        ("mi papá tiene problemas con el juego hace años", {("gambling", "family", "current")}),
        ("ya nada me ilusiona", {("depression", "self", "current")}),
        ("la verdad duermo todo el dia", {("depression", "self", "current")}),
    ],
)
def test_plain_spanish_words(parser: Parser, text: str, expected: set) -> None:
    """'El cigarrillo', 'problemas con el juego', 'nada me ilusiona', a day unaccented."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Me gustaría ser voluntario en un grupo de ansiedad, lo superé hace tiempo",
            {("anxiety", "self", "past")},
        ),
        (
            "sertraline and therapy got me here, I want a DBSA group to keep it that way",
            {("depression", "self", "past")},
        ),
    ],
)
def test_volunteering_and_keeping_well(parser: Parser, text: str, expected: set) -> None:
    """Wanting to volunteer in a group, or a group 'to keep it that way', is said from recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ten years back I downed a bottle of pills, now I'm a nurse and doing great", set()),
        ("de joven me tomé una caja entera de pastillas y sobreviví", set()),
        ("grandma is on morphine for the pain and sleeping a lot", set()),
        ("the hospice got her on morphine, she's peaceful", set()),
        ("¿el pollo al vino se puede servir a los niños?", set()),
        ("limpie la cocina toda la tarde", set()),
        (
            "perdimos a mi primo por la droga y mi tía no levanta cabeza",
            {("grief", "self", "current")},
        ),
    ],
)
def test_no_use_in_an_overdose_care_cooking_or_a_loss(
    parser: Parser, text: str, expected: set
) -> None:
    """A bottle of pills taken once is an overdose, no drug use; morphine given for an illness,
    wine in a dish and 'limpie la cocina' name no concern; a loved one lost to drugs is a loss."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me aposte la quincena en el futbol", {("gambling", "self", "current")}),
        ("I bet the rent on a boxing match", {("gambling", "self", "current")}),
        ("hay jugadores anonimos en Lima?", {("gambling", "self", "current")}),
        ("necesito narcoticos anonimos urgente", {("other_drugs", "self", "current")}),
        ("mi hijo fuma la maria todo el dia", {("cannabis", "family", "current")}),
        ("hace un mes se me fue mi marido", {("grief", "self", "current")}),
        ("soy viuda hace poco y no sé qué hacer", {("grief", "self", "current")}),
        (
            "everything just feels heavy lately, I feel heavy all day",
            {("depression", "self", "current")},
        ),
        ("my wife is fine now, I'm the one falling apart", {("depression", "self", "current")}),
    ],
)
def test_round_33_34_words(parser: Parser, text: str, expected: set) -> None:
    """'Me aposte la quincena', 'bet the rent', unaccented fellowships, 'la maría', 'se me fue
    mi marido', 'viuda', 'feel heavy', 'the one falling apart'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my brother-in-law gets wasted every weekend", {("alcohol", "family", "current")}),
        ("en mi pueblo mi abuelo toma posh todos los dias", {("alcohol", "family", "current")}),
        ("quiero dejar el vapeador, ya me tiene harta", {("tobacco", "self", "current")}),
        ("me gasto la pensión en el bingo cada semana", {("gambling", "self", "current")}),
    ],
)
def test_round_35_36_words(parser: Parser, text: str, expected: set) -> None:
    """'Gets wasted', 'posh' after a drinking verb, 'el vapeador', money spent 'en el bingo'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nightmares 3x a week since the crash", {("trauma", "self", "current")}),
        ("binge eating like 3x this week", {("eating", "self", "current")}),
    ],
)
def test_a_count_is_no_ex(parser: Parser, text: str, expected: set) -> None:
    """'3x' is a count ('times'), not a leet 'ex' naming a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi tío fuma mariguana desde la mañana", {("cannabis", "family", "current")}),
        ("mi abuelo se gasta la pensión en la bolita", {("gambling", "family", "current")}),
        ("my dad barely gets out of bed since the layoff", {("depression", "family", "current")}),
        ("my brother keeps leaving burnt foil in the bathroom", {("opioids", "family", "current")}),
        ("tengo depresión y estoy tomando sertralina", {("depression", "self", "current")}),
        (
            "the tablet is fine but I don't use computers much, I'm depressed",
            {("depression", "self", "current")},
        ),
        ("ya no aguanto, son tres cajetillas al día", {("tobacco", "self", "current")}),
    ],
)
def test_round_41_43_words(parser: Parser, text: str, expected: set) -> None:
    """'Mariguana', 'la bolita', a loved one who 'barely gets out of bed', burnt foil, 'tomando'
    a medicine (no drinking), using a computer (no drug), Spanish 'son' before a number word."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Weed was never my problem, it's the coke that got out of hand",
            {("stimulants", "self", "current")},
        ),
        (
            "la bebida nunca fue mi problema, lo mío son las apuestas",
            {("gambling", "self", "current")},
        ),
        ("nadie murió, pero sigo con pesadillas", {("trauma", "self", "current")}),
        ("I barely sleep and the flashbacks keep coming", {("trauma", "self", "current")}),
        ("I don't sleep and the nightmares are constant", {("trauma", "self", "current")}),
    ],
)
def test_negation_by_cause(parser: Parser, text: str, expected: set) -> None:
    """'Never been my problem' negates what comes before it; 'nadie' negates; 'I don't sleep' is
    a symptom, not a negation of what follows."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Years back I tried to end it with pills. I'm in a much better place now and want "
            "a depression group to stay there.",
            {("depression", "self", "past")},
        ),
        ("my cousin swallowed a fistful of tablets, she's stable now", set()),
    ],
)
def test_attempt_means_and_better_place(parser: Parser, text: str, expected: set) -> None:
    """The pills of an attempt are no drug use; 'in a much better place now' is recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "For my screenplay the main character shoots heroin in a motel, what are NA rooms like?",
        "Escribo una novela donde el personaje principal fuma crack. ¿Cómo es una reunión?",
    ],
)
def test_a_character_in_fiction_is_a_topic(parser: Parser, text: str) -> None:
    """A character's drug use in a story the writer is writing is a topic, nobody's concern."""
    assert not {c for c in found(parser, text) if c[0] in {"opioids", "stimulants"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "honestly I've been worrying myself sick about everything lately",
            {("anxiety", "self", "current")},
        ),
        ("no sé qué me pasa, sin ganas de na desde marzo", {("depression", "self", "current")}),
        (
            "everything has been gray since the summer, can't explain it",
            {("depression", "self", "current")},
        ),
        (
            "used to be on the gear. 4 yrs clean now, want an NA meeting",
            {("opioids", "self", "past")},
        ),
        ("ya tengo dos años sin probar una gota, busco grupo de AA", {("alcohol", "self", "past")}),
        (
            "de joven bebía como loco, ya no bebo. quiero ayudar en un grupo",
            {("alcohol", "self", "past")},
        ),
        ("antes tomaba todos los días. ya no tomo, gracias a Dios", {("alcohol", "self", "past")}),
        (
            "I've been in AA 12 years and my son just started drinking heavily",
            {("alcohol", "self", "past"), ("alcohol", "family", "current")},
        ),
        (
            "we buried her last month and I can't stop thinking about her",
            {("grief", "self", "current")},
        ),
        ("se me fue mi Rosita en enero y no encuentro consuelo", {("grief", "self", "current")}),
        ("any group for people who lost a kid? it's been a year", {("grief", "self", "current")}),
    ],
)
def test_round_58_59_words(parser: Parser, text: str, expected: set) -> None:
    """Worrying oneself sick, 'sin ganas de na', 'everything has been gray', '4 yrs clean',
    'sin probar una gota', 'ya no bebo/tomo' (recovery), 'in AA 12 years', 'we buried her', 'se me
    fue mi' and a name, 'lost a kid'."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "el rivotril me tiene mal, tomaba como 4 mg al día y no duermo",
            {("other_drugs", "self", "current")},
        ),
        (
            "con el alprazolam (xanax, tomaba unas 5) estoy temblando",
            {("other_drugs", "self", "current")},
        ),
        (
            "A year ago I had the tablets lined up on the desk. Now I'm a year sober and want AA",
            {("alcohol", "self", "past")},
        ),
        ("bebo todos los días. ya no tomo mis pastillas", {("alcohol", "self", "current")}),
    ],
)
def test_a_dose_taken_or_laid_out_is_no_drinking_or_use(
    parser: Parser, text: str, expected: set
) -> None:
    """'Tomaba como 4 mg' or a benzo named right before 'tomaba' is a dose of a medicine, no
    drinking; pills laid out for an attempt are no drug use; 'ya no tomo mis pastillas' is no
    recovery from drink."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 and smoking dagga most nights, want to stop", {("cannabis", "self", "current")}),
        ("los viernes salgo y el sábado me bajoneo feo", {("depression", "self", "current")}),
        ("tomo re mucho cuando salgo con los pibes", {("alcohol", "self", "current")}),
        ("hace 2 años que no pruebo la pasta, sigo firme", {("stimulants", "self", "past")}),
        (
            "my nephew has been playing poker for real money on his phone",
            {("gambling", "family", "current")},
        ),
        (
            "limpio casas por las mañanas y de noche no duermo de la angustia",
            {("anxiety", "self", "current")},
        ),
        (
            "mi suegra se vino a vivir con nosotros y ando con ansiedad",
            {("anxiety", "self", "current")},
        ),
        ("el vino a diario ya me está afectando", {("alcohol", "self", "current")}),
        (
            "my flatmate took the pills away from me last night. I want a depression group",
            {("depression", "self", "current")},
        ),
        (
            "I attempted, with tablets, two years ago and still fight the depression",
            {("depression", "self", "current")},
        ),
        (
            "hace años intenté quitarme la vida con pastillas, hoy busco un grupo de ansiedad",
            {("anxiety", "self", "current")},
        ),
    ],
)
def test_round_60_61_words(parser: Parser, text: str, expected: set) -> None:
    """'Dagga' (cannabis), 'me bajoneo' (depression), 'tomo re mucho' (drinking), 'no pruebo la
    pasta' (stimulants, in recovery), poker for real money; 'limpio casas' (work, no time clean),
    'se vino a vivir' (came, no wine), pills taken away or named with an attempt (no drug use)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "my brother took all my meds and my razors home with him. need a bipolar group",
            {("bipolar", "self", "current")},
        ),
        (
            "mi hermana guarda todo: le entregué mis pastillas y me las da de una en una. "
            "sigo con mucha ansiedad",
            {("anxiety", "self", "current")},
        ),
        ("I've been sipping lean most nights since summer", {("opioids", "self", "current")}),
        (
            "estoy tomando jarabe de codeína a diario y no puedo parar",
            {("opioids", "self", "current")},
        ),
        (
            "I work as a drug and alcohol nurse and I'm 8 years sober myself",
            {("alcohol", "self", "past")},
        ),
        ("nightmares from the shelling, every single night", {("trauma", "self", "current")}),
        ("sueño de la guerra casi todas las noches", {("trauma", "self", "current")}),
        ("cada quincena acabo apostarme todo en los caballos", {("gambling", "self", "current")}),
    ],
)
def test_round_62_63_words(parser: Parser, text: str, expected: set) -> None:
    """Pills someone took from the writer or was handed are held, no drug use; a drug drunk
    ('sipping lean', 'jarabe de codeína') is no drinking; 'drug and alcohol nurse' is a job;
    dreams of war in English and 'pesadillas de la guerra'; 'apostarme' (gambling)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ayer vino mi cuñado a cenar y terminé llorando, no tengo ganas de nada",
            {("depression", "self", "current")},
        ),
        ("me tomo media botella de vino cada noche", {("alcohol", "self", "current")}),
        (
            "where exactly do you use narcan, the nose? I get panic attacks thinking about it",
            {("anxiety", "self", "current")},
        ),
    ],
)
def test_came_and_used_narcan(parser: Parser, text: str, expected: set) -> None:
    """'vino mi cuñado' is someone who came, no wine; using naloxone is first aid, no drug use."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my mum is 80 and I want to buy her a weekly pill organiser", set()),
        ("she mixes up her heart pills and her thyroid pills, what can I do", set()),
        ("le compré un pastillero a mi abuelo para sus pastillas de la presión", set()),
        (
            "my sister lives on diet pills and skips meals",
            {("eating", "family", "current")},
        ),
        (
            "mi prima toma pastillas para bajar de peso y casi no come",
            {("eating", "family", "current")},
        ),
        (
            "hace una semana que dejé de tomar el alprazolam y no duermo",
            {("other_drugs", "self", "past")},
        ),
        ("my cousin takes pills to get high every weekend", {("other_drugs", "family", "current")}),
    ],
)
def test_medicine_for_an_illness_and_diet_pills(parser: Parser, text: str, expected: set) -> None:
    """A pill organiser and pills for an illness ('heart pills', 'pastillas de la presión') are
    medicine, no drug; diet pills are an eating concern; 'tomar el alprazolam' takes a drug, no
    drink; pills taken to get high stay a drug."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fumo hierba cada noche para dormir", {("cannabis", "self", "current")}),
        ("mi hermano fuma mucha hierba", {("cannabis", "family", "current")}),
        ("quiero dejar de fumar, una cajetilla al día", {("tobacco", "self", "current")}),
        ("mi socio le da duro a la coca", {("stimulants", "family", "current")}),
        ("mi mai se toma sus tragos todas las noches", {("alcohol", "family", "current")}),
    ],
)
def test_spanish_weed_and_loved_ones(parser: Parser, text: str, expected: set) -> None:
    """'Fumo hierba' is cannabis, no tobacco; 'mi socio', 'mi mai' name a loved one."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hace 3 años que estoy sin fumar mota pero a veces se me antoja",
            {("cannabis", "self", "past")},
        ),
        ("dejé de fumar cigarros hace un año", {("tobacco", "self", "past")}),
        ("llevo medio año tomando naltrexona y dejé la codeína", {("opioids", "self", "past")}),
        ("sigo tomando mucho los fines de semana", {("alcohol", "self", "current")}),
    ],
)
def test_weed_smoked_and_treatment_taken(parser: Parser, text: str, expected: set) -> None:
    """'Sin fumar mota' is cannabis, no tobacco; 'tomando naltrexona' takes a medicine, no drink."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "grandad's song came on, the booze took him last spring. does grief ever ease",
            {("grief", "self", "current")},
        ),
        ("el vicio se llevó a mi tío hace un año y lo extraño", {("grief", "self", "current")}),
        ("the drink took my job and my marriage", {("alcohol", "self", "current")}),
    ],
)
def test_a_drink_or_drug_that_took_a_loved_one(parser: Parser, text: str, expected: set) -> None:
    """'The booze took him', 'el vicio se llevó a mi tío' say how a loved one died, no use by the
    writer; 'the drink took my job' is still the writer's drinking."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sufro de ansiedad hace tiempo y me recetaron escitalopram, busco un grupo",
            {("anxiety", "self", "current")},
        ),
        (
            "anoche nos emborrachamos otra vez en el cumple de un amigo",
            {("alcohol", "self", "current")},
        ),
        (
            "mi novio toma y se pone pesado, yo empecé a tomar cada noche",
            {("alcohol", "family", "current"), ("alcohol", "self", "current")},
        ),
        ("lo que siento son ataques de pánico cada mañana", {("anxiety", "self", "current")}),
        (
            "tuve un episodio maniaco el mes pasado y sigo medio acelerado",
            {("bipolar", "self", "current")},
        ),
        (
            "almost died from the pills in 2018, 5 years clean now",
            {("other_drugs", "self", "past")},
        ),
    ],
)
def test_round_76_79_causes(parser: Parser, text: str, expected: set) -> None:
    """A prescription negates a drug, never the condition it treats; getting drunk in the
    preterite; 'lo que siento son' is 'are'; a manic episode in Spanish; nearly dying is no loss."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "voy en la ambulancia y nos tocan varias sobredosis, tengo pesadillas",
            {("trauma", "self", "current")},
        ),
        (
            "mi papá está en recuperación del alcohol desde hace dos años",
            {("alcohol", "family", "past")},
        ),
        (
            "mi prima dejó la uni cuando tenía ansiedad, ahora está bien",
            {("anxiety", "family", "past")},
        ),
    ],
)
def test_round_76_79_work_and_recovery(parser: Parser, text: str, expected: set) -> None:
    """Overdoses met at work are a topic; 'en recuperación' and 'cuando tenía' are past."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my back hurts and I'm up to five norcos daily", {("opioids", "self", "current")}),
        (
            "me internaron por una crisis maniaca, hay grupos de bipolares por aquí?",
            {("bipolar", "self", "current")},
        ),
        (
            "served two deployments, my partner wants me in a veterans group",
            {("trauma", "self", "current")},
        ),
        (
            "mi hermano fue soldado y tiene pesadillas; busco grupo de veteranos para familias",
            {("trauma", "family", "current")},
        ),
        ("un año sin meterme piedra, quiero una reunión", {("stimulants", "self", "past")}),
        (
            "soy bombera y se me repiten las imágenes del incendio",
            {("trauma", "self", "current")},
        ),
        (
            "I overdosed on caffeine before the exam and now the panic attacks are back",
            {("anxiety", "self", "current")},
        ),
    ],
)
def test_round_80_81_words(parser: Parser, text: str, expected: set) -> None:
    """Hydrocodone brands; bipolar in the Spanish plural; a veterans group is trauma when alone;
    crack said 'piedra' after 'meterme'; replayed images; an overdose of coffee is no drug."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "on lexapro for depression: is it dangerous to have a glass or two of wine?",
            {("depression", "self", "current")},
        ),
        (
            "tengo ansiedad, ¿es malo tomarme un par de copas en la cena del viernes?",
            {("anxiety", "self", "current")},
        ),
        (
            "the night after my brother's graduation I drank till I blacked out",
            {("alcohol", "self", "current")},
        ),
        (
            "my wife has been flat for weeks; any depression meeting for her?",
            {("depression", "family", "current")},
        ),
        (
            "hace dos años mi primo casi se muere por la heroína, ahora está limpio",
            {("opioids", "family", "past")},
        ),
        (
            "llegué a Lima hace un año y desde entonces tengo ansiedad",
            {("anxiety", "self", "current")},
        ),
        (
            "got my schizophrenia dx last spring, still hearing things",
            {("psychosis", "self", "current")},
        ),
    ],
)
def test_round_80_81_causes(parser: Parser, text: str, expected: set) -> None:
    """A drink in a safety question with a medicine is no drinking; a celebration after a loved
    one's name is no loss; a group for a loved one names their concern; a sentence opening with
    'hace dos años' dates what follows; a diagnosis's date is no recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "long-haul trucker here, I need the speed to keep going on the night runs",
            {("stimulants", "self", "current")},
        ),
        (
            "my brother has schizophrenia and is steady on his shots, I need a family group",
            {("psychosis", "family", "current")},
        ),
        (
            "four years clean off the ice and just moved to Perth, is there CMA?",
            {("stimulants", "self", "past")},
        ),
        (
            "bouncer on nights, on the gear (coke) most weekends to keep going",
            {("stimulants", "self", "current")},
        ),
        (
            "my dad keeps playing online poker with the rent money. GA for family?",
            {("gambling", "family", "current")},
        ),
        (
            "attempted to end my life in 2015 with my pills, the depression is lighter now but "
            "still here",
            {("depression", "self", "current")},
        ),
        (
            "busco una reunión de comedores compulsivos en Monterrey",
            {("eating", "self", "current")},
        ),
        (
            "mi hermano lleva un año en recuperación del juego y quiere un grupo",
            {("gambling", "family", "past")},
        ),
        (
            "my cousin died in May, fentanyl in a fake xanax. is there a grief group?",
            {("grief", "self", "current")},
        ),
        (
            "desde la cirugía de rodilla sigo con las pastillas para el dolor y me tomo más de las "
            "que debo",
            {("opioids", "self", "current")},
        ),
        (
            "my brother seems a bit down since he lost his job, what signs should I watch for?",
            {("depression", "family", "current")},
        ),
        (
            "Long shifts are fine. What I'm not ok with is the line of coke I need to get through "
            "them",
            {("stimulants", "self", "current")},
        ),
    ],
)
def test_round_86_87_words(parser: Parser, text: str, expected: set) -> None:
    """Speed taken to stay awake; a medicine's shots are no drinking; 'clean off the ice' is
    recovery from meth; 'gear (coke)' names the coke; poker with the rent money is gambling, not
    a game with friends; the pills of a past attempt are no drug use; 'comedores compulsivos'
    (OA in Spanish); 'recuperación del juego'; the fentanyl in a fake pill is how someone died;
    'más de las que debo' counts pills, no drinks; 'seems down' is low mood; 'not ok with' is no
    negation."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Any Cocaine Anonymous meetings on Sundays in Leeds? 8 months clean and counting",
            {("stimulants", "self", "past")},
        ),
        (
            "Gamblers Anonymous near Cardiff please, I'm 2 years clean",
            {("gambling", "self", "past")},
        ),
        (
            "the dog's fine, what's not fine is the panic attacks at the till every morning",
            {("anxiety", "self", "current")},
        ),
        (
            "my student loan went on roulette",
            {("gambling", "self", "current")},
        ),
        (
            "mi hija de 16 no sale de su cuarto y fuma mota a diario",
            {("cannabis", "family", "current")},
        ),
        (
            "tomo la morfina recetada tras la operación, ni una pastilla más",
            set(),
        ),
        (
            "I take my diazepam exactly as my GP said and prescribed, the worry's still there",
            {("anxiety", "self", "current")},
        ),
        (
            "put away a 24 pack a day on the rigs, I want to stop drinking",
            {("alcohol", "self", "current")},
        ),
        ("lost the lot on the fixed odds terminals again", {("gambling", "self", "current")}),
        ("le doy al vaper desde que me levanto", {("tobacco", "self", "current")}),
        (
            "Bar work is fine, it's the bit of charlie on a Saturday I can't stop",
            {("stimulants", "self", "current")},
        ),
        ("salí del cristal hace 8 meses y busco un grupo", {("stimulants", "self", "past")}),
        (
            "got out of detox for xanax last week, looking for SMART",
            {("other_drugs", "self", "past")},
        ),
        ("mi padre me cuenta sus whiskies de cada noche", {("alcohol", "family", "current")}),
    ],
)
def test_round_90_93_words(parser: Parser, text: str, expected: set) -> None:
    """A time clean beside one fellowship's name is recovery from what it is for; 'not fine is'
    is no negation; 'my student loan' is money, no student; 'no sale de su cuarto' negates
    nothing after it; a medicine taken as prescribed is no drug use; a 24 pack is beer, no
    cigarettes; fixed odds, 'el vaper', 'the charlie', 'whiskies'; getting out of detox or
    'salió del cristal' is recovery."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my nerves are bad lately, any group?", {("anxiety", "self", "current")}),
        ("counting every calorie and skipping dinner", {("eating", "self", "current")}),
        ("I'm falling to pieces and I don't know why", {("depression", "self", "current")}),
        ("knocking back a 12 pack a night", {("alcohol", "self", "current")}),
        ("Meth 6 yrs, clean 3. Need a CMA meeting", {("stimulants", "self", "past")}),
        (
            "mi tío se toma como cuatro al día de clonazepam sin receta",
            {("other_drugs", "family", "current")},
        ),
    ],
)
def test_round_94_95_words(parser: Parser, text: str, expected: set) -> None:
    """'My nerves are bad', counting every calorie, falling to pieces, a 12 pack a night; a
    count after 'clean' following a span of use is recovery; 'se toma como cuatro al día'
    counts pills, no drinks."""
    assert found(parser, text) == expected

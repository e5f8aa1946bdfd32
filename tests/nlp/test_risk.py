"""The risk detector: concepts that generalise, modifiers, kinds, levels, and its own machinery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

import nlp
from nlp import Parser
from nlp.components.risk import Guards, NearAnchorMatcher, RiskDetector


def _detector(parser: Parser) -> RiskDetector:
    detector = parser.nlp.get_pipe("firststep_risk")
    assert isinstance(detector, RiskDetector)
    return detector


# Wordings written for these tests (not taken from any evaluation set): one or two for each
# concept, in English and Spanish, direct and indirect, the writer or someone with them.
CLEAR = [
    # suicide: means at hand, preparations, a day picked, a method researched
    ("the noose is tied and hanging in the wardrobe", "suicide"),
    ("im on the roof of my building", "suicide"),
    ("me voy a tirar del puente esta noche", "suicide"),
    ("tengo la soga lista", "suicide"),
    ("rent is due and i already picked the day, got all my stuff in order", "suicide"),
    ("ya regalé mi bici y mi ropa, donde voy no me hace falta nada", "suicide"),
    ("mi novia me mandó un mensaje de despedida y no contesta", "suicide"),
    ("i have a plan and the means", "suicide"),
    ("car is running in the garage with the door down", "suicide"),
    ("my brother texted me sorry for everything and his rifle is gone from the cabinet", "suicide"),
    # self-harm: acts of every kind, under way or just done, by the writer or someone else
    ("cut too deep, cant stop the bleeding", "self_harm"),
    ("my gf is cutting herself in the bathroom rn", "self_harm"),
    ("i scratched my arms until they bled again", "self_harm"),
    ("been burning myself with a hot spoon", "self_harm"),
    ("my little brother keeps banging his head against the wall and hes bleeding", "self_harm"),
    ("me he cortado otra vez los brazos", "self_harm"),
    ("mi hija se está quemando con un encendedor ahorita", "self_harm"),
    ("want to cut so bad rn, the razor is right here on my desk", "self_harm"),
    # overdose: intake + amount or container + substance + recency or symptoms; unresponsive
    ("took 8 tramadol and a bottle of wine", "overdose"),
    ("my mum swallowed a load of her tablets", "overdose"),
    ("she drank bleach", "overdose"),
    ("i think my baby ate my pills", "overdose"),
    ("he injected something and now hes blue", "overdose"),
    ("idk how many percs i took today, everything is blurry", "overdose"),
    ("me acabo de tomar como 20 pastillas de paracetamol", "overdose"),
    ("mi primo se metió algo y está convulsionando", "overdose"),
    ("first time using since rehab and i did my old amount, feel so heavy", "overdose"),
    # violence: weapon + target + now or close by, attacks under way, threats, hiding
    ("theres a man with a gun outside my house", "violence"),
    ("dad is drunk and threatening mum with a knife", "violence"),
    ("voy a matar a ese cabrón, ya tengo la pistola", "violence"),
    ("mi papá le está pegando a mi mamá ahorita", "violence"),
    ("he's strangling her, what do i do", "violence"),
    ("my husband is punching me and i locked myself in the bathroom", "violence"),
    ("got the bat in my truck and im heading over to his place now", "violence"),
    ("loaded my uncles shotgun, the guys who jumped me are at the park rn", "violence"),
    # the fourth strangers' round's concepts, said another way
    ("my brother is in his car in the garage, motor running, he won't answer", "suicide"),
    ("the rope is up in the shed and the door is locked from the inside", "suicide"),
    ("meds are lined up on the nightstand and i'm working up the nerve", "suicide"),
    ("tengo las pastillas aquí en la mesa y pienso tomármelas todas", "suicide"),
    ("grandad took his heart tablets twice today, now confused and very sleepy", "overdose"),
    ("had half a bottle of my sleeping pills with vodka, can't keep my eyes open", "overdose"),
    ("estuve con la merca toda la noche, me duele el pecho y no puedo respirar", "overdose"),
    ("keep digging my nails into my arms until they bleed", "self_harm"),
    ("me quemé la pierna con un cigarro otra vez", "self_harm"),
    ("thumping and glass smashing next door and a woman screaming for help", "violence"),
    ("he punched a hole in the door, says he's gonna do his brother when he gets back", "violence"),
    ("if i call the cops he says he will hurt the kids, been drinking since lunch", "violence"),
]

POSSIBLE = [
    ("i wish i could go to sleep and never wake up", "suicide"),
    ("nobody would even notice if i was gone", "suicide"),
    ("if i wrapped my car around a tree i wouldnt exactly be mad", "suicide"),
    ("dont think ill make it to my birthday tbh", "suicide"),
    ("no merezco vivir", "suicide"),
    ("wearing long sleeves in july so nobody sees my arms", "self_harm"),
    ("i deserve to hurt, physically", "self_harm"),
    ("ganas de cortarme otra vez", "self_harm"),
    ("got some pressed bars off a new plug, gonna take them tonight with nobody home", "overdose"),
    ("tempted to mix my xanax with my methadone tonight", "overdose"),
    ("i keep having thoughts of killing my roommate", "violence"),
    ("nothing left to live for since the wife passed", "suicide"),
    ("he choked me last week and he's outside my door right now", "violence"),
    ("so much rage, i keep driving past her place at night, dont know what ill do", "violence"),
]

CALM = [
    "my cousin overdosed in 2017 and we still miss him",
    "i used to cut myself in college but i've been clean for 5 years",
    "this deadline is going to be the death of me",
    "i tried to kill myself in 2015, doing much better now",
    "how much ibuprofen can i take for a migraine",
    "my son plays fortnite and shoots everyone lol",
    "he used to hit me but i left him three years ago",
    "quiero matar a mi hermano por comerse mi comida jaja",
    "me muero de sueño",
    "el año pasado intenté suicidarme, ahora estoy bien",
    "i keep a baseball bat by the door for safety",
    "i took 2 ibuprofen for my headache",
    "i'm a nurse and we had a patient overdose today",
    "my son said 'kms' about his homework, i know its slang, hes laughing now",
    "i'd rather die than go to another work party",
    "coming off oxy, day 2, sweating and cant sleep, feels like im gonna die",
    "my dog got into my edibles and is super wobbly, vet says hes fine",
    "my 17 year old is using meth, what do we do",
    "cut my finger chopping onions and it bled everywhere",
    "if the saints lose one more game im jumping off the stand lol",
    "my manager has a gun to my head over this quarter's numbers",
    "is it true that mixing benzos with methadone could kill me? asking for my own safety",
    "threw out all my old oxys today, 6 months clean and proud",
    "soy paramédico, anoche atendimos tres sobredosis, estoy agotado",
    "forgot i took my vitamins and took them twice, no big deal right",
    "sat in my car in the parking lot crying before work",
    "my ex pushed me against the wall last week, i'm staying at my sister's now",
    "he grabs my arm when he's angry, it's been going on for years",
    "me mate from work is back on the gear",
]


@pytest.mark.parametrize(("text", "kind"), CLEAR)
def test_clear_crisis(parser: Parser, text: str, kind: str) -> None:
    """Intent, means at hand, an act done or under way: a clear crisis of the right kind."""
    crisis = parser.check_crisis(text)
    assert crisis is not None, text
    assert (crisis.kind, crisis.level) == (kind, "clear"), text


@pytest.mark.parametrize(("text", "kind"), POSSIBLE)
def test_possible_crisis(parser: Parser, text: str, kind: str) -> None:
    """A wish, a burden, an urge, a risk without an act: at least a screening question."""
    crisis = parser.check_crisis(text)
    assert crisis is not None, text
    assert crisis.kind == kind, text


@pytest.mark.parametrize("text", CALM)
def test_calm_is_never_a_clear_crisis(parser: Parser, text: str) -> None:
    """Figures of speech, the past, jokes, questions, pets: never crisis lines sent for nothing."""
    crisis = parser.check_crisis(text)
    assert crisis is None or crisis.level == "possible", (text, crisis)


@pytest.mark.parametrize(
    "text",
    [
        "my son said 'kms' about his homework, i know its slang, hes laughing now",
        "if the saints lose one more game im jumping off the stand lol",
    ],
)
def test_said_in_fun_is_asked_about_at_most(parser: Parser, text: str) -> None:
    """A message-wide sign of fun (slang, laughed off, 'if ... one more') lowers any crisis."""
    crisis = parser.check_crisis(text)
    assert crisis is None or crisis.level == "possible"


def test_quotation_marks_do_not_split_a_threat(parser: Parser) -> None:
    """'gonna "handle" the kid' is read as 'gonna handle the kid'; the evidence is real text."""
    text = "my 15 yo says hes gonna 'handle' the kid who jumped him, a knife is missing"
    crisis = parser.check_crisis(text)
    assert crisis is not None and crisis.kind == "violence"
    assert crisis.evidence.lower() in text.lower()


def test_a_weapon_with_a_grudge_is_violence_not_suicide(parser: Parser) -> None:
    """A rule's 'none': lethal means at hand near a threat to someone else is not a suicide."""
    bought = parser.check_crisis("bought a gun today. my ex is gonna find out what it feels like")
    alone = parser.check_crisis("bought a gun today, its loaded on my nightstand, i want to die")
    assert bought is not None and bought.kind == "violence"
    assert alone is not None and alone.kind == "suicide"


def test_unless_next_guards_may_be_several_words() -> None:
    """A guard of several words cancels a match only when all its words follow."""
    guards = Guards([["years"], ["of", "wine"]])
    words = ["took", "5", "years", "a", "bottle", "of", "wine", "a", "bottle", "of", "pills"]
    assert guards.match(words, 2, 1)
    assert guards.match(words, 5, 1)
    assert not guards.match(words, 9, 1)
    assert not guards.match(words, len(words), 1)
    before = Guards([["years", "ten"]])  # written reversed: the words before, nearest first
    assert before.match(["ten", "years", "ago"], 1, -1)
    assert not before.match(["ten", "years", "ago"], 0, -1)


def test_numbers_that_are_ages_or_times_are_no_amount(parser: Parser) -> None:
    """'17 and using meth', 'for the first time in 5 years' are not '17 pills'."""
    assert parser.check_crisis("my son is 17 and using meth, what do we do") is None
    assert parser.check_crisis("smoked crack last night for the first time in 5 years") is None
    crisis = parser.check_crisis("took 17 of my sleeping pills")
    assert crisis is not None and crisis.kind == "overdose"


def test_open_repeats_are_refused(parser: Parser) -> None:
    """The near-anchor matcher needs patterns of bounded length."""
    matcher = NearAnchorMatcher(parser.nlp.vocab)
    with pytest.raises(ValueError, match="open repeat"):
        matcher.add("x", [[{"LOWER": "take"}, {"OP": "*"}, {"LOWER": "pills"}]])


_RISK_WORDS = ["i", "my", "he", "her", "took", "took", "all", "12", "pills", "xanax", "kill",
               "myself", "him", "cut", "arms", "me", "corte", "se", "esta", "cortando", "voy", "a",
               "matarlo", "knife", "gun", "loaded", "not", "going", "to", "be", "here", "for",
               "christmas", "'", ".", "lol", "the", "rope", "is", "up", "hoodie", "july", "so",
               "nobody", "sees", "arms", "wont", "wake", "up", "hace", "una", "hora"]  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_RISK_WORDS), min_size=0, max_size=90))
def test_near_anchor_matches_equal_plain_matches(parser: Parser, words: list[str]) -> None:
    """Running each matcher only around its anchors finds exactly what a plain Matcher finds."""
    detector = _detector(parser)
    plain = Matcher(parser.nlp.vocab)
    for i, (_, pattern) in enumerate(detector.pattern_specs):
        plain.add(str(i), [pattern])
    doc = Doc(parser.nlp.vocab, words=words)
    near = {(s, e) for _, s, e in detector.patterns(doc)}
    assert near == {(s, e) for _, s, e in plain(doc)}


def test_long_repetitive_message_is_read_whole(parser: Parser) -> None:
    """Many repeated concepts (an adversarial message) still give the right, single answer."""
    calm = "not my dad uses heroin i i i my son my mom " * 90
    assert parser.check_crisis(calm[:4096]) is None
    crisis = parser.check_crisis(calm[:3900] + " took 30 pills an hour ago")
    assert crisis is not None and crisis.kind == "overdose"


# Round five's concepts, in wordings of our own (the strangers' messages themselves are in
# nlp/training/blind-r5-*.jsonl): someone at a height who will not come down, a weapon taken up
# against people, a possessive threat, debts paid and a pet given away before "tonight it ends",
# scratching till it bleeds, not caring whether one lives, being worth more dead, a dose question
# beside a supply.
ROUND_FIVE_CONCEPTS: list[tuple[str, str, str]] = [
    ("my cousin is sitting on the bridge railing and won't come down", "suicide", "clear"),
    ("mi vecino está en la orilla de la azotea y no se quiere bajar", "suicide", "clear"),
    ("my uncle is wasted and threatening us with a knife in the kitchen", "violence", "clear"),
    ("he texted if i can't have you nobody will and he's parked outside with a bat",
     "violence", "clear"),
    ("ya pagué todas mis deudas y le dejé el perro a mi vecina, esta noche se acaba todo",
     "suicide", "clear"),
    ("mi hermana se está arañando los brazos con las uñas hasta sangrar", "self_harm", "clear"),
    ("know exactly which pole on the highway i'm heading for. tonight", "suicide", "clear"),
    ("honestly things would be easier for everyone if i were gone", "suicide", "possible"),
    ("mi abuelo dice que le da igual vivir o morir", "suicide", "possible"),
    ("my dad keeps saying he's worth more dead", "suicide", "possible"),
    ("my dad keeps saying he's worth more dead because of the insurance", "suicide", "clear"),
    ("how many of my sertraline would be too many, i have 90 in the bottle", "suicide",
     "possible"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "me voy a matar trabajando este mes con tantas horas extra",
        "we lost our daughter to an overdose two years ago, looking for a grief group",
        "perdimos a nuestro hijo por una sobredosis, buscamos un grupo de duelo",
        "antes pensaba en matarme, hoy estoy bien y llevo tres años sobria",
        "a character in my short story wants to disappear without a trace, how would she do it",
        "whats the max dose of sertraline before it gets dangerous? my doctor wants 150",
    ],
)
def test_round_five_calm_is_not_a_crisis(parser: Parser, text: str) -> None:
    crisis = parser.check_crisis(text)
    assert crisis is None or crisis.level == "possible", (text, crisis)


def test_a_joke_told_afterwards_is_asked_about_not_alarmed(parser: Parser) -> None:
    """'kms' laughed off later in the message: a screening question at most, never the alarm."""
    crisis = parser.check_crisis("posted kms after failing a quiz, it was a joke, teacher freaked")
    assert crisis is None or crisis.level == "possible"
    crisis = parser.check_crisis("ya me voy a aventar del edificio jajaja")
    assert crisis is None or crisis.level == "possible"


# Round six's concepts, in wordings of our own: ending it by a vehicle, staring at a means,
# thoughts of hurting someone else, being gone as a relief to others; and what only sounds so.
ROUND_SIX_CONCEPTS: list[tuple[str, str, set[str]]] = [
    ("gonna drive into that wall by the quarry tonight", "suicide", {"clear"}),
    ("some nights on the highway i think about swerving into a semi", "suicide",
     {"clear", "possible"}),
    ("me quedo mirando las vías del tren y pienso que ya no sirvo para nada", "suicide",
     {"clear"}),
    ("i keep having thoughts about hurting my neighbour, it scares me", "violence",
     {"clear", "possible"}),
    ("the urge to hit my wife comes back every time i drink", "violence",
     {"clear", "possible"}),
    ("it'd be simpler for all of them if i was just gone", "suicide", {"clear", "possible"}),
    ("took the whole week's oxys this morning and can barely keep my eyes open", "overdose",
     {"clear"}),
]  # fmt: skip


ROUND_SIX_CALM: list[str] = [
    "she said no thoughts of hurting herself, but she sleeps all day",
    "my nurse asked me the suicide screening questions, i said no",
    "i keep shooting myself in the foot at work",
    "mi abuela dice que la vamos a matar de un disgusto",
    "mi hermano se mete coca todas las noches, hay grupos para familias?",
    "en la peli el protagonista se suicida y me dejó pensando",
]


# Round seven's concepts, in wordings of our own: nodding off on a new batch, burning with a
# lighter, marks explained away, a sheet and a goodbye from a cell, a carer afraid of what they
# might do, "para qué sigo" after a comma (a negation's reach ends with its clause).
ROUND_SEVEN_CONCEPTS: list[tuple[str, str, set[str]]] = [
    ("my mate keeps nodding off mid sentence since he picked up a new batch", "overdose",
     {"clear", "possible"}),
    ("ando pensando cosas feas y ya no me dan ganas de seguir", "suicide", {"possible"}),
    ("he burned up his arm with a lighter again tonight", "self_harm", {"clear"}),
    ("she has neat lines all the same length on her thigh, says it was the cat", "self_harm",
     {"clear", "possible"}),
    ("my brother called from jail, said he has a sheet tied up and wanted to say goodbye",
     "suicide", {"clear"}),
    ("cuido a mi papá y me da miedo lo que le pueda hacer cuando pierdo la paciencia",
     "violence", {"possible"}),
    ("no tengo a nadie, para qué sigo", "suicide", {"possible"}),
]  # fmt: skip


ROUND_SEVEN_CALM: list[str] = [
    "mi tío en los 90 tomó veneno, eso se hereda?",
    "what if i relapsed and od'd, would my sponsor drop me? not planning to",
    "burned my hand on the stove making tortillas lol",
    "in prison i saw guys cutting all the time, now i have nightmares",
    "tomo 2 paracetamoles de 500 para el dolor de espalda",
    "when he's drunk he yells and i hide in my room",
    "intenté ahorcarme en el 2015, hoy estoy bien y busco un grupo",
]


def test_a_negation_ends_with_its_clause(parser: Parser) -> None:
    """'no' before a comma does not reach past it; within the clause it still does."""
    assert parser.check_crisis("ni modo, me quiero morir") is not None
    assert parser.check_crisis("no quiero morirme, solo estoy cansada") is None


# Round eight's concepts, in wordings of our own: a goodbye message beside pills, leaving and not
# coming back "tonight", carving into skin, a "surprise" for the bullies with a photo of a gun, a
# rope and no answer, pills taken twice with confusion, a threat tied to leaving with guns in the
# house, praying not to wake, making them all pay, leaning over a balcony.
ROUND_EIGHT_CONCEPTS: list[tuple[str, str, str]] = [
    (
        "a guy in our group chat posted his pill bottle and a goodbye message",
        "suicide",
        "clear",
    ),
    ("esta noche agarro la camioneta y no pienso volver", "suicide", "clear"),
    ("i carved his initials into my arm with a razor tonight", "self_harm", "clear"),
    (
        "mañana lleva una sorpresa para los que le hacen bullying, mandó foto de la pistola",
        "violence",
        "clear",
    ),
    ("mi papá se fue al cerro con el mecate y no contesta el celular", "suicide", "clear"),
    ("i took my night pills twice i think, and i feel very muddled", "overdose", "clear"),
    (
        "if she leaves with the kids he'll make sure nobody has them, he has rifles",
        "violence",
        "clear",
    ),
    ("every night i pray that the lord will take me in my sleep", "suicide", "possible"),
    ("i keep fantasizing about making every one of them pay", "violence", "possible"),
    ("me asomo al balcón y pienso que sería tan fácil", "suicide", "possible"),
]


# A dose as prescribed, a novel's plot, and "me quedaron" (a Spanish verb form the spelling
# corrector once read as "me quemaron", a threat).
ROUND_EIGHT_CALM: list[str] = [
    "took the first 50 mg as prescribed this morning, is nausea normal",
    "estoy leyendo una novela donde la prota se corta, me dejó pensando",
    "me quedaron heridas de todo eso, busco un grupo",
]


# Round nine's concepts, in wordings of our own: approving of someone's suicide, a car park's top
# deck and not coming down, steering a vehicle into something, a pile of pills with a decision made,
# someone locked in who says they will cut, the urge to throw oneself under a train, a rifle beside
# a grudge, "not even joking" (no joke), and a Spanish "he" or "son" that is a verb, not a person.
ROUND_NINE_CONCEPTS: list[tuple[str, str, str]] = [
    (
        "two guys from my unit ate their guns and honestly they had the right idea",
        "suicide",
        "possible",
    ),
    (
        "sitting on the top level of the parking garage at work, not coming down",
        "suicide",
        "clear",
    ),
    ("some days i think about steering the truck into a bridge pillar", "suicide", "possible"),
    ("he juntado todas las pastillas de mi madre, ya lo tengo decidido", "suicide", "clear"),
    ("mi hija se encerró en el baño y dice que se va a cortar", "self_harm", "clear"),
    ("a veces me dan ganas de tirarme a las vías", "suicide", "possible"),
    (
        "the man who molested my daughter is out, my rifle is in the car, im outside his work",
        "violence",
        "clear",
    ),
    ("i wish i could just not wake up, not even joking", "suicide", "possible"),
    # round ten's clear misses, in wordings of our own: a ligature tied, a barrel under the chin
    ("i tied the belt to the closet rail, waiting till everyone is asleep", "suicide", "clear"),
    ("mi hijo ató la sábana a la barra del ropero y no abre", "suicide", "clear"),
    ("on watch with the barrel under my chin again", "suicide", "clear"),
]


# A station's dark humour, an overdose long past, a group for those bereaved by suicide,
# panic that feels like drowning, a weekend habit of drinking to blackout, and a haircut.
ROUND_NINE_CALM: list[str] = [
    "gallows humour at the station is 'kill me now', doesn't mean anything",
    "my overdose was in 2014, clean ever since and want to give back",
    "busco un grupo de duelo por suicidio para mi papá",
    "me dan ataques de pánico y siento que me ahogo",
    "cada sábado tomo hasta perderme y ya me cansé",
    "mi hijo se va a cortar el pelo mañana",
]


# Rounds ten and eleven, in wordings of our own: two goodbyes (a pet left, a vehicle signed over),
# a car running with a hose, nothing mattering after tonight beside a means, burden said as "better
# off without ... me" or "if i just vanished" and in Spanish, a wish not to get up again, "para qué
# vivo" after "no sé" (no negation), hoping a truck decides, the Lord forgetting to come, wanting to
# go be with someone dead, not lasting long, staring down from a height, a goodbye text and a phone
# switched off, "none of us will see", a gas can with a threat, a knife drawn over a debt, a razor
# missing with someone locked in, an urge with blades at hand, a poison and vomiting, an ingestion
# "at 2am" (a time, not the past), a dose after prison larger "than i used to", a life policy as
# the only way out (asked about: a thought without a plan).
ROUND_ELEVEN_CONCEPTS: list[tuple[str, str, str]] = [
    ("gave my guitar to my cousin and wrote a note for my dad", "suicide", "clear"),
    ("left the cat with my mum and signed the car over to my brother", "suicide", "clear"),
    (
        "engine running in the shed, hose from the exhaust through the back window",
        "suicide",
        "clear",
    ),
    ("got the rope today, none of it will matter after tonight", "suicide", "clear"),
    ("they'd all be better off without the stress of me around", "suicide", "possible"),
    ("honestly everyone would be better off if i just vanished", "suicide", "possible"),
    ("solo soy un gasto para mis hijos", "suicide", "possible"),
    ("a veces quisiera acostarme y no levantarme más", "suicide", "possible"),
    ("no sé para qué vivo ya", "suicide", "possible"),
    ("i keep hoping a truck makes the decision for me on the highway", "suicide", "possible"),
    ("im 90 and i think the lord forgot to take me", "suicide", "possible"),
    ("since dad died mum keeps saying she wants to go be with him", "suicide", "possible"),
    ("going home to the same mess tomorrow, dont think ill last long", "suicide", "clear"),
    ("me paso las noches mirando para abajo desde la azotea", "suicide", "possible"),
    ("mi prima me mandó 'perdón por todo, los amo' y apagó el celular", "suicide", "clear"),
    (
        "he's outside yelling none of us will see morning, im hiding in the closet with the baby",
        "violence",
        "clear",
    ),
    (
        "my brother has a gas can on the porch screaming he'll burn the house down with us in it",
        "violence",
        "clear",
    ),
    (
        "mi primo sacó el machete y dice que va a buscar al que le debe dinero",
        "violence",
        "clear",
    ),
    (
        "my little brother locked himself in the bathroom and my razor blades are missing",
        "self_harm",
        "clear",
    ),
    ("urge is so loud tonight, the blades are in my pencil case", "self_harm", "clear"),
    ("grandpa swallowed weed killer and is throwing up", "overdose", "clear"),
    (
        "she took 25 of her sleeping tablets at 2am and now she wont wake up",
        "overdose",
        "clear",
    ),
    (
        "first night out of jail, shot what i had, way more than i used to, cant keep my eyes open",
        "overdose",
        "clear",
    ),
    ("the only way out i see is the life insurance", "suicide", "possible"),
]


# Someone else's funeral, "the lot" of withdrawal, an idiom of plenty, a panic attack's
# chest, "dropped out", "darle duro" to a habit, packs a day, an old man's faith, news that "hit
# hard" two years clean, asking for a call to be made, and years of a prescription.
ROUND_ELEVEN_CALM: list[str] = [
    "after the funeral I started drinking again, 3 beers a night",
    "detox was hell, felt like I was dying, the sweats, the lot. day 10 now",
    "I'm a nurse, I hand out enough meds to kill a horse every shift, but my problem is wine",
    "panic attacks at work, my chest gets tight, I take sertraline",
    "my son dropped out of college and smokes weed all day",
    "le está dando duro al trago desde que lo despidieron",
    "fumo dos cajas diarias y quiero dejarlo",
    "my 90 year old dad says he's ready to go home to the Lord, he's peaceful about it",
    "Me pegó duro la noticia pero estoy bien, dos años limpio",
    "can you make the call for me to the group?",
    "am I helping or hurting my son by paying his rent?",
    "tomo clonazepam desde hace cuatro años y quiero dejarlo con ayuda",
]


# Round twelve, in wordings of our own: a wheelchair at a quarry's top, a note beside pills laid
# out, a phone taken and a threat from downstairs, thanks for everything with the pet sorted and the
# phone off, burden as the money and care others would be spared, not waking from surgery, lingering
# at the tracks or over a bottle of pills, lips gone a colour and no response to shaking, tools
# handed out and "won't be around much longer", and "do it again" wanted by the writer (an urge to
# self-harm, not a threat).
ROUND_TWELVE_CONCEPTS: list[tuple[str, str, str]] = [
    (
        "parked my wheelchair at the top of the quarry, battery nearly dead, not charging it",
        "suicide",
        "clear",
    ),
    (
        "left a note for each of my housemates. the codeine is on my nightstand, "
        "all three boxes open",
        "suicide",
        "clear",
    ),
    (
        "he took my phone so i cant call anyone and he's downstairs shouting i'll be sorry",
        "violence",
        "clear",
    ),
    (
        "my brother sent me a message thanking me for everything and said the cat is sorted. "
        "now his phone goes straight to voicemail",
        "suicide",
        "clear",
    ),
    (
        "they'd have so much more money if they didn't have to look after me",
        "suicide",
        "possible",
    ),
    (
        "if i don't wake up from the surgery on friday, honestly fine by me",
        "suicide",
        "possible",
    ),
    (
        "i walk past the tracks every day and i stand there a bit too long",
        "suicide",
        "possible",
    ),
    ("me quedé viendo el frasco de pastillas un buen rato", "suicide", "possible"),
    (
        "my flatmate is on the floor, her lips have gone a bluish colour and she's not "
        "responding even when i shake her",
        "overdose",
        "clear",
    ),
    (
        "a guy at work handed out all his tools this week and said he won't be around much longer",
        "suicide",
        "clear",
    ),
    (
        "I cut for years and stopped in spring, but tonight I want to do it again",
        "self_harm",
        "possible",
    ),
]


# An overdose with its hospital stay in the past, minding the kids oneself, stairs that leave
# one breathless, thoughts of dying that are "no longer", and a promise not to do it again.
ROUND_TWELVE_CALM: list[str] = [
    "my son overdosed in 2021 and was in the ICU for a week, he's 3 years clean now",
    "I'm minding the kids alone while my husband is out drinking",
    "me ahoga subir las escaleras desde que fumo tanto",
    "antes pensaba en matarme, hoy ya no, gracias a dios",
    "he promised he won't do it again and he's been sober a month",
]


def test_a_safety_question_is_not_an_overdose(parser: Parser) -> None:
    """A question whether one can overdose on something asks about a dose: a screening
    question at most, never the alarm."""
    crisis = parser.check_crisis("can you overdose on ibuprofen? i take two a day for my back")
    assert crisis is None or crisis.level == "possible", crisis
    crisis = parser.check_crisis("i overdosed on my ibuprofen an hour ago and feel sick")
    assert crisis is not None and (crisis.kind, crisis.level) == ("overdose", "clear"), crisis


# Round thirteen, in wordings of our own: a decision to end one's life tonight in Spanish, goodbyes
# in Rioplatense Spanish ("te dejo", "cuidame al", "gracias por bancarme"), being of no use and only
# a burden, nobody noticing a disappearance, someone coming back with a knife, a rifle taken out and
# no answer (a ".22" is no count and "took the .22" no ingestion), a gun on the arm of the chair,
# how easy a step off the deck would be, "look after your dad, proud of you" and voicemail, and
# pounding on the back door with a threat.
ROUND_THIRTEEN_CONCEPTS: list[tuple[str, str, str]] = [
    ("ya lo decidí, me voy a quitar la vida esta noche", "suicide", "clear"),
    (
        "te dejo mi bici y la compu, cuidame al gato. gracias por bancarme siempre",
        "suicide",
        "clear",
    ),
    ("ya no sirvo pa nada, solo doy trabajo a mis hijos", "suicide", "possible"),
    ("no one would even notice if i disappeared, honestly", "suicide", "possible"),
    ("a customer said he's coming back at closing with a knife", "violence", "clear"),
    (
        "my uncle took the .22 out to the shed an hour ago and isn't answering his phone",
        "suicide",
        "clear",
    ),
    ("got my pistol out of the safe, it's on the arm of the chair", "suicide", "clear"),
    (
        "on night watch i keep thinking how easy it'd be to just step off the deck",
        "suicide",
        "possible",
    ),
    (
        "mum texted 'look after your dad, proud of you' and her phone's going to voicemail",
        "suicide",
        "clear",
    ),
    ("he's pounding on the back door screaming he'll finish me this time", "violence", "clear"),
]


# An overdose ten years back ("hoy tengo 10 años limpio" is no "now"), cutting as a girl and
# no more, years of a prescription taken beyond it, heat that "kills", a doctor's warning.
ROUND_THIRTEEN_CALM: list[str] = [
    "hace 10 años casi me muero de una sobredosis, hoy tengo 10 años limpio",
    "de chica me cortaba, eso ya no",
    "llevo años con el clonazepam y ya lo tomo de más, quiero bajarle con ayuda",
    "this heat is killing me, any online meetings?",
    "the doctor said one more drink could finish me, I need AA",
    "doc says stop or else, 40 years of smoking",
]


def test_a_partner_punching_walls_is_no_self_harm(parser: Parser) -> None:
    """Someone else punching a wall in anger is abuse at home, not self-harm (punching a wall
    oneself still is, `wall_punch`)."""
    result = parser.parse("he smashes stuff and punched the wall when his team lost")
    assert result.crisis is None or result.crisis.kind != "self_harm", result.crisis
    assert "abuse_at_home" in [s.kind for s in result.signals]
    own = parser.check_crisis("i punched the wall till my knuckles bled")
    assert own is not None and own.kind == "self_harm", own


def test_withdrawal_once_had_counts_beside_a_current_use(parser: Parser) -> None:
    """Sweats when stopping last month, beside a drug still taken, is a withdrawal risk; the same
    symptoms long past with the drinking past too are not."""
    now = parser.parse("been on xanax for years. tried to quit last month and got the shakes bad")
    assert "withdrawal" in [s.kind for s in now.signals]
    past = parser.parse("I used to drink every morning and shake, 5 years sober now")
    assert "withdrawal" not in [s.kind for s in past.signals]


# Round fourteen, in wordings of our own: a lethal injection brought home and "sé cuánto se
# necesita", thoughts of a bridge and "qué sentido tiene", a truck that would be a rest, Spanish
# texting ("m corté", "d"), hair held in a fist, a goodbye voice note and "ya tomó la decisión"
# (a decision is not taken like a pill), a room locked by a child found cut before, an old man's
# arrangements and "shan't be needing", a hose that fits an exhaust, out of the way, a mercy not to
# wake, a better life without the mother, letters to the children beside pills, a toddler and a
# methadone cup, a man at the refuge gate, an engine running behind towels.
ROUND_FOURTEEN_CONCEPTS: list[tuple[str, str, str]] = [
    (
        "traje dos ampollas de cloruro de potasio del hospital, sé cuánto se necesita",
        "suicide",
        "clear",
    ),
    ("no dejo de pensar en el puente, q sentido tiene ya", "suicide", "clear"),
    (
        "a veces pienso que si un bus me lleva por delante seria un descanso",
        "suicide",
        "possible",
    ),
    ("m corté otra vez y no para d sangrar", "self_harm", "clear"),
    ("mi papá tiene a mi mamá agarrada del pelo ahorita", "violence", "clear"),
    (
        "mi amigo mandó un audio de despedida, dice que ya tomó la decisión, no contesta",
        "suicide",
        "clear",
    ),
    (
        "mi hijo está encerrado en su cuarto y no abre, la última vez lo encontré cortado",
        "self_harm",
        "possible",
    ),
    (
        "please could someone see that my dog goes to my sister. my papers are in order. "
        "I shan't be needing any of it",
        "suicide",
        "clear",
    ),
    ("the hose fits the car's exhaust, I tried it in the garage today", "suicide", "clear"),
    ("they'd be better off with me out of the way", "suicide", "possible"),
    ("it would be a mercy if neither of us woke up", "suicide", "possible"),
    ("mum got into the oven cleaner and her mouth is burning", "overdose", "clear"),
    (
        "he'd have a better life if it was just his dad raising him, i'm in the way",
        "suicide",
        "possible",
    ),
    (
        "wrote each of the kids a letter and lined up the pills on the bathroom shelf",
        "suicide",
        "clear",
    ),
    (
        "my toddler drank from my methadone cup, he's floppy and his lips look funny",
        "overdose",
        "clear",
    ),
    ("he's at the gate again banging on it, he knows which room is mine", "violence", "clear"),
    (
        "husband's in the car in the garage with the engine going and towels under the door",
        "suicide",
        "clear",
    ),
]


# Violence decades ago, an overdose last March, a grey mood (no grey lips), a dose question,
# a childhood, an illness that may "come back" (no one coming).
ROUND_FOURTEEN_CALM: list[str] = [
    "my first husband beat me in the seventies, he's long dead",
    "my son took an overdose last march, he's doing well now",
    "everything has gone grey since I retired",
    "can you overdose on zoloft while pregnant? my doctor says my dose is fine",
    "grew up watching my dad beat my mum, looking for a survivors group",
    "terrified it'll come back after the baby",
]


def test_spanish_texting_forms_are_read_only_in_spanish(parser: Parser) -> None:
    """ "m", "d", "q" are "me", "de", "que" in a Spanish message; an English "5 m" stays metres."""
    crisis = parser.check_crisis("m volví a cortar y no para d sangrar")
    assert crisis is not None and crisis.kind == "self_harm", crisis
    words = parser.nlp("m volví a cortar en el baño d la u")
    assert [t.norm_ for t in words][:1] == ["me"]
    assert [t.norm_ for t in words][-2:] == ["la", "u"]
    english = parser.nlp("i walked 5 m to the shop")
    assert [t.norm_ for t in english][3] == "m"


# Round fifteen, in wordings of our own: Caribbean and Andalusian Spanish that drops letters
# ("tirao", "morá", "encerrá"), a count in Spanish words, a letter and keys left with a neighbour,
# a threat to kill someone on her way home, going with one's dead and being in the way, "done."
# on its own, a deadline to come out, "better off if <name> wasn't around", being taken in one's
# sleep, a razor out and the itch back, a threat that one won't see another Christmas (violence,
# not a wish to die), no way out and the trains.
ROUND_FIFTEEN_CONCEPTS: list[tuple[str, str, str]] = [
    ("mi tío está tirao en el piso y no me responde, tiene la boca morá", "overdose", "clear"),
    (
        "me tomé como quince rivotril con cerveza y me está dando un sueño raro",
        "overdose",
        "clear",
    ),
    (
        "dejé una carta para mi hijo y las llaves con la vecina, ya no voy a molestar más",
        "suicide",
        "clear",
    ),
    ("mi hermana está encerrá en el baño con una navaja y no abre", "self_harm", "clear"),
    ("mi padrastro dice que cuando llegue mi mamá la va a matar", "violence", "clear"),
    ("a veces quisiera irme con mi difunto, nomás soy un estorbo", "suicide", "possible"),
    ("done. with everything.", "suicide", "possible"),
    (
        "my ex texted: you have five minutes to come out or I'm coming through the door. "
        "I'm hiding in the bathroom",
        "violence",
        "clear",
    ),
    ("they'd all be better off if Sam just wasn't around", "suicide", "possible"),
    (
        "sometimes I reckon they'd stop asking if I just wasn't around no more",
        "suicide",
        "possible",
    ),
    ("I pray every night He takes me in my sleep", "suicide", "possible"),
    ("took the razor out of the pack, the itch is back", "self_harm", "clear"),
    (
        "he said if I tell anyone he'll make sure I don't see another Christmas",
        "violence",
        "possible",
    ),
    ("I can't see any way out of this, I keep listening to the trains", "suicide", "possible"),
]


# Cutting at thirteen, a drug that "grabbed" a brother, a daughter who won't get up for
# class.
ROUND_FIFTEEN_CALM: list[str] = [
    "cuando tenía 13 me cortaba, ya tengo 19 y estoy bien",
    "a mi hermano lo agarró la heroína en Tijuana",
    "mi hija toma pastillas para dormir y no se levanta para la facultad",
]


# Round sixteen (the last of the session, run once on the final code, then tuned), in wordings of
# our own: a rifle on the passenger seat, "won't need any of this anymore" and others free of one,
# counting a mood stabiliser, a handful of pills and half a mickey, a knife and the dealer sought,
# blood under a locked door, a Spanish benzodiazepine brand with gin an hour ago, no way out and a
# bus that would not brake, poison bought "not for the rats", a man at the door with a gun and a
# mother hiding, paracetamol counted in Spanish with a stomach ache, the life insurance sums, a
# meeting with the old dealer two years clean.
ROUND_SIXTEEN_CONCEPTS: list[tuple[str, str, str]] = [
    ("parked by the dam with grandad's rifle on the passenger seat", "suicide", "clear"),
    (
        "i won't need any of this anymore, by sunday they'll all be free of me",
        "suicide",
        "possible",
    ),
    (
        "been counting my lithium every night, i know exactly how many are left",
        "suicide",
        "possible",
    ),
    (
        "my mate swallowed a handful of codeine and half a mickey of rum, he's slurring",
        "overdose",
        "clear",
    ),
    (
        "my son is in the shed with a hunting knife saying he'll go find the guy who sold him "
        "the pills",
        "violence",
        "clear",
    ),
    (
        "she won't unlock the bathroom and there's blood on the towel by the door",
        "self_harm",
        "clear",
    ),
    (
        "me he tomado todos los orfidales con ginebra hará una hora y lo veo todo borroso",
        "overdose",
        "clear",
    ),
    (
        "no le veo salida a nada, cruzo la calle y pienso ojalá no frene el camión",
        "suicide",
        "possible",
    ),
    ("ya compré el veneno y no es para las ratas", "suicide", "clear"),
    (
        "mi ex está parado frente a la casa, trajo la pistola, estoy metida en el baño con mi hija",
        "violence",
        "clear",
    ),
    ("me tomé como 20 acetaminofén hace una hora y me duele la barriga", "overdose", "clear"),
    ("some nights I do the math on the life insurance", "suicide", "possible"),
    (
        "dos años limpio y hoy me encontré al que me vendía, con la tolerancia en cero",
        "overdose",
        "possible",
    ),
]


# Shame said as dying, an attempt at nineteen (now forty-six), a father who no longer leaves his
# room (no one locked in), a panic attack that feels like a train (no means, no place).
ROUND_SIXTEEN_CALM: list[str] = [
    "me quiero morir de la vergüenza, creo que estoy tomando demasiado",
    "a los 19 intenté quitarme la vida, hoy tengo 46 y estoy bien",
    "mi papá ya no sale de su cuarto desde que toma esas pastillas",
    "heart going like a train, can't breathe, I sit in the ute till the panic passes",
]


ROUND_SEVENTEEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("sitting in my truck by the lake with my duty weapon", "suicide", "clear"),
    ("dropped the dog at my neighbours and told him to keep her", "suicide", "clear"),
    (
        "my tolerance is gone. gonna do the whole lot, dont really care if i wake up",
        "overdose",
        "clear",
    ),
    ("honestly i don't really care anymore what happens to me", "suicide", "possible"),
    ("every night mi just wish fi sleep an nuh wake up", "suicide", "possible"),
    ("mi bredrin just cut up him arm inna di bathroom", "self_harm", "clear"),
    (
        "he just drove off with his rifle saying hes going to sort out the bloke",
        "violence",
        "clear",
    ),
    ("he's been on the P for days and says he's gonna deal to them", "violence", "possible"),
    (
        "Mam hasn't answered the door or her phone since yesterday and the curtains are still"
        " drawn. She's been drinking since Dad passed and all her tablets are in there",
        "overdose",
        "possible",
    ),
    ("se ha metido varias rayas y se ha bebido casi una botella de ron", "overdose", "possible"),
    ("when i was using i wanted to die, and now i want to die again tonight", "suicide", "clear"),
]
ROUND_SEVENTEEN_CALM: list[str] = [
    "lost 3 of my guys to suicide after we came home, that was 2012",
    "me meti unas rayas el sabado y ahora me siento culpable, necesito ayuda con la coca",
    "did a few lines on saturday and feel awful about it, need a meeting",
    "i dont really care if i get the job, i just want to stay sober",
    "when i was using meth i wanted to die every day, now 2 years clean and want to give back",
    "cuando tomaba me queria morir todos los dias, ahora llevo un año sobrio",
]


ROUND_EIGHTEEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "no sé ni cuántas rayas me he metido, el corazón me va a mil",
        "overdose",
        {"possible", "clear"},
    ),
    ("ya no quiero despertarme, todo me sale mal", "suicide", "possible"),
    ("i honestly dont see how i keep doing this for another decade", "suicide", "possible"),
    ("everyone would honestly be better off not having to pay for me", "suicide", "possible"),
    ("sorted a length of hose for the ute exhaust this arvo", "suicide", "clear"),
    ("some nights i ask the Lord to just take me first", "suicide", "possible"),
    ("Yesterday I grabbed her arm so hard it bruised and I scared myself", "violence", "possible"),
    (
        "el tipo que me robó está en la esquina ahora y tengo el hierro en la cintura",
        "violence",
        "clear",
    ),
    ("used the box cutter on my thighs again tonight", "self_harm", "clear"),
    ("I heard him hitting my daughter before the line went dead", "violence", "clear"),
    ("mi esposo me dijo que me va a matar esta noche con el cuchillo", "violence", "clear"),
]
ROUND_EIGHTEEN_CALM: list[str] = [
    "viste la noticia del muchacho que encontraron muerto de sobredosis? me puso a pensar",
    "de guambra me cortaba los brazos, ahora tengo 30 y hace años que no lo hago",
    "Thirty-odd years back I drove my car into the river on purpose. I'm 71 now and glad",
    "Dad always said if he ended up in a home we should take him out back and shoot him",
    "el doctor me dijo que si sigo tomando así el hígado me va a matar",
]


ROUND_NINETEEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "tengo el bidón de veneno acá al lado de la cama y esta noche se termina todo",
        "suicide",
        "clear",
    ),
    (
        "everyone in the server would be fine if i just logged off permanently",
        "suicide",
        "possible",
    ),
    ("mi chama se encerró en el baño con una hojilla y no me abre", "self_harm", "clear"),
    ("me he metío tres rayas y dos trankimazin y me sudan las manos", "overdose", "clear"),
    (
        "since my brother overdosed i keep thinking id like to go to sleep and not wake up",
        "suicide",
        "possible",
    ),
    (
        "le he dejado los papeles de la casa ordenados a mi hija y el perro al vecino",
        "suicide",
        "clear",
    ),
    (
        "2 weeks out of rehab for the gear, mam won't answer the phone. honestly everyone would"
        " be better off if I wasnt around",
        "suicide",
        "possible",
    ),
]
ROUND_NINETEEN_CALM: list[str] = [
    "en el noticiero pasaron lo de una sobredosis de perico en una fiesta",
    "mi papá llega bolo todas las noches y le pega a mi mamá, ella no quiere denunciar",
    "2 yrs ago today i was in the hospital after trying to unalive myself",
    "1 year sh free today!!! scars are fading",
    "lowkey obsessed w checking if i locked the door like 20 times",
    "clinic nurse warned me mixing methadone with benzos could stop my breathing",
]


ROUND_TWENTY_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "I have been putting my sleeping tablets aside in a biscuit tin rather than taking them,"
        " there are quite a few now",
        "suicide",
        "clear",
    ),
    ("i scratch and pinch my arms till the marks come", "self_harm", "clear"),
    ("me dijo que me va a desaparecé, ahora ta dormío", "violence", {"possible", "clear"}),
    ("ya conseguí una chimba y esta noche le caigo, nadie me va a detener", "violence", "clear"),
    ("tomando el doble de las pastillas pal dolor, hoy ando bien mareado", "overdose", "clear"),
]
ROUND_TWENTY_CALM: list[str] = [
    "ED nurse here. spend every shift with ODs and self harm presentations",
    "mi papá se emborracha cada fin de mes cuando le pagan y le pega a mi mamá",
    "llevo un año metiéndome keta todos los findes y ya me duele la vejiga",
    "mi hermana de 17 se mete el dedo pa vomitar después de comer",
]


ROUND_TWENTY_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("mi chamo llegó de la rumba todo ido, no sé qué se metió", "overdose", {"possible", "clear"}),
    (
        "ya junté todas las pastillas de mi mamá en un frasco por si acaso",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "lost the house money again. not sure ill be around to see her face",
        "suicide",
        {"possible", "clear"},
    ),
    ("3 months clean but im gonna use tonight, same amount as before", "overdose", "possible"),
]
ROUND_TWENTY_ONE_CALM: list[str] = [
    "Nan's on a morphine driver in the hospice and the nurse warned us her breathing will slow",
    "my psychiatrist warned me an overdose on lithium is dangerous so I keep it in a lockbox",
    "my therapist asked me 'do you ever think about hurting yourself' and I said no",
]

ROUND_TWENTY_TWO_AND_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my flatmate used about an hour ago and now his face has gone a funny grey colour",
        "overdose",
        "clear",
    ),
    (
        "she took something earlier and her breathing is all gurgly, she wont wake properly",
        "overdose",
        "clear",
    ),
    (
        "my uncle is in the garage sharpening an axe saying hes going to sort my aunt out tonight",
        "violence",
        "clear",
    ),
    (
        "mi compa ya trae la navaja y dice que se la va a clavar al vato ese hoy",
        "violence",
        {"clear", "possible"},
    ),
    (
        "my nan keeps saying shes ready to go be with grandad now, she barely eats",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "mi papá dice que ya no tiene para qué levantarse desde que murió mi mamá",
        "suicide",
        "possible",
    ),
    (
        "not sure how much longer ill be around honestly, can someone tell me the meeting time",
        "suicide",
        "possible",
    ),
    (
        "the pills are counted out on my desk and i want to say bye to someone before i do it",
        "suicide",
        "clear",
    ),
    (
        "urges to burn are so loud tonight, lighter is in my pocket",
        "self_harm",
        {"clear", "possible"},
    ),
    (
        "my sister sent me a pic of her arm all cut up, mi hermana tiene el brazo recién cortado"
        " y está sola",
        "self_harm",
        "clear",
    ),
    (
        "my mum checks my arms every morning now so i do it on my thighs",
        "self_harm",
        {"clear", "possible"},
    ),
    (
        "mi hermano se tomó todas las pastillas de la presión de una vez y está vomitando",
        "overdose",
        "clear",
    ),
    (
        "he's out in the yard loading the shotgun and says he'll finish her off, I'm in my room"
        " with the door locked",
        "violence",
        "clear",
    ),
]
ROUND_TWENTY_TWO_AND_THREE_CALM: list[str] = [
    "I'm a social work student writing an essay on overdose deaths in rural towns, are there"
    " family groups I could mention?",
    "soy enfermera y trabajo con pacientes que se autolesionan, busco grupos para sus familias",
    "saw a documentary about people who attempted suicide and recovered, it made me want to find"
    " a group for my depression",
    "my cardiologist says the booze will kill me if i keep drinking like this, where are AA"
    " meetings",
    "de chama me quemaba los brazos, ya hace diez años que no, ahora busco un grupo de ansiedad",
    "my husband gets mean when he's had a few, breaks stuff. he's at work now and I'm fine, is"
    " there Al-Anon online",
    "my dad sometimes hits my mum when he's drunk, I'm 16, is there Alateen near me",
    "mi tía se toma el clonazepam con vino todas las noches y si no se lo toma amanece temblando",
]


# Round 24: a rage under way with a weapon, a threat that names what the other will feel, a
# self-harm cut that says "did a few" (not an intake), and a parent's "not much longer".
ROUND_TWENTY_FOUR_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my stepdad is drunk trashing the house and he has a machete in his hand, we are in the"
        " car outside",
        "violence",
        "clear",
    ),
    (
        "i have my uncles shotgun on the back seat and im parked at her work. shes going to feel"
        " what i feel",
        "violence",
        "clear",
    ),
    (
        "got the razor out again, did a few on my arm and it will not stop bleeding",
        "self_harm",
        "clear",
    ),
    (
        "my mum keeps telling us we won't have to worry about her much longer and she has stopped"
        " eating",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "mi hermano anda averiguando donde vive el tipo que le pego a su novia, dice que ya sabe"
        " que hacer",
        "violence",
        {"possible", "clear"},
    ),
    # A told-me-to-stop frame quiets only the one who was told: another's threat stays one.
    ("he won't stop saying he is going to kill me tonight", "violence", "clear"),
]

# Round 24's calm look-alikes: an overdose weeks ago and safe now, a witness at work, a past
# habit of self-harm, a dose cut read as withdrawal, a return from prison on methadone, a
# habit said in the present, a gift of a leaflet, an insult from a game chat, a quoted joke.
ROUND_TWENTY_FOUR_CALM: list[str] = [
    "my brother overdosed 3 weeks ago, they revived him, he is home and doing ok now. is there"
    " something for families",
    "soy paramedico y todos los dias veo sobredosis, gente que no respira, ya no puedo dormir",
    "antes me cortaba cuando estaba en la secundaria, ahora lo que tengo es mucha ansiedad",
    "desde que me bajaron la dosis del tramadol llevo cuatro noches sin dormir, el dolor es"
    " horrible",
    "out of prison last week, was on heroin before, on methadone now and want an NA meeting",
    "mi hijo fuma marihuana y toma clonazepam que le consiguen sus amigos, lo veo bien ido",
    "a man at the shop today wanted lots of aspirin, i gave him a leaflet about the helpline",
    "some kid in the lobby typed unalive yourself at me lol. anyway my real issue is weed",
    "my sister told me to stop saying 'i want to die' every time my team loses. i do drink too"
    " much on game days though",
]


# Round 25: a goodbye in Scots with the car gone, a brother's gifts and "won't be a bother much
# longer", a partner who injected and does not answer, a seizure after a binge, a threat to
# throw a child from a roof, a threat of "both of us" with a rifle, a pistol outside a dealer's
# place, a mother who "wants to go with him", a cut told in English inside Spanish.
ROUND_TWENTY_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my da sent me a text saying look after yer maw and now his phone is off and the car is"
        " gone. he said last month he would drive aff the bridge",
        "suicide",
        "clear",
    ),
    (
        "my uncle gave his guns to my cousin and sold his horses, says he won't be a bother to"
        " anyone much longer",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "my fella shot up in the toilet 10 min ago and isnt answering me",
        "overdose",
        "clear",
    ),
    (
        "my brother has been drinking since yesterday and now hes shaking on the floor with foam"
        " at the mouth",
        "overdose",
        "clear",
    ),
    (
        "mi cuñado tiene a mi sobrina de 3 años en el balcon y dice que la tira si mi hermana"
        " llama a la policia",
        "violence",
        "clear",
    ),
    (
        "he has the shotgun out in the kitchen saying he will end it for both of us tonight",
        "violence",
        "clear",
    ),
    (
        "i know where he lives. i have my brothers pistol and im parked outside his house right"
        " now",
        "violence",
        "clear",
    ),
    (
        "desde que murio mi papa mi abuela dice que se quiere ir con el y casi no come",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "after the manic episode i crashed hard and I just cut again, no para de sangrar",
        "self_harm",
        "clear",
    ),
    (
        "me acabo de cortar y no para de sangrar, si mi mama se entera me mata",
        "self_harm",
        "clear",
    ),
    # Held safe is said of someone else on a ward: the writer's own safety plan holds nothing.
    ("i have a safety plan but i want to die tonight", "suicide", "clear"),
    ("tengo mi plan de seguridad pero hoy me quiero morir", "suicide", "clear"),
]

# Round 25's calm look-alikes: someone held safe on a ward, a guardian keeping the pills, a
# death to an overdose, a nurse's night shift, alcohol rehab and vaping, a parent's anger as a
# figure of speech.
ROUND_TWENTY_FIVE_CALM: list[str] = [
    "my wife told the doctor she wanted to die and she was admitted, she is safe on the ward now."
    " is there a carers group",
    "salí del hospital la semana pasada, tengo mi plan de seguridad y mi esposo me guarda las"
    " pastillas, busco un grupo",
    "our group is for people who lost someone to an overdose, can you list us",
    "trabajo en urgencias y anoche nos llegaron tres chavos por sobredosis, no puedo dejar de"
    " pensar en eso",
    "just out of rehab for drinking and now im smoking like a chimney lol, any nicotine groups",
    "si mi papa se entera que fumo me mata, hay grupos para dejar la mota",
]


# Round 26: an urge named as an itch, a promise to stop being trouble, a Spanish "te enteras"
# with a rage under way, a vial from work in a locker, a photo of arms sliced up, a stalker with
# a pistol after telling of jokes at work, a relapse alone with symptoms long after the shot.
ROUND_TWENTY_SIX_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("three beers in and the itch to cut is back tonight", "self_harm", {"possible", "clear"}),
    (
        "mi papa le dijo a mi mama que pronto ya no les voy a dar mas problemas y se encerro",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "me ha dicho que como le vuelva a mirar me entero y esta dando golpes en la cocina",
        "violence",
        {"possible", "clear"},
    ),
    (
        "pharmacist here, took a vial of potassium chloride home, its in my locker and i want to"
        " die tonight",
        "suicide",
        "clear",
    ),
    (
        "my sister sent a pic of her arms all sliced up saying not deep enough",
        "self_harm",
        "clear",
    ),
    (
        "the lads joke about snapping at work. this is not a joke. his gun is in my truck and im"
        " parked outside his house",
        "violence",
        "clear",
    ),
    (
        "3 years clean, relapsed tonight, did a shot at 10 and another at midnight. at first it"
        " felt like nothing, so i used more, and now im alone in my flat and im nodding hard",
        "overdose",
        "clear",
    ),
]

# Round 26's calm look-alikes: a police officer's callout and training, a thesis on suicide, a
# survivor long stable, embarrassment "to death", a brother-in-law taken away by the police.
ROUND_TWENTY_SIX_CALM: list[str] = [
    "did a suicide callout at work last week and now we have suicide prevention training, my"
    " actual problem is my husband's drinking",
    "mi tesis es sobre suicidio en jovenes, busco grupos para familias para citarlos",
    "suicide attempt survivor, 10 years stable now, looking for a peer group for bipolar",
    "me quiero morir de la verguenza, mi mama encontro mi vape, tengo 15, como lo dejo",
    "anoche mi papa llego borracho y queria pegarle a mi mama pero se lo llevo la patrulla, ya"
    " estamos a salvo, hay grupos de al-anon",
    "my brother has schizophrenia and thinks the neighbours spy on him, he is not violent just"
    " scared, is there a family group",
]


# Round 27: Spanish plurals of a medicine, a remembered count not sure, a cliff and the car, an
# urge held off with ice, a stalker who knows the address, a threat "not waking up tomorrow", a
# paranoid threat to "deal with them himself", burden in a new mother's words.
ROUND_TWENTY_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("me tome como 30 ibuprofenos hace dos horas y me duele la panza", "overdose", "clear"),
    (
        "mi mama toma el tramadol mas de lo indicado y hoy no se acuerda si tomo 3 o 6, la veo con"
        " mucho sueño",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "saved my tablets for weeks, theyre in the car with me and im driving up to the cliffs",
        "suicide",
        "clear",
    ),
    (
        "squeezing ice so i dont reach for the blade again tonight",
        "self_harm",
        {"possible", "clear"},
    ),
    (
        "mi ex ya sabe donde vivo y anoche su carro estuvo estacionado afuera dos horas",
        "violence",
        {"possible", "clear"},
    ),
    (
        "i have the hammer next to me and he is not waking up tomorrow after what he did",
        "violence",
        {"possible", "clear"},
    ),
    (
        "my husband has been up for days and says the neighbours are spying and he is gonna deal"
        " with them himself",
        "violence",
        {"possible", "clear"},
    ),
    (
        "the baby would be better off with someone else, everyone would get over me",
        "suicide",
        {"possible", "clear"},
    ),
]

# Round 27's calm look-alikes: a hunting rifle, a car warmed up with the door open, a move
# abroad with a goodbye party, an older writer's will, an intern's patient, "dándole al cristal",
# "overdosed on red bull", tired of paying her cards, a son hearing voices.
ROUND_TWENTY_SEVEN_CALM: list[str] = [
    "oiling my shotgun for duck season this weekend, my brother drinks the whole trip though,"
    " any al-anon",
    "my mum warms up the car in the garage every morning with the door open, anyway she drinks"
    " every night",
    "giving away my furniture and having a leaving party, moving to canada next month! need an"
    " AA there",
    "a mi edad uno tiene que ser previsor, ya hice mi testamento. busco grupo para mi nieto que"
    " apuesta",
    "en la guardia nos toco un chico con sobredosis de clonazepam, no puedo dormir desde entonces",
    "mi hermano le esta dando duro a la coca y ya no come, como lo ayudo",
    "overdosed on coffee for exams lol, but actually my problem is weed",
    "i'm done paying off his betting debts, is there a group for partners of gamblers",
    "my son hears voices and thinks the neighbours watch him, where can parents get support",
]


# Round 28: a thought of not turning the wheel, a freight train's time written down, a blade
# under the pillow until the parents sleep, a child hit with a belt, a brother who only grunts
# after fentanyl, a familicide threat with a small child, a father's gifts and paid funeral, a
# roommate gone to shoot up and silent; a teenager locked in with a blade is self-harm.
ROUND_TWENTY_EIGHT_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "most mornings on the motorway i think what if i just didnt turn the wheel",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "ya anoté a qué hora pasa el mercancías que no para en la estación, mañana voy. solo"
        " quería que alguien lo supiera",
        "suicide",
        "clear",
    ),
    (
        "tengo la navaja abajo de la almohada, espero a que se duerman mis papas",
        "self_harm",
        "clear",
    ),
    (
        "mi padrastro le está dando con el cinturón a mi hermanito y está gritando y llorando",
        "violence",
        "clear",
    ),
    (
        "mi primo volvió al fentanilo, está encerrado y solo responde con gruñidos",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "her dad took our 2 year old in his car drunk and texted now you will know how it feels",
        "violence",
        "clear",
    ),
    (
        "my grandad gave his tools away, paid for his own funeral last week and texted me dont be"
        " sad. hes not picking up",
        "suicide",
        "clear",
    ),
    (
        "my flatmate went in the toilet to shoot up half an hour ago and isnt answering",
        "overdose",
        "clear",
    ),
    (
        "my 14yo locked herself in the bathroom and a blade is missing from my razors, she wont"
        " answer",
        "self_harm",
        "clear",
    ),
]

# Round 28's calm look-alikes: a brother looked after in hospital, a daughter treated in time
# last week, a nurse's shifts, a veteran's past, the link a doctor gave, a door knocked on,
# "I've been taking the adderall", exasperation at a gambling husband.
ROUND_TWENTY_EIGHT_CALM: list[str] = [
    "my sister said she wanted to jump but shes in hospital now and being looked after, is there"
    " a family group",
    "la semana pasada mi hijo se tomó muchas pastillas, lo atendieron a tiempo y ya está en casa"
    " con tratamiento",
    "ER nurse, I see overdoses every shift, but I'm writing because I drink too much after work",
    "my doctor gave me the link to this bot, the bottle has been my problem since the army",
    "i've been taking the adderall my doctor gave me more than i should, is that an addiction",
    "mi hermana no me abre y estoy golpeando la puerta, ella fuma mota todo el dia",
]


# Round 29: Spanish cuts counted and a blade in the bathroom, a benzodiazepine's street name, a
# pesticide behind a bolted door, a Tagalog "tired of life", a Jamaican threat to burn the house,
# a grievance with a gun in the car park, a paranoid son's "take care of it himself".
ROUND_TWENTY_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("me hice como 8 cortes en el brazo y no para de sangrar", "self_harm", "clear"),
    (
        "estoy en el baño con la navaja del sacapuntas, ya me hice unos y quiero seguir",
        "self_harm",
        "clear",
    ),
    ("me tome como 15 clonas con ron hace una hora", "overdose", "clear"),
    (
        "my uncle locked himself in the shed with the weed killer and says he will finish"
        " everything",
        "suicide",
        "clear",
    ),
    (
        "lola keeps saying pagod na ako sa buhay and that soon she won't be a problem for anybody",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "him seh him a go bun down di house wid all a wi inna it",
        "violence",
        {"possible", "clear"},
    ),
    (
        "the guy she left me for is at the pub, i can see them from the car park and my shotgun is"
        " behind the seat",
        "violence",
        "clear",
    ),
    (
        "mi hijo dice que el vecino lo espía y que one of these days he's gonna have to take care"
        " of it himself",
        "violence",
        {"possible", "clear"},
    ),
]

# Round 29's calm look-alikes: withdrawal that "feels like dying" with a promise not to use, a
# mother who sometimes takes more than prescribed, a bottle of liquor given away, a naloxone
# course, a nurse who sees overdoses daily, "i could literally kill my sister for".
ROUND_TWENTY_NINE_CALM: list[str] = [
    "llevo 4 dias sin la coca y siento que me muero pero no voy a volver a usar, hay grupos",
    "mi papa a veces se toma mas clonazepam de lo recetado, como le hablo del tema",
    "gave away all my liquor to my brother today, im done drinking, wheres a meeting",
    "hice un curso de naloxona y hablando de sobredosis me di cuenta que fumo mota diario",
    "soy enfermera y veo sobredosis todos los dias, pero escribo por mi ansiedad",
    "i could literally kill my brother for telling dad about my vape, how do i quit",
]


# Round 30 (its first run is the session's final measure; tuned after): a footbridge over the
# motorway, keys and wallet left for a flatmate, lines of coke with chest pain, a knife in hand
# with cuts already made, a grudge with a gun outside, "something I'll regret".
ROUND_THIRTY_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "standing on the overpass rn, just want someone to know its nobodys fault",
        "suicide",
        "clear",
    ),
    (
        "the bridge is 5 min away, left my keys and wallet on the table for my sister",
        "suicide",
        "clear",
    ),
    (
        "did 4 lines of coke since midnight and now my chest is tight and my left arm is numb",
        "overdose",
        "clear",
    ),
    ("tengo la navaja en la mano, ya me hice dos y quiero seguir", "self_harm", "clear"),
    (
        "i have my dads gun in the car and im parked outside. she is not gonna laugh at me anymore",
        "violence",
        "clear",
    ),
    (
        "if my stepdad hits my mom again im gonna do something i regret",
        "violence",
        {"possible", "clear"},
    ),
]

# Round 30's calm look-alikes: an attempt months ago and stable now, a hunter's rifles, "una
# sobredosis de netflix", a carving knife at dinner.
ROUND_THIRTY_CALM: list[str] = [
    "mi hija intento matarse en marzo, ahora esta estable con su psiquiatra, busco grupo para"
    " padres",
    "my husband is a hunter and has rifles at home but he is calm, the problem is his drinking",
    "me di una sobredosis de netflix este finde jaja, pero mi novio fuma mota diario",
    "dad was carving the turkey with the carving knife and we argued about his drinking again",
]


# Round 31: a car park's top level and "working up the nerve", a Spanish brand of alprazolam with
# rum and double vision, a 9 in the glovebox where he parks, cuts "en los muslos" with a blade at
# hand, a girlfriend who "quiere hacerse daño otra vez", a brother silent after using.
ROUND_THIRTY_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "on the top level of the car park, been up here an hour working up the nerve",
        "suicide",
        "clear",
    ),
    (
        "me he tomado como doce orfidal con ron hace un rato y ya no siento las piernas",
        "overdose",
        "clear",
    ),
    (
        "i know where he parks after work and i got my brother's 9 in the glovebox",
        "violence",
        "clear",
    ),
    ("tengo la navaja al lado y ya empecé otra vez en los brazos", "self_harm", "clear"),
    (
        "mi hermana me dijo llorando que quiere hacerse daño otra vez",
        "self_harm",
        {"possible", "clear"},
    ),
    (
        "mi primo se encerró en su cuarto después de usar y no contesta desde hace horas",
        "overdose",
        {"possible", "clear"},
    ),
]

# Round 31's calm look-alikes: a parent's suicide long ago that "still hits me", a peer group "to
# keep it that way", a thesis on suicide-loss survivors.
ROUND_THIRTY_ONE_CALM: list[str] = [
    "my dad died by suicide when i was 10, im 35 now and it still hits me every christmas, any"
    " groups",
    "attempted in 2018, doing well on sertraline now, i want a peer group to keep it that way",
    "hago mi tesis sobre sobrevivientes de pérdida por suicidio, qué grupos existen",
]


# Round 32 taught: a stretch of time without self-harm ("four months no cutting") beside an urge
# or the blades at hand; "bye to everybody" with a poison and no answer; a medicine bottle
# "lighter than it was" and someone asleep for hours; "took my razor blades" is no intake;
# someone chased with a machete; "kill me when he finds me" is no figure of speech; a grudge and
# driving past where they live; vials and "push all of them at once".
ROUND_THIRTY_TWO_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "I've put all my passwords in an envelope for my sister and tonight after the last train"
        " I'm going down to the tracks",
        "suicide",
        "clear",
    ),
    (
        "my cousin texted bye to everybody in the family chat and said he bought rat poison, now"
        " he's not picking my calls",
        "suicide",
        "clear",
    ),
    ("four months no cutting and tonight the urge is screaming at me", "self_harm", "possible"),
    ("haven't cut myself since june but the urge is back tonight", "self_harm", "possible"),
    (
        "my 13 year old took my razor blades and locked herself in the bathroom, there's blood on"
        " the floor and she won't answer",
        "self_harm",
        "clear",
    ),
    (
        "saqué las cuchillas y las tengo encima de la mesa, llevaba un año sin hacerlo",
        "self_harm",
        "clear",
    ),
    (
        "he's downstairs smashing things and says he'll kill me when he finds me, I'm hiding in"
        " the closet with my son",
        "violence",
        "clear",
    ),
    (
        "parked outside his house with a bat in the back seat, he put his hands on my little"
        " brother",
        "violence",
        "clear",
    ),
    ("my uncle is drunk and chasing my aunt around the house with a machete", "violence", "clear"),
    (
        "he's in the hallway with a knife saying he'll finish us both, we pushed the dresser"
        " against the door",
        "violence",
        "clear",
    ),
    (
        "the guy who sold my brother the pills that killed him lives two streets away, I know"
        " where he lives and I drove past there three times this week",
        "violence",
        {"possible", "clear"},
    ),
    (
        "my mum's tramadol box is a lot lighter than it was yesterday and my brother has been"
        " asleep since this morning",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "had like 20 paracetamol since this morning for my back and now my stomach hurts",
        "overdose",
        "clear",
    ),
    (
        "been stashing the vials from work in my glovebox and tonight i'm going to push all of"
        " them at once",
        "suicide",
        "clear",
    ),  # An overdose in a named month is the past, but not what is said of now beside it.
    (
        "ever since my sister overdosed in may i keep thinking i'd like to sleep and never wake up",
        "suicide",
        "possible",
    ),
    ("he overdosed in march and again tonight, he's not waking up", "overdose", "clear"),
]

# Round 32's calm look-alikes: an overdose treated and stable, or last month with weeks at home
# since; an anniversary of an attempt; anxiety at work beside the crew's drugs; a
# counsellor asking for groups; a nursing assignment; a streak celebrated; detox and AA; guns
# kept at home; a mother who "will kill me when she finds out".
ROUND_THIRTY_TWO_CALM: list[str] = [
    "my sister overdosed on friday but she's in ICU and stable, doctors say she will be fine. how"
    " do i help her after",
    "my brother relapsed and overdosed last month, he's been home two weeks now and seeing a"
    " counsellor. groups for siblings?",
    "three years ago tonight I was in hospital after taking everything in the cabinet. today I"
    " went swimming and ate lunch with my nephew, doing well",
    "work is murder lately, half the lads are on the gear, and my chest gets tight and my heart"
    " races at night. anxiety group?",
    "school counsellor here, I used to self-harm years ago. looking for groups for teens who"
    " self-harm that you'd recommend",
    "estoy haciendo una tarea de enfermería sobre sobredosis y naloxona, ¿puedo ir de oyente a NA?",
    "2 years no cutting today! still have scars but I'm proud. going to my group tonight",
    "my son just got out of detox last week, looking for an AA meeting near him",
    "my son-in-law drinks and keeps rifles in the house, he has never laid a hand on my daughter"
    " that I know of. groups for families?",
    "my mom is going to kill me when she finds out i failed chemistry lol",
    "my daughter overdosed on heroin in april, narcan brought her back and she's three months"
    " clean now. groups for parents?",
]


# Round 33 taught: thoughts of doing something to someone asleep; covering the marks; how many of
# someone's tablets "would actually do it"; the only thing keeping me here; a roommate's music
# looping for hours; a bat in the boot and what time he leaves work; a gun shown at work with a
# boss who "won't be around"; "did my arm"; a door kicked in; Rioplatense goodbyes ("se la dejo
# a", "la carta para mi vieja").
ROUND_THIRTY_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "some nights i think about doing something to my stepdad while he sleeps",
        "violence",
        "possible",
    ),
    (
        "como hago para tapar los cortes de los brazos en la escuela, me los hago cuando estoy mal",
        "self_harm",
        "possible",
    ),
    (
        "how many of my nan's blood pressure tablets would actually do it for someone my size?"
        " she's out till 6",
        "suicide",
        "clear",
    ),
    ("the only thing keeping me here is my dog, i'm so tired of everything", "suicide", "possible"),
    (
        "my flatmate uses heroin, last i heard from him was last night and his music has been"
        " looping for hours behind his locked door",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "tengo el machete en la camioneta y ya sé a qué hora sale ese tipo, lo que le hizo a mi"
        " hija no se queda así",
        "violence",
        "clear",
    ),
    (
        "a guy at work showed me a gun in his truck and said the boss won't be around for monday",
        "violence",
        "clear",
    ),
    ("did my arm again in the school toilets and it won't stop bleeding", "self_harm", "clear"),
    ("he's kicking the door down and i'm in the bathroom with my daughter", "violence", "clear"),
    (
        "le dejo la compu a mi hermano y la bici a mi primo, la carta para mi vieja está en el"
        " cajón. gracias por aguantarme. chau",
        "suicide",
        "clear",
    ),
]

# Round 33's calm look-alikes: someone seen by the crisis team and staying with the writer; an
# overdose years ago beside "hoy estoy limpio"; "an overdose of cheese"; scars and years without.
ROUND_THIRTY_THREE_CALM: list[str] = [
    "my brother said he wanted to die last night, we got him to the doctor, the crisis team has"
    " seen him and he's staying with me now. groups for family?",
    "hace 5 años casi me muero de una sobredosis, hoy estoy limpio y en tratamiento, busco NA"
    " los domingos",
    "this pasta is an overdose of cheese lol. anyway i want to quit smoking",
    "the scars on my wrists are from uni, i haven't done it in over ten years. any groups for"
    " social anxiety?",
]

# Round 34 taught: an ex who says you'll regret leaving and knows the children's school; life
# insurance that would pay better than me; an opioid and a benzodiazepine with someone drowsy and
# slurring; a pet given away and the rent paid; 'make sure nobody else gets her'; a door punched
# beside a threat; benzodiazepines by other names (oxazepam).
ROUND_THIRTY_FOUR_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my ex keeps messaging that i'll regret leaving him and that he knows which school our"
        " son goes to",
        "violence",
        {"possible", "clear"},
    ),
    (
        "pregunta, si me muero el seguro de vida le paga a mis hijos? ellos estarían mejor con"
        " ese dinero que conmigo",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "mi abuela toma tramadol y clonazepam, hoy está muy dormida y arrastrando las palabras,"
        " la despierto?",
        "overdose",
        {"possible", "clear"},
    ),
    ("ya le di mi gato a mi prima y dejé pagada la renta, no hace falta más", "suicide", "clear"),
    (
        "her boyfriend told her if she ever leaves he'll make sure nobody else gets her, and"
        " he's drinking tonight",
        "violence",
        {"possible", "clear"},
    ),
    (
        "lost 30 grand on the horses, the life insurance would cover it better than i ever could",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "he's punching the bathroom door and says he'll snap my neck when it opens, i'm in here"
        " with my toddler",
        "violence",
        "clear",
    ),
    (
        "swallowed about 25 of my mum's oxazepam twenty minutes ago and my legs are going heavy",
        "overdose",
        "clear",
    ),
]

# Round 34's calm look-alikes: a patient who pulled through; someone safe at ours and checked on; a
# slaughterhouse's knives and blood; a caffeine overdose joke; jumping off the couch; 'financial
# suicide' as a name; a call months back with the man in prison now.
ROUND_THIRTY_FOUR_CALM: list[str] = [
    "rough night in resus, a young lad came in after an overdose and he pulled through. I'm"
    " just tired, any groups for carers?",
    "trabajo en el matadero, todo el día con cuchillos y sangre, lo que me mata es la ansiedad",
    "un día de estos me da una sobredosis de cafeína jaja, el que me preocupa es mi hijo con la"
    " marihuana",
    "if my team loses again i'm jumping off the couch lol. anyway i need GA, i keep betting my"
    " wages",
    "my mates call payday 'financial suicide friday' but i've missed rent twice now, gamblers"
    " anonymous online?",
    "I'm a paramedic. A few months back a man held a knife to his wife at a call, everyone"
    " lived and he's in prison now. I can't sleep and I snap at my kids. Peer groups for"
    " responders?",
]

# Round 35 taught: Spanish wishes not to wake ('ojalá no despertara') and 'a nadie le haría falta';
# the urge to beat someone 'hasta que no se mueva'; a rope up over the beam and tested; a knife
# taken to go and find the dealer; 'me voy a arrepentir de dejarlo' with his car outside.
ROUND_THIRTY_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "perdona la hora, quería preguntar si es normal pensar cada noche que a nadie le haría"
        " falta si uno no despertara",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "mi prima dice que ojalá no despertara mañana, no sé si exagero",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "cuando la veo con él me dan ganas de agarrarlo a golpes hasta que no se mueva",
        "violence",
        {"possible", "clear"},
    ),
    ("the rope is up over the beam in the shed and i tested it this afternoon", "suicide", "clear"),
    (
        "mi papá agarró el machete y dice que va a ir a buscar al tipo que le vende la droga",
        "violence",
        "clear",
    ),
    (
        "mi ex me escribe que me voy a arrepentir de dejarlo y hoy su carro estaba afuera de mi"
        " trabajo",
        "violence",
        {"possible", "clear"},
    ),
]

# Round 35's calm look-alikes: things given away for a move; an exam on overdoses; a cut while
# chopping onions; 'este trabajo me va a matar'; climbing knots; 'can't go on
# pretending'; hiding in the toilets during a panic attack.
ROUND_THIRTY_FIVE_CALM: list[str] = [
    "gave away most of my clothes today, moving into a tiny flat after the divorce, fresh"
    " start! looking for a GA group",
    "mañana tengo examen sobre sobredosis y naloxona, me muero de sueño jaja",
    "me corté picando cebolla y me pusieron tres puntos, ya estoy bien. hay grupos de comedores"
    " compulsivos?",
    "este trabajo me va a matar, doce horas diarias. hay grupos para la ansiedad?",
    "been learning climbing knots with a rope at the climbing gym, 3 years off meth and loving it",
    "i can't go on pretending my husband's drinking is fine. how do i talk to him",
    "i get panic attacks at work and end up hiding in the toilets till it passes. anxiety"
    " groups near me?",
]

# Round 36 taught: nothing left to try and a family that would manage better without me; the voices
# saying it's time and a call hung up; the end of the road; the urge to bang one's head against the
# wall; out of rehab, with the old dealer and not answering; an empty bottle and barely opening
# their eyes; a delusion of poison with a knife under the pillow; 'doubt I'll be around'; 'has it
# coming' from someone days into a meth binge.
ROUND_THIRTY_SIX_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "nine years of back pain and the clinic says there's nothing left to try. my wife would"
        " manage better without me",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "my brother called from the bridge saying the voices told him it's time and then hung up",
        "suicide",
        "clear",
    ),
    (
        "deported again, no papers, no family here. this is the end of the road for me",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "cuando me duele así me dan ganas de darme contra la pared hasta sangrar",
        "self_harm",
        {"possible", "clear"},
    ),
    (
        "mi hija salió de la clínica de rehabilitación la semana pasada y hoy la vi hablando"
        " con el que le vendía, no contesta desde la tarde",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "encontré vacío el frasco de oxycodone de mi abuelo y está muy dormido, le hablo y"
        " apenas abre los ojos",
        "overdose",
        "clear",
    ),
    (
        "my brother stopped his meds, says the neighbours are poisoning his food and he has a"
        " knife under his pillow",
        "violence",
        "clear",
    ),
    (
        "three weeks sober and whats the point of any of it, i doubt i'll be around for the"
        " weekend",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "he's been up for days on meth saying the guy across the road has it coming",
        "violence",
        {"possible", "clear"},
    ),
]

# Round 36's calm look-alikes: butchering venison; an overdose last week, out of hospital and
# staying with us; a stranger's overdose the paramedics dealt with; going hunting; people who think
# I want to die; a joke everyone laughed at.
ROUND_THIRTY_SIX_CALM: list[str] = [
    "butchering a venison haunch tonight with the big knife, blood everywhere lol. is 5 beers a"
    " night too much?",
    "my cousin overdosed last week but he's out of hospital and staying with us, doing ok."
    " family groups for meth?",
    "a man overdosed at the bus stop near us yesterday, the paramedics got him. it shook me, 4"
    " years clean. meeting tonight?",
    "el sábado salgo a cazar venado con mi hermano, llevo un año sin tomar, hay reunión de AA"
    " el domingo?",
    "todos creen que me quiero morir por la silla de ruedas, pero estoy bien, lo que quiero es"
    " dejar de fumar",
    "at dinner I joked 'if a bus hits me at least no more exams' and everyone laughed. doing"
    " well, want a bipolar group",
]

# Round 37 taught: intrusive thoughts of shaking a baby; crossing without looking and 'si me
# atropella un camión'; 'ni voy a estar aquí'; a gun brought to work over a grudge; 'gonna deal with
# them' days into a meth binge.
ROUND_THIRTY_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my daughter is 5 weeks old and when she screams i get thoughts about shaking her. it"
        " terrifies me",
        "violence",
        {"possible", "clear"},
    ),
    (
        "últimamente cruzo la calle sin mirar, si me atropella un camión me da igual todo",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "para qué sigo con el tratamiento si en unos meses ni voy a estar aquí",
        "suicide",
        {"possible", "clear"},
    ),
    (
        # a threat said as a condition ("if ... says one more word") is asked about: never let pass
        "if my supervisor says one more word i'm bringing my dad's gun to work tomorrow, not"
        " joking, it's already in my car",
        "violence",
        {"possible", "clear"},
    ),
    (
        "my brother's been up on meth for three days saying he's gonna deal with them next door",
        "violence",
        {"possible", "clear"},
    ),
]

# Round 37's calm look-alikes: too much coffee; a goodbye letter to an addiction (a therapy
# exercise); deer hunting; a father's beatings decades ago; 'rather jump off
# a bridge than retake'; 'bebo demasiado'.
ROUND_THIRTY_SEVEN_CALM: list[str] = [
    "me pasé con el café, llevo 6 tazas y el corazón me va a mil jaja. mi hermano apuesta todo"
    " en las tragamonedas",
    "wrote a goodbye letter to my addiction today, my therapist's idea. 90 days without a drink",
    "went deer hunting with my dad this weekend, rifle and all, and didn't need a drink. 10"
    " months sober",
    "my father beat us when he drank, he's been dead 15 years but the nightmares come back."
    " trauma groups?",
    "i'd rather jump off a bridge than retake statistics lol. anxiety groups for students?",
    "soy trans y bebo demasiado los fines de semana, busco un grupo lgbt online",
]

# Rounds 38 and 39 (the final parser's measure, then tuned) taught: how many floors 'para que una
# caída no falle'; 'le voy a partir la cabeza'; no point in waking up tomorrow; pills taken drunk,
# 'no sabe cuántas'; thoughts of going to find him; the urge to bang one's head at work (an urge is
# no accident at work).
ROUND_THIRTY_EIGHT_AND_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "wrote goodbye letters to my kids and one to my addiction, tonight is the night",
        "suicide",
        "clear",
    ),
    (
        "brutal shift, and now im home with the vials from the ward, going to push them all"
        " tonight",
        "suicide",
        "clear",
    ),
    (
        "my sponsor says im doing great but i have 60 pills saved and tonight im done",
        "suicide",
        "clear",
    ),
    # words read as calm (a programme, a fresh start, a hunting trip, home with family) do not hide
    # the danger said beside them
    (
        "i cant even enjoy this show anymore, i have the pills counted out for tonight",
        "suicide",
        "clear",
    ),
    (
        "gave away all my things, wrote letters to everyone, tonight i get my fresh start",
        "suicide",
        "clear",
    ),
    (
        "went hunting last week, now im sitting in the truck with the rifle in my mouth",
        "suicide",
        "clear",
    ),
    (
        "he's safe at ours tonight but he just told me he wants to kill himself and has been"
        " cutting",
        "suicide",
        "clear",
    ),
    # someone held safe does not hide an intake told beside it, nor an earlier day someone who
    # does not wake now
    (
        "he's ok now but he took 20 of his pills an hour ago and he's getting really sleepy",
        "overdose",
        "clear",
    ),
    (
        "she pulled through last time but tonight she took everything in the cabinet",
        "overdose",
        "clear",
    ),
    ("mi hermano se metió algo ayer y no despierta", "overdose", "clear"),
    (
        "pregunta nomás, cuántos pisos hacen falta para que una caída no falle",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "cada vez que me grita siento que un día le voy a partir la cabeza con lo primero que"
        " agarre",
        "violence",
        {"possible", "clear"},
    ),
    (
        "relapsed again last night after 6 months. honestly i don't see the point in waking up"
        " tomorrow",
        "suicide",
        {"possible", "clear"},
    ),
    (
        "mi hermano llegó borracho y dice que se tomó unas pastillas para dormir, no sabe"
        " cuántas, ahora está dormido",
        "overdose",
        {"possible", "clear"},
    ),
    (
        "a veces pienso en ir a buscarlo, no sé qué le haría si me lo cruzo",
        "violence",
        {"possible", "clear"},
    ),
    (
        "en el trabajo me dan ganas de pegarme la cabeza contra la pared hasta sangrar",
        "self_harm",
        {"possible", "clear"},
    ),
]

# Rounds 38 and 39's calm look-alikes: a first rifle on a hunt; an overdose stable in hospital;
# years since the last cut ('quiero un grupo' is no urge); 'nunca he ido' is no symptom; a binge
# during finals; flashbacks that 'hit me'; a vape.
ROUND_THIRTY_EIGHT_AND_NINE_CALM: list[str] = [
    "went duck hunting with my granddad, first time holding a rifle. also want to quit weed, MA"
    " meetings?",
    "my friend OD'd on friday, he's ok now, stable in the hospital. i use the same pills, i"
    " need NA",
    "hoy se cumplen 2 años desde la última vez que me corté, me siento orgullosa. quiero un"
    " grupo para seguir así",
    "nunca he ido a una reunión de NA y me da cosa hablar. le meto perico los findes nada más",
    "i took my roommate's adderall for like 3 days straight during finals and didn't sleep. is"
    " there a group for that?",
    "my ex used to threaten me when he was drunk, he's in prison now and I'm safe, but the"
    " flashbacks still hit me",
    "ya no aguanto ni una hora sin darle una calada al vape, quiero dejarlo",
]


def test_a_finding_counts_once_in_a_rule(parser: Parser) -> None:
    """A rule that names a concept twice needs two findings of it: one symptom is not two, one
    goodbye is not two (and one goodbye alone is no clear crisis)."""
    detector = _detector(parser)
    twice = [r for r in detector.rules if len(set(r.all)) < len(r.all)]
    assert twice, "the rules name no concept twice any more: this test has nothing to check"
    one = parser.check_crisis("wrote a letter to my sister")
    assert one is None or one.level == "possible", one
    two = parser.check_crisis("wrote a letter to my sister and gave my dog to the neighbours")
    assert two is not None and (two.kind, two.level) == ("suicide", "clear"), two


def test_no_two_concepts_override_each_other() -> None:
    """`inside` drops a concept within another of the same length or longer: two concepts that
    listed each other would drop both where their words are the same."""
    rules = json.loads((Path(nlp.__file__).parent / "data" / "risk" / "rules.json").read_text())
    inside: dict[str, list[str]] = rules["inside"]
    mutual = [(a, b) for a, inner in inside.items() for b in inner if a in inside.get(b, [])]
    assert mutual == []


# Rounds 41 and 42 (run once on 40fe881, then tuned) taught: a question about the signs of
# suicide or how much naloxone reverses an overdose is a topic; a hypothetical reaches only to the
# end of its clause; a new time ('y hoy lo encontré') undoes an earlier past for what follows;
# someone else held safe, or a show quoted before, no longer hides what the writer says of
# themselves; violence told through the target's address, a grudge and a weapon in the car.
ROUND_FORTY_ONE_AND_TWO_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "we move to a new house next week. tonight i wrote goodbye letters to my children, they "
        "wont need me",
        "suicide",
        "clear",
    ),
    (
        "my mum is stable now, the nurses say shes fine. im going to end it tonight, the pills "
        "are in my bag",
        "suicide",
        "clear",
    ),
    (
        "mi papa ya esta internado y a salvo. yo ya no quiero vivir, tengo las pastillas aqui",
        "suicide",
        "clear",
    ),
    (
        "saw the overdose episode on that show and then i took all my xanax twenty minutes ago",
        "overdose",
        "clear",
    ),
    (
        "tengo 16 y me estan volviendo las ganas de quemarme con un cigarro, todavia no lo hago",
        "self_harm",
        "possible",
    ),
    (
        "does the overpass on 5th have fencing yet? also need someone to take my dog, she cant "
        "be alone after sunday",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "got her address from his cousin and the shotgun is in the back seat. she put my "
        "brother in the hospital. heading there now",
        "violence",
        "clear",
    ),
    (
        "a guy at work keeps showing people a gun in his bag, says monday is the day management "
        "pays for it. its monday",
        "violence",
        "clear",
    ),
    (
        "mi ex esta abajo en el portal con una barra de hierro y dice que tira la puerta, estoy "
        "con los niños",
        "violence",
        "clear",
    ),
    (
        "mi hermano me dijo que si vuelvo a tirar su mercancia al baño me mata, ahora duerme",
        "violence",
        "possible",
    ),
    (
        "ya tengo su direccion, el tipo que le toco a mi hija. el bate esta en el carro y salgo "
        "en diez minutos",
        "violence",
        "clear",
    ),
    (
        "my brother was a year clean off heroin and today i found him on the bathroom floor "
        "barely breathing, lips purple",
        "overdose",
        "clear",
    ),
    (
        "mi hermano llevaba un año limpio y hoy lo encontre tirado con la jeringa, casi no "
        "respira y tiene la boca morada",
        "overdose",
        "clear",
    ),
    (
        "got out friday after 2 years in prison, did my old amount of fent tonight and i cant "
        "keep my eyes open",
        "overdose",
        "clear",
    ),
    (
        "what are the signs of an od, my brother took 25 of his pills an hour ago and is "
        "nodding off",
        "overdose",
        "clear",
    ),
    (
        "how do i know if someone is overdosing, my girlfriend is snoring strange and her lips "
        "are blue",
        "overdose",
        "clear",
    ),
    (
        "not being dramatic, the notes for my kids are on the table and the car is ready for "
        "tonight",
        "suicide",
        "clear",
    ),
    (
        "how much ibuprofen is an overdose? i already took 50 twenty minutes ago",
        "overdose",
        "clear",
    ),
]
ROUND_FORTY_ONE_AND_TWO_CALM: list[str] = [
    "my brother tried to kill himself on sunday, hes safe on the ward now. are there groups for "
    "siblings?",
    "some bloke overdosed outside the chemist yesterday, paramedics got him. im 2 years clean, "
    "want a meeting tonight",
    "vi la escena de la sobredosis en una serie y me acorde de mi tio. el ya esta bien, no esta "
    "en peligro. grupos para familias?",
    "me cortaba en la prepa, ahora tengo 30 y llevo años sin hacerlo. busco grupo de ansiedad",
    "mi novio se toma los clonazepam de su abuela cuando sale de fiesta y queda ido. como lo "
    "ayudo?",
    "el doctor me dijo que si sigo con la cerveza el higado me va a matar, quiero dejarla",
    "i used to cut myself and now i feel so much better, 2 years free. looking for a peer group",
    "my dad died when i was 9 and now that im at uni its hitting me harder than ever, grief "
    "groups?",
    "deje el alcohol hace tres años pero ahora fumo porros todos los dias. busco un grupo en "
    "Sevilla, por la mañana si puede ser",
    "what are the warning signs someone might be suicidal? i start volunteering on a helpline "
    "next month",
    "cuales son las señales de que alguien esta pensando en suicidarse? soy profe de secundaria",
    "how much narcan does it take to reverse a fentanyl overdose? starting at a needle exchange "
    "soon",
    "not being dramatic but id sooner shoot myself than sit in a circle and share. wife wants "
    "me at AA though",
]

# Round 43 (run once on 27cb7d8, then tuned) taught: someone held safe now makes an intake
# 'last night' over (held_safe also: earlier_night); 'hace un año' is the past; three cuts with the
# blade in hand are self-harm, not a weapon taken up; a delusion that someone 'es el diablo' beside
# a knife just taken up; excess with chest pain; 'no sabe dónde estoy' is no menace.
ROUND_FORTY_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "ya van cuatro cortes con la navaja y uno no deja de sangrar, no se si ir a urgencias",
        "self_harm",
        "clear",
    ),
    (
        "mi hermano dice que su jefe es el demonio y acaba de agarrar el cuchillo de la cocina, "
        "se fue a su cuarto",
        "violence",
        "clear",
    ),
    (
        "me pase con la coca, me duele el pecho y no siento el brazo izquierdo",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "mi novio salio de rehabilitacion el lunes, volvio a usar y ahora casi no contesta, "
        "arrastrando las palabras",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "a veces pienso que le voy a hacer daño a mi bebe cuando llora toda la noche",
        "violence",
        "possible",
    ),
    (
        "el no sabe donde estoy pero me mando mensaje que trae una pistola y me va a buscar",
        "violence",
        "clear",
    ),
    (
        "no estoy en peligro dicen, pero ya me quiero morir y tengo las pastillas juntadas para "
        "esta noche",
        "suicide",
        "clear",
    ),
]
ROUND_FORTY_THREE_CALM: list[str] = [
    "last night my wife took too many of her sleeping pills, the ambulance came in time and "
    "shes been on the ward since, stable. groups for partners?",
    "anoche mi hijo se tomo un puño de pastillas, ya esta en el hospital estable y mañana le "
    "dan de alta. hay grupos para padres?",
    "hace un año me dio una sobredosis. ahora estoy en metadona y quiero un grupo de NA en Queens",
    "EMT here, two overdose calls tonight and one didnt make it. im fine, just want a peer "
    "group for first responders",
    "im DONE. done with drinking, done with hangovers. AA in Leeds on weekday evenings?",
    "mi papa nos pegaba de chiquitos y amenazaba a mi mama. ya murio, pero tengo pesadillas. "
    "grupos de trauma?",
]

# Round 44 (run once on 8bdf28f, then tuned) taught: a car started in a closed garage is a method;
# an emptied box of someone's pills beside someone barely responding; deep cuts that will not stop
# bleeding; blue lips said loosely ('lips kind of blue'); someone keeping one means away does not
# make another means safe (means_held and warm_up stay in their clause); 'where do I go for him' is
# no threat; a none concept reaches a rule when it overlaps its window.
ROUND_FORTY_FOUR_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my dads meds box is empty and hes on the kitchen floor, barely responding, threw up "
        "everywhere",
        "overdose",
        "clear",
    ),
    (
        "tengo unos cortes profundos en la pierna que no paran de sangrar, me los acabo de hacer",
        "self_harm",
        "clear",
    ),
    (
        "found my brother in the car, lips kind of blue, burnt foil on the seat",
        "overdose",
        "clear",
    ),
    (
        "mi colega salio del talego ayer y esta noche se metio caballo, no hay manera de "
        "despertarle",
        "overdose",
        "clear",
    ),
    (
        "siento que mi bebe estaria mejor con otra mama, yo sobro en esta casa",
        "suicide",
        "possible",
    ),
    (
        "mi esposo se encerro en la cochera y prendio el carro con la puerta cerrada, no contesta",
        "suicide",
        "clear",
    ),
    (
        "my wife keeps my meds locked up now, but the rope is up in the shed and i'm doing it "
        "tonight",
        "suicide",
        "clear",
    ),
    (
        "le deje la carta para mis hijos a mi hermana y ya esta todo arreglado",
        "suicide",
        {"clear", "possible"},
    ),
]
ROUND_FORTY_FOUR_CALM: list[str] = [
    "im sober 3 years myself but my son is on meth now, where do i go for him?",
    "writing a novel where the main character overdoses in a motel, could i sit in on an open "
    "NA meeting?",
    "my brother is out of the ICU after he overdosed last week, hes home with us now and "
    "stable. where do we start with NA?",
    "soy maestra, llevo meses sin ganas de nada y me arrastro al trabajo. grupos de depresion "
    "online?",
    "going hunting with my grandad this weekend, first time holding a rifle, also want to quit "
    "vaping",
]

# A sweep of the calm markers said beside a crisis (after round 44) taught: a song, a film or a book
# named in a sentence quotes only the words between quotation marks there (in_quotes) and the few
# words after it in its clause, not the writer's own plans said beside it; a stockpile told as
# 'pastillas juntadas'.
ROUND_QUOTES_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "i finished the last book in the series and tonight i'm going to take all my pills",
        "suicide",
        "clear",
    ),
    (
        "listened to our song one more time, the rope is ready in the garage for tonight",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "tengo las pastillas juntadas y esta noche me las tomo todas",
        "suicide",
        "clear",
    ),
    (
        "watched the news and then i took 30 of my sleeping pills twenty minutes ago",
        "overdose",
        "clear",
    ),
]
ROUND_QUOTES_CALM: list[str] = [
    "'i want to die in your arms tonight' is my favourite lyric lol, that song slaps. need a "
    "weed group in Denver",
    "been humming 'i wanna end me' by that band all day, great song. also looking for SMART "
    "recovery online",
]

# Round 45 (run once on 8f1078b, then tuned) taught: a car left running in a locked garage with no
# answer; heating a blade or a clip to burn oneself; 'sitting here' is now, after a clean stretch;
# texts no longer answered during a binge; a delusion of poison beside 'le va a dar su merecido';
# a clock time ('a las 6') is no count; a beer 'para que se me quitara' the shakes is withdrawal.
ROUND_FORTY_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "SOS mi hermano se encerro en el garaje con el carro prendido y no abre la puerta",
        "suicide",
        "clear",
    ),
    (
        "estoy calentando la punta del clip con el encendedor otra vez, ya me lo puse en el brazo",
        "self_harm",
        "clear",
    ),
    (
        "two years clean of it and i'm sitting here heating the blade with a lighter again",
        "self_harm",
        "clear",
    ),
    (
        "my brother has been on a four day bender with pills, he stopped answering texts around "
        "noon",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "mi hijo dice que las voces le avisan que lo quieren envenenar y que le va a dar su "
        "merecido a su papa",
        "violence",
        "possible",
    ),
    (
        "me imagino esperandolo afuera de su casa con algo en la mano, no duermo hace dias",
        "violence",
        "possible",
    ),
]
ROUND_FORTY_FIVE_CALM: list[str] = [
    "my cousin took a bunch of pills last night but shes in the hospital now and the doctors "
    "say shes going to be ok. how do i help her after?",
    "ayer no tome nada y hoy amaneci temblando, me tome una cerveza a las 7 para que se me "
    "quitara. quiero dejarlo, grupos en Tijuana?",
]

# Rounds 46 and 47 (run once on 910db2c, then tuned) taught: 'going to kill mum'; a knife heated on
# the stove with voices saying one deserves it is no cooking accident; blood through the bandage
# after cutting deeper; imagining a fist through someone's face; 'I won't be responsible for what I
# do'; the signs of suicide or an overdose asked about a student; someone on the psych unit is held
# safe; 'kill me now' is a sigh; 'me pica la piel' is an itch.
ROUND_FORTY_SIX_AND_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my mums boyfriend is smashing plates and yelled hes going to kill mum, im hiding under "
        "my bed with my sister",
        "violence",
        "clear",
    ),
    (
        "heated a knife on the stove, the voices say i deserve it, my arm is ready",
        "self_harm",
        "clear",
    ),
    (
        "la sangre ya atraveso la venda del brazo, esta vez lo hice mas hondo",
        "self_harm",
        "clear",
    ),
    (
        "i keep imagining smashing my fist into my foreman's face tomorrow, i dont trust myself",
        "violence",
        "possible",
    ),
    (
        "if my neighbour touches my car one more time i will not be responsible for what i do",
        "violence",
        "possible",
    ),
    (
        "my wife has been gone five years. i dont see much reason to keep the lights on",
        "suicide",
        "possible",
    ),
]
ROUND_FORTY_SIX_AND_SEVEN_CALM: list[str] = [
    "What are the warning signs that a student might be suicidal? I'm a new teacher and want to "
    "be ready",
    "cuales son las señales de una sobredosis de opioides? mi hermano esta en metadona y le va "
    "bien, solo quiero saber",
    "my husband attempted suicide on monday, he's on the psych unit now and safe, the doctors "
    "are hopeful. groups for spouses?",
    "kill me now, my son put his rent money on betting apps again. is GA for families too?",
    "llevo tres meses sin lastimarme y hoy me pica la piel por la alergia, necesito un grupo de "
    "ansiedad",
]

# Rounds 48 and 49 (run once on 9dc4e7d, then tuned) taught: a beating under way told in Spanish
# ('pateándole a su mamá'); cutting deeper this time, shut in the toilet with a blade, is self-harm
# and not someone hiding from a weapon; poison in someone's food; a friend staying with family now
# after a wish to die told last night (staying_with); pills taken back to the pharmacy; 'la ansiedad
# me sigue pegando' is a figure; the halfway house is a break in tolerance.
ROUND_FORTY_EIGHT_AND_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "mi nieto esta drogado pateandole a su mama ahorita en la cocina, ella esta sangrando",
        "violence",
        "clear",
    ),
    (
        "lo he vuelto a hacer con la navaja, esta vez mas profundo y no deja de sangrar, estoy "
        "encerrada en el baño",
        "self_harm",
        "clear",
    ),
    (
        "a veces pienso en echarle veneno en la comida a mi padrastro, no lo haria creo",
        "violence",
        "possible",
    ),
    (
        "otra vez tengo ganas de marcarme los brazos como el verano pasado, todavia no hice nada",
        "self_harm",
        "possible",
    ),
    (
        "first time using since the halfway house, 5 months, gonna do my old amount tonight",
        "overdose",
        "possible",
    ),
    (
        "mi amigo se quedo dormidisimo despues de un perico que venia cortado con fentanilo, "
        "respira raro",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "he is staying with us now but he just told me he wants to kill himself and hes got pills",
        "suicide",
        "clear",
    ),
]
ROUND_FORTY_EIGHT_AND_NINE_CALM: list[str] = [
    "my son took too many pills last tuesday, he's home from the hospital now, safe. groups for "
    "parents?",
    "took my whole box of sertraline back to the pharmacy, wrong dose again. any anxiety groups "
    "in Leeds?",
    "whats the difference between an overdose and being really drunk? my flatmate drinks a lot",
    "la ansiedad me sigue pegando durisimo, busco grupo presencial en Lima",
    "last night my sister said she wanted to die, we talked for hours. she is staying with her "
    "mom now. groups for siblings?",
    "hace diez años me cortaba casi todos los dias. hoy soy enfermera y quiero ser voluntaria "
    "en un grupo",
]

# Rounds 50 and 51 (run once on 1a564fe, then tuned) taught: someone admitted and safe, 'fuera de
# peligro e internada', brought back with naloxone and straight into rehab; 'ese es el día' and
# waiting for one's mother to fall asleep are a chosen time; cutting again with a compass point,
# deeper than last time; imagining hurting someone in detail; 'le va a hacer algo a'; a score is no
# killing ('nos mataron 4-0'); 'me golpeaba' is the past; a scene in a show.
ROUND_FIFTY_AND_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "me lo acabo de volver a hacer con el compas, mas hondo que la otra vez",
        "self_harm",
        "clear",
    ),
    (
        "a veces me imagino haciendole daño a mi vecino con detalle, me asusto de mi mismo",
        "violence",
        "possible",
    ),
    (
        "mi tio dice que un dia de estos le va a hacer algo a la señora que lo denuncio",
        "violence",
        "possible",
    ),
    (
        "ya tengo las pastillas de mi abuelo contadas en la mesa, solo estoy esperando a que mi "
        "mama se duerma",
        "suicide",
        "clear",
    ),
    (
        "llevo semanas guardando pastillas y ya tengo suficientes, el sabado se van todos y ese "
        "es el dia",
        "suicide",
        "clear",
    ),
]
ROUND_FIFTY_AND_ONE_CALM: list[str] = [
    "last night my brother said he wanted to end it, we took him to the ER and he's admitted "
    "and safe now. groups for siblings?",
    "el sabado mi papa se tomo un frasco de pastillas, ya esta fuera de peligro e internado en "
    "psiquiatria. grupos para familias?",
    "nos mataron 3-0 en la final y otra vez aposte la quincena. jugadores anonimos en Monterrey?",
    "mi ex me golpeaba y una vez casi me mata. eso fue hace ocho años, ahora vivo lejos. grupo "
    "de sobrevivientes?",
    "vi una serie donde a un chavo le da una sobredosis y me acorde de mis años de consumo. "
    "llevo 3 años limpio, reuniones?",
    "my son overdosed on sunday, they brought him back with narcan and he went straight into "
    "rehab. groups for parents?",
]

# Rounds 52 and 53 (run once on efa9691, then tuned) taught: a drug that 'has taken over' or 'eaten'
# one's weekends is no intake; an age ('my son is 34', 'is 30 years') is no count and no small child
# (adult_age); a shift with 'three ODs' is work; a widow who would rather 'go to him'; 'no me voy a
# controlar' beside rage; a grudge against whoever got one fired, beside where he parks; 'jokes
# aside' says nothing calm about what follows.
ROUND_FIFTY_TWO_AND_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my husband died in june. i dont see reason to wake up anymore, maybe is better if i go "
        "to him",
        "suicide",
        "possible",
    ),
    (
        "le tengo tanta rabia a mi cuñado que si lo veo mañana no me voy a controlar",
        "violence",
        "possible",
    ),
    (
        "i keep thinking about the guy who got me fired, i know where he parks",
        "violence",
        "possible",
    ),
    (
        "jokes aside, i have the rope ready in the garage and tonight is the night",
        "suicide",
        "clear",
    ),
    (
        "my daughter is stable now but she just took 40 more of her pills ten minutes ago",
        "overdose",
        "clear",
    ),
]
ROUND_FIFTY_TWO_AND_THREE_CALM: list[str] = [
    "gay guy, 29, crystal has eaten my weekends. a queer friendly CMA meeting in Portland?",
    "ket has taken over my uni life, 21, Leeds. SMART Recovery please",
    "my son is 34, he used heroin for many years, now two years on suboxone and clean. groups "
    "for mothers?",
    "soy enfermera, esta semana tuvimos tres sobredosis y un intento de suicidio en el turno. "
    "yo estoy bien, busco un grupo para sanitarios",
    "me corte durante toda la secundaria, ahora tengo 30 y hace años que no lo hago. grupo de "
    "ansiedad online?",
    "I'm so angry at my wife, she lost our savings on slots again. I threw her phone in the "
    "pool. groups for spouses?",
]

# Rounds 54 and 55 (run once on ef99598, then tuned) taught: a drinker who cannot be properly
# woken; a machete and 'anyone who comes through that door'; leaving with a gun to 'arreglar las
# cosas'; a train crossing and 'won't matter after tonight'; still grey after one naloxone spray;
# 'easier for everyone if I just disappear'; out of hospital, inpatient and doing better; a series
# being written; 'die of happiness'.
ROUND_FIFTY_FOUR_AND_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my uncle drank all day and now i cant properly wake him, he just mumbles and goes back "
        "under",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "my brother is pacing with a machete saying he'll cut anyone who comes through that door",
        "violence",
        "clear",
    ),
    (
        "mi hijo acaba de salir con la pistola de mi papa diciendo que va a arreglar las cosas "
        "con el vecino",
        "violence",
        "clear",
    ),
    (
        "parked next to the railroad crossing, the last freight is at 11. wont matter after "
        "tonight",
        "suicide",
        "clear",
    ),
    (
        "already gave him one narcan spray 2 minutes ago and he's still grey, how much more?",
        "overdose",
        "clear",
    ),
    (
        "lost all our savings on slots, maybe it's easier for everyone if i just disappear",
        "suicide",
        "possible",
    ),
]
ROUND_FIFTY_FOUR_AND_FIVE_CALM: list[str] = [
    "mi primo tuvo una sobredosis el domingo pero ya salio del hospital y esta en casa "
    "tranquilo. grupos para familias?",
    "my son tried to take his life in april. he's inpatient now, safe and doing better. groups "
    "for parents?",
    "soy guionista, escribiendo una serie en la que un chico se autolesiona. que grupos de "
    "apoyo existen?",
    "120 days sober and i killed it at karaoke, gonna die of happiness",
]

# Reading the session's change back (after round 57) taught: words read as someone else being
# safe ('he is home now', 'in the hospital now', 'getting help', 'le dan de alta') drop only what
# was told with an earlier time (staying_with), so 'he is home now and says he is going to kill
# himself tonight' stays a crisis; topic words narrowed ('tuvimos tres' hid 'tuvimos tres hijos y
# mi esposo se quiere matar'); 'hang himself' is a suicide word.
ROUND_SAFETY_SWEEP_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "tuvimos tres hijos y ahora mi esposo dice que se quiere matar esta noche, tiene la "
        "pistola",
        "suicide",
        "clear",
    ),
    (
        "he is home now and says he is going to kill himself tonight",
        "suicide",
        "clear",
    ),
    (
        "mañana le dan de alta y dice que se va a matar en cuanto salga",
        "suicide",
        "clear",
    ),
    (
        "my son is getting help now but he says he will hang himself tonight",
        "suicide",
        "clear",
    ),
    (
        "i cant reverse a single thing i did, im going to kill myself tonight",
        "suicide",
        "clear",
    ),
    (
        "she is in the hospital now, she took 40 pills twenty minutes ago and is falling asleep",
        "overdose",
        "clear",
    ),
]
ROUND_SAFETY_SWEEP_CALM: list[str] = [
    "patient tried to hang himself in room 4 last night, we got to him in time. im ok but "
    "groups for nurses?",
    "my brother tried to hang himself in january. hes in a day program now, living at mums. "
    "groups for family?",
    "our bible study was on judas hanging himself, lovely discussion. do you list faith-based "
    "groups?",
    "last night my son took too many of his pills, he is in the hospital now and stable. groups "
    "for parents?",
]


# Rounds 58 and 59 taught: a height chosen as high enough and a note left beside keys are a plan;
# pills put by, a night as good as any, fresh cuts, a threat to throw a child from a window or down
# the stairs, an ex outside with a gun; Spanish urges to slam someone into a wall, 'la va a dejar
# tiesa', 'no atiende el celular' said of the one named before (carries_person); a year long gone,
# 'years ago this week', a film about someone, dying at home under hospice and a past said right
# after the event ('overdosed last month') are calm.
ROUND_FIFTY_EIGHT_AND_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "the multistorey by the station is high enough. left my keys and a note for my son on "
        "the table",
        "suicide",
        "clear",
    ),
    (
        "mi hermano volvió a la pasta base. no atiende el celular desde anoche",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "cant sleep again. want to scratch my arms till blood",
        "self_harm",
        {"clear", "possible"},
    ),
    (
        "si no me despertara mañana no pasaría nada, mis hijos estarían mejor con su padre",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "cuando toma me dan ganas de estamparlo contra la pared a mi padrastro",
        "violence",
        "possible",
    ),
    (
        "mi tío dice que si ella vuelve a la casa la va a dejar tiesa",
        "violence",
        {"clear", "possible"},
    ),
    (
        "me dan ganas de meterme toda la coca que tengo de una sola vez",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "been putting my pills aside since the funeral. tonight is as good as any",
        "suicide",
        "clear",
    ),
    (
        "my son has fresh cuts all over his arms and he is locked in his room",
        "self_harm",
        "clear",
    ),
    (
        "i keep walking up the cliff path at night and next time i am not coming down",
        "suicide",
        "clear",
    ),
    (
        "mi yerno tiene al niño en brazos y grita que lo va a tirar por la ventana",
        "violence",
        {"clear", "possible"},
    ),
    (
        "my stepdad is outside in his car and says he has a gun",
        "violence",
        "clear",
    ),
    (
        "the man next door is screaming he'll throw her down the stairs, the baby is crying",
        "violence",
        "clear",
    ),
]
ROUND_FIFTY_EIGHT_AND_NINE_CALM: list[str] = [
    "relapsed in 2009 and overdosed in 2012, clean ever since. any NA in Leeds?",
    "my dad overdosed five years ago today. looking for a grief group",
    "we read a book about a girl who kills herself in english class, now i'm worried about my "
    "cousin's drinking",
    "vimos una película sobre un hombre que se suicida y me hizo pensar en mi papá que bebe mucho",
    "my grandad wants to die at home not in the hospital, hospice is coming. groups for carers?",
    "a coworker told me today that her brother overdosed last month, it shook me. i drink too "
    "much too",
]


# A sweep after round 59 found 'me voy a matar' read as a threat to someone else (the threat
# pattern took 'me' with 'voy'), and 'me voy a ahorcar', 'me voy a colgar', 'me voy a disparar' not
# read at all: a Spanish 'me' with a first-person verb is the writer turning on themselves. A past
# said with 'this week' must not hide a new intake said after it.
ROUND_SWEEP_FIFTY_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "me voy a ahorcar esta noche, ya está decidido",
        "suicide",
        "clear",
    ),
    (
        "ya no aguanto más, me voy a matar",
        "suicide",
        "clear",
    ),
    (
        "me quiero colgar del árbol del patio",
        "suicide",
        "clear",
    ),
    (
        "tengo el revólver de mi papá, voy a dispararme",
        "suicide",
        "clear",
    ),
    (
        "i want to die at home, not in the hospital, so i saved my pills and tonight is the night",
        "suicide",
        "clear",
    ),
    (
        "my son overdosed three years ago this week and my daughter just took 20 xanax and is "
        "not breathing",
        "overdose",
        "clear",
    ),
]
ROUND_SWEEP_FIFTY_NINE_CALM: list[str] = [
    "no me voy a matar, tranquila, solo necesito un grupo para la ansiedad",
    "me voy a matar estudiando para el examen jaja, pero busco un grupo de estudio sin alcohol",
]


# Rounds 58 and 59, second pass: a gift given away 'pa qué lo quiero ya' is a goodbye; 'hoy no
# amanece' is a threat to kill; a fist or a knife put through someone's face or throat is a threat
# (not through the wall, nor through one's own skull); the edge of a bed or a bath is no height.
ROUND_FIFTY_NINE_SECOND_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "le di mi reloj a mi sobrino, pa qué lo quiero ya. las pastillas están en la mesa",
        "suicide",
        "clear",
    ),
    (
        "tengo el machete en la camioneta, ese cabrón hoy no amanece",
        "violence",
        "clear",
    ),
    (
        "tonight i'm going to put my fist through my brother-in-law's face, i'm driving there now",
        "violence",
        "clear",
    ),
    (
        "i'm going to put a knife through his throat when he gets home",
        "violence",
        "clear",
    ),
]
ROUND_FIFTY_NINE_SECOND_CALM: list[str] = [
    "sitting on the edge of the bed at 4am again, cant sleep. any online meetings for insomnia "
    "and anxiety?",
    "six years clean and tonight the craving is bad, just sitting on the edge of the bath "
    "breathing. NA meetings online now?",
    "every sound is a knife through my head with this hangover, need to stop drinking, AA near "
    "Bristol",
]


# Rounds 60 and 61 taught: a state that began 'since ... ago' goes on (since_then: only what is
# said inside it is the past); a letter for the children asking to be forgiven, a shard to be used
# on one's arms, thoughts of hurting others said by someone else, using alone and coming to on the
# floor, Scots ('swallied', 'aboot', 'noo'), a threat made with a knife on one now after 'if he
# says one more word' (one_more_time no longer lowers a weapon carried or a place known); a Spanish
# infinitive with a pronoun ('relajarme') is no typo; an anniversary 'years free from self harm
# today' and a film or doco about someone are calm.
ROUND_SIXTY_AND_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "since my son was born three months ago i feel my wife and the baby would be better off "
        "without me",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "mi hijo está encerrado en el baño, lo vi muy ido y encontré aluminio quemado, toco y no "
        "contesta",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "she showed me a shard of glass in her shoe and said she is going to use it on her "
        "wrists tonight",
        "self_harm",
        "clear",
    ),
    (
        "my student wrote that her family would have an easier life if she wasn't around anymore",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "my son says sometimes he thinks about hurting the boys who bully him",
        "violence",
        {"clear", "possible"},
    ),
    (
        "encontré el revólver en el cajón y una carta para los niños pidiendo que lo perdonen",
        "suicide",
        "clear",
    ),
    (
        "mi novio se encerró con la niña y dice que si llamo a la policía le hace algo",
        "violence",
        {"clear", "possible"},
    ),
    (
        "next time i see him i'll batter him, dunno if i can stop myself",
        "violence",
        {"clear", "possible"},
    ),
    (
        "been using on my own most nights, woke up on the floor twice",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "swallied a whole packet o diazepam aboot an hour ago, feelin heavy noo",
        "overdose",
        "clear",
    ),
    (
        "if he says one more word about my sister im stabbing him, ive got the knife on me right "
        "now and i know where he lives",
        "violence",
        "clear",
    ),
    (
        "llevaba un mes sin rayarme y anoche me rayé los brazos otra vez",
        "self_harm",
        {"clear", "possible"},
    ),
]
ROUND_SIXTY_AND_ONE_CALM: list[str] = [
    "5 years free from self harm today!! any anxiety groups near Cardiff?",
    "watched a doco about a lad who overdosed, made me think about my drinking",
    "después del trabajo me tomo unas chelas pa relajarme, creo que ya es diario, hay grupos?",
    "me atraco a escondidas por las noches, hay grupos para comer compulsivo?",
    "i have a razor for shaving and use it on my legs every morning, looking for a women's "
    "recovery group",
]


# A sweep of since_then found that 'since ... an hour ago' and 'since ... two days ago' hid an
# intake, a rope bought and a man holding a knife: a state begun only months or years ago goes on,
# and only an event named inside it (an overdose, an attempt) is the past.
ROUND_SINCE_THEN_SWEEP_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "since i bought the rope two days ago i think about it every night",
        "suicide",
        "clear",
    ),
    (
        "ever since i took 40 pills an hour ago i cant feel my legs",
        "overdose",
        "clear",
    ),
    (
        "since he hit her ten minutes ago he has been holding the knife",
        "violence",
        "clear",
    ),
    (
        "since my overdose 2 years ago i've been clean but tonight i have the pills counted out",
        "suicide",
        "clear",
    ),
    (
        "since i bought a gun six months ago i think about using it on myself every night",
        "suicide",
        "clear",
    ),
]
ROUND_SINCE_THEN_SWEEP_CALM: list[str] = [
    "since my overdose two years ago i have been clean, any NA groups on weekends?",
]


# Rounds 60 and 61, second pass: 'sorted the will out' is no threat (a will, papers or a house
# sorted out), 'le voy a cobrar' and 'me las va a pagar' are threats, 'ganas de ahorcar a su mujer'
# an urge (asked about even beside a gambling husband: round 28's calm table had that one as calm,
# it is a question now); a parent asking 'should I kick the door in' is no attack; 'me mata si se
# entera' is a figure of speech, 'bueno exagero jaja' a joke (not 'no sé si estoy exagerando');
# drinking 'desde la mañana' is no escalation; a group for the bereaved by suicide is calm.
ROUND_SIXTY_ONE_SECOND_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "me dan ganas de ahorcarlo cuando se queda apostando toda la noche, hay grupos para "
        "esposas",
        "violence",
        "possible",
    ),
    (
        "will's done, the dog goes to my sister, the shotgun is cleaned and loaded in the barn",
        "suicide",
        "clear",
    ),
    (
        "mi hermano dice que le dan ganas de ahorcar a su novia y que la idea no se le quita",
        "violence",
        {"clear", "possible"},
    ),
    (
        "ya tengo el cuchillo en la mochila y esta noche me las va a pagar",
        "violence",
        "clear",
    ),
    (
        "my son is locked in his room cutting, there's blood under the door, should I kick the "
        "door in",
        "self_harm",
        "clear",
    ),
]
ROUND_SIXTY_ONE_SECOND_CALM: list[str] = [
    "mi papá me mata si se entera que perdí la quincena en el casino jaja, hay grupos de "
    "jugadores?",
    "me quiero morir, reprobé química otra vez 😭 bueno exagero jaja, pero fumo demasiado",
    "llevo una semana sin beber, tiemblo desde la mañana y siento que me muero, quiero un grupo",
    "gave a sermon on suicide prevention last week; can you list bereavement by suicide groups?",
    "sorted the will out with my solicitor after mum died. drinking too much lately, any AA near "
    "Hull?",
]


# Rounds 62 and 63 taught: ampoules taken from a ward a few at a time and knowing exactly how much
# is needed, 'no llegar a la casa', 'una que no se levanta', an urge to cut deeper after starting,
# whatever is left in the medicine cabinet, a lighter's burns, a drunk man saying he will drop a
# child, a gun in the truck and 'voy pa'l', blood outside a door nobody opens, a weapon taken to a
# man who abused a child (a grievance, not a goodbye); spoken Spanish participles ('tomao',
# 'quemao') are read in full; pills taken away with the car keys, a naloxone dose asked for
# training, narcan kept at home, 'este jale' (a job) and 'ya estoy bien cansado' are calm.
ROUND_SIXTY_TWO_AND_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "me he ido llevando morfina del hospital y la tengo en casa, sé exactamente cuánto "
        "necesito",
        "suicide",
        "clear",
    ),
    (
        "mi cuñado le dijo al vecino que le va a dar una que no se levanta, anda bien puesto de "
        "coca",
        "violence",
        {"clear", "possible"},
    ),
    (
        "a veces manejando pienso que sería más fácil no llegar a la casa",
        "suicide",
        "possible",
    ),
    (
        "me he tomao toda la caja de clonazepam hace media hora y ya no veo bien",
        "overdose",
        "clear",
    ),
    (
        "ya saqué la navaja y ya empecé, siento que tengo que cortar más hondo",
        "self_harm",
        "clear",
    ),
    (
        "might chuck back whatever is left in the medicine cabinet tonight",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "anoche me he quemao el brazo con el mechero pa sentir algo",
        "self_harm",
        "clear",
    ),
    (
        "my husband is drunk holding the baby at the top of the stairs saying he's gonna drop him",
        "violence",
        "clear",
    ),
    (
        "ya tengo la escopeta en la camioneta y voy pa'l rancho de ese cabrón",
        "violence",
        "clear",
    ),
    (
        "my son won't open his door and there's blood on the carpet outside his room",
        "self_harm",
        "clear",
    ),
    (
        "heading to his house tonight with a bat, he's been touching my daughter, just wanted "
        "someone to know",
        "violence",
        "clear",
    ),
]
ROUND_SIXTY_TWO_AND_THREE_CALM: list[str] = [
    "bad night on friday, my brother took all my pills and the car keys and i'm at his place "
    "now, safe. depression groups online?",
    "what's the usual naloxone dose for a heroin overdose? i'm training volunteers",
    "my sister uses fentanyl again, i want to keep narcan in the house just in case, where do i "
    "get it",
    "este jale me está matando, diario me echo mis chelas pa relajarme, hay grupos de AA?",
    "ya estoy bien cansado del trabajo, necesito un grupo de apoyo para el estrés",
]


# Round 63, second pass: setting a place at the table is no arson (set needs fire or a house on
# fire); knowing where he lives and 'arreglar esto yo mismo' with a gun in the car is violence, not
# suicide.
ROUND_SIXTY_THREE_SECOND_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "ya sé dónde vive el que le vendió la droga a mi hija, tengo la pistola en el carro y "
        "voy a arreglar esto yo mismo",
        "violence",
        "clear",
    ),
    (
        "im going to set his truck on fire tonight while he sleeps",
        "violence",
        "clear",
    ),
]
ROUND_SIXTY_THREE_SECOND_CALM: list[str] = [
    "my daughter died of an overdose last spring. i still set her place at the table. groups for "
    "bereaved parents?",
]


# Rounds 64 and 65 taught: exploding at a neighbour 'no sé qué pueda pasar', a tolerance that is
# not the same after prison, a weapon brought to work 'i mean it' (in earnest after 'one more
# word'), 'si no estuviera más a nadie le cambiaría nada', slurred speech after an unknown number
# of pills (a grandchild: 'nieto' is family), a razor not on its shelf; a threat laughed off ('jaja
# no es cierto') and thoughts of self-harm last night with a sister staying are asked about, not
# answered with the crisis reply; an anniversary 'clean off the gear this week', a habit 'cada 5
# minutos' and 'this job is killing me' are calm.
ROUND_SIXTY_FOUR_AND_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "el vecino me provoca todos los días y siento que en cualquier momento exploto con él, "
        "no sé qué pueda pasar",
        "violence",
        {"clear", "possible"},
    ),
    (
        "salí del penal hace una semana y tengo ganas de fentanilo, sé que la tolerancia ya no "
        "es la misma",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "if my boss says one more word tomorrow im bringing the crowbar and he's not walking out "
        "of there. i mean it",
        "violence",
        "clear",
    ),
    (
        "tengo 14 y si no estuviera más a nadie le cambiaría nada",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "mi nieta se tomó no sé cuántas pastillas de su abuelo, casi no puede hablar, habla "
        "enredado y está muy pálida",
        "overdose",
        "clear",
    ),
    (
        "te juro que a mi cuñada la voy a matar, otra vez me movió las cosas jaja no es cierto. "
        "mi esposo bebe mucho, hay grupos?",
        "violence",
        "possible",
    ),
    (
        "anoche tuve pensamientos de hacerme daño pero mi hermana se quedó conmigo y hoy estoy "
        "más tranquila, busco un grupo",
        "self_harm",
        "possible",
    ),
]
ROUND_SIXTY_FOUR_AND_FIVE_CALM: list[str] = [
    "3 yrs clean off the gear this week 🙌 used to OD every few months, any NA in Leeds?",
    "este trabajo me va a matar 😂 vapeo cada 5 minutos, hay grupos para dejar el vape?",
]


# Rounds 66 and 67 taught: a baby shaken and threatened against the wall, a friend's goodbye text
# asking someone to take care of a pet, 'see you on the other side' and a phone off, 'not
# responsible for what i do', a child hit by a drunk (an abuse act before a young child), waiting
# for one's hour and hastening it, relapsing 'on the cutting', the pills one had left and a heavy
# tongue, imagining strangling a boss; 'but' ends a clause (a partner holding the meds does not
# reach the rope said after 'but'); an overdose 'before I got on suboxone', a safety plan with the
# guns at a relative's and a series about a girl who cuts are calm. A sweep took two back: 'hace 15
# que' read as a habit hid 'hace 3 que no duermo y me tomé todas las pastillas', and a skydiving
# 'jump' laughed off for the whole message hid a jump off a bridge said after it; both of those
# calm messages stay alarms.
ROUND_SIXTY_SIX_AND_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "hace 3 que no duermo y me tomé todas las pastillas de golpe hace media hora",
        "overdose",
        "clear",
    ),
    (
        "he meant skydiving but then he said he's going to jump off the bridge tonight",
        "suicide",
        "clear",
    ),
    (
        "my cousin's husband just shook the baby hard and is yelling he'll throw it against the "
        "wall",
        "violence",
        {"clear", "possible"},
    ),
    (
        "she texted me 'thanks for everything, take care of my dog for me' and now she won't "
        "answer",
        "suicide",
        "clear",
    ),
    (
        "my brother keeps posting 'see you on the other side' and now his phone is off",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "if he talks about my mum once more i'm not responsible for what i do",
        "violence",
        "possible",
    ),
    (
        "mi padrastro le pega a mi hermanito de 5 cuando se emborracha y hoy está tomando desde "
        "temprano",
        "violence",
        "possible",
    ),
    (
        "tengo 81 años y solo espero que me llegue la hora, a veces pienso en adelantarla",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "relapsed on the cutting tonight, blade still in my hand",
        "self_harm",
        "clear",
    ),
    (
        "me tomé las 15 pastillas de clonazepam que me quedaban y tengo la lengua pesada",
        "overdose",
        "clear",
    ),
    (
        "en el trabajo me imagino ahorcándolo cada vez que me grita",
        "violence",
        "possible",
    ),
    (
        "my wife keeps my meds now but i have the rope in the shed and tonight is the night",
        "suicide",
        "clear",
    ),
]
ROUND_SIXTY_SIX_AND_SEVEN_CALM: list[str] = [
    "I OD'd twice before I got on suboxone. 3 years stable now, any NA near Halifax?",
    "made a safety plan with my counsellor, my partner holds onto my meds and the rifles are at "
    "my dad's place. bipolar group?",
    "vi la serie esa de la chica que se corta, yo lo hacía de joven pero ya van 10 años sin "
    "hacerlo. busco grupo de ansiedad",
]


# Rounds 68 and 69 (the session's untuned final pair, tuned on only after it was measured) taught:
# someone who 'didn't make it' after an overdose named before it is a death to grieve (fatal:
# backward, only the event words, so 'my brother didn't make it and tonight i'm taking all my
# pills' stays a crisis); extra pills taken out of the house and a sister holding onto the meds
# keep means away; 'I could kill him' is a figure of speech; 'no petrol' is no weapon.
ROUND_SIXTY_EIGHT_AND_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "had a rough night with dark thoughts, my brother is holding onto my meds now, i'm safe "
        "today",
        "suicide",
        "possible",
    ),
    (
        "my brother didn't make it and tonight i'm taking all my pills",
        "suicide",
        "clear",
    ),
    (
        "my son overdosed an hour ago and didn't make it to the ambulance, he's not breathing, "
        "im doing cpr",
        "overdose",
        "clear",
    ),
]
ROUND_SIXTY_EIGHT_AND_NINE_CALM: list[str] = [
    "I'm a nurse. We worked on a woman who'd OD'd last night and she didn't make it. I keep "
    "seeing her face. Peer groups?",
    "bad night, but my partner and I took the extra pills out of the house and I'm seeing my GP "
    "tomorrow. depression group online?",
    "my wife's spending is going to be the death of me, I could kill her honestly. any groups "
    "for couples and gambling?",
]


# Rounds 68 and 69, second pass: a child thrown on the floor and a man coming back with his belt,
# 'la escuadra' (a pistol) and waiting for night, 'tell his mom he's sorry' from a bridge, a baby
# held on a balcony ('al bebé' is a child, not 'bebe', he drinks), 'we won't have to worry about
# him anymore' with a shotgun; words added to the lexicons change what the typo corrector reads
# ('perdone' had been read as 'perdon'), so 'que lo perdone por todo' is a goodbye in its own
# right.
ROUND_SIXTY_NINE_SECOND_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my boyfriend is drunk, he just threw our 2 year old on the floor and now he's coming "
        "back with his belt",
        "violence",
        "clear",
    ),
    (
        "ya cargué la escuadra, nomás estoy esperando que se haga de noche",
        "suicide",
        "clear",
    ),
    (
        "my brother texted me he's parked on the bridge and to tell his mom he's sorry, he won't "
        "pick up",
        "suicide",
        "clear",
    ),
    (
        "mi cuñado drogado tiene al bebé en el balcón y dice que lo tira si mi hermana se va",
        "violence",
        "clear",
    ),
    (
        "my dad took the rifle out of the safe and said we won't have to worry about him anymore",
        "suicide",
        "clear",
    ),
    (
        "mi hijo me mandó un audio diciendo que lo perdone por todo y ya no contesta",
        "suicide",
        "clear",
    ),
]
ROUND_SIXTY_NINE_SECOND_CALM: list[str] = [
    "he threw his old phone at the wall, anyway he gambles every night. groups for wives?",
    "tell my mom i'm sorry i missed dinner lol, anyway any AA groups near me?",
]


# Rounds 70 and 71 (the second untuned pair, tuned on only after it was measured) taught: 'kick it
# in and finish this properly' from an ex parked outside, an urge to cover a crying baby's mouth,
# more lines of coke and chest pain, 'esta noche me mata', 'putting him in hospital', a threat made
# last night though he threatens when drunk (a habit is undone by a time said since), a child held
# by the throat, gifts to a son and 'sorted everything' beside a pistol.
ROUND_SEVENTY_AND_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my ex is parked outside and says if i don't open up he'll kick it in and finish this "
        "properly",
        "violence",
        "clear",
    ),
    (
        "no duermo hace días y hoy me dieron ganas de taparle la boca al bebé para que se callara",
        "violence",
        "possible",
    ),
    (
        "mi primo se metió como 5 rayas más y le duele el pecho y está sudando frío",
        "overdose",
        "clear",
    ),
    (
        "mi esposo llegó borracho y dice que esta noche me mata, estoy encerrada con los niños",
        "violence",
        "clear",
    ),
    (
        "tomorrow when i see him on site im putting him in hospital",
        "violence",
        "clear",
    ),
    (
        "when he drinks he gets a look, and last night he said i'll see what happens if i leave",
        "violence",
        {"clear", "possible"},
    ),
    (
        "my mum's boyfriend has my sister by the throat against the fridge, im hiding in my room",
        "violence",
        "clear",
    ),
    (
        "dad gave his watch and his tools to my brother, says he's sorted everything, and his "
        "pistol is on the bedside table",
        "suicide",
        "clear",
    ),
]
ROUND_SEVENTY_AND_ONE_CALM: list[str] = [
    "come on team, kick it in gear lol. anyway my dad drinks every night, groups?",
]


# Rounds 74 and 75 (first run on ee5d32c) taught: a threat made on a condition that something
# happens again, laughed at in the same sentence, is a figure of speech ('gonna murder my flatmate
# if he nicks my oat milk again 😂'), while the same condition without a laugh, or beside a weapon,
# is still read; 'one day he'll...' is a worry, not a danger now; 'since I stopped cutting' and
# 'desde los 14 hasta los 19' are the past.
ROUND_SEVENTY_FOUR_AND_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "if he comes near my kids again i'll kill him, i've got the bat by the door",
        "violence",
        "clear",
    ),
    ("si vuelve a tocar a mi hermana lo mato esta noche", "violence", "clear"),
    (
        "if she walks out again haha i'm ending it, the rope is in the shed tonight",
        "suicide",
        "clear",
    ),
    (
        "my little brother says he'll kill himself if he loses at fortnite again lol",
        "suicide",
        "possible",
    ),
    (
        "quit cutting last spring but tonight i opened my arm up again and it won't stop bleeding",
        "self_harm",
        "clear",
    ),
    (
        "me lastimé de los 15 a los 18 y anoche volví a cortarme, no para de sangrar",
        "self_harm",
        "clear",
    ),
    (
        "someday she'll kill him, and right now she's standing over him with the knife",
        "violence",
        "clear",
    ),
]
ROUND_SEVENTY_FOUR_AND_FIVE_CALM: list[str] = [
    "i'm gonna strangle my roommate if he eats my leftovers again lmao. NA meetings downtown?",
    "mi vieja dice que lo mata a mi viejo si vuelve a apostar el sueldo jaja. grupos?",
    "it's two years since i stopped cutting and i'd like a smart recovery meeting",
    "me corté de los 13 a los 17, hace mucho que no. busco un grupo de ansiedad en Cali",
]


# A 'now' that begins a rate ('ahora unas 6 al día', 'now she also has a few beers every day') is
# the habit's own now, so it does not undo the habit; a 'now' that begins an intake still does.
ROUND_HABIT_NOW_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    ("i take 4 klonopin a day and just now i swallowed the whole bottle", "overdose", "clear"),
    ("ahora se tragó como 25 pastillas, ella toma 2 al día", "overdose", "clear"),
    (
        "my dad takes one heart pill a day and right now he took the whole bottle",
        "overdose",
        "clear",
    ),
]
ROUND_HABIT_NOW_CALM: list[str] = [
    "llevo años con el clonazepam, ahora como 5 al día, y quiero dejarlo. hay grupos?",
    "been on valium for years, now about 6 a day, how do i come off safely? any group",
]


# Rounds 76 and 77 (first run on 0f62caf) taught: goodbye voice notes ('audios de despedida') beside
# a shotgun taken to the hills; 'won't need any of it' after things sold (but not beside a move to
# a daughter's); 'si no despierto mañana mejor'; burning one's arms with a hair iron for half an
# hour is no accident; two tramadol more than the doctor said, then dizzy; 'le mete un tiro'; a gun
# pointed at someone; and, calm: 'got into meth through the party scene', a nurse's three overdoses
# this week ('me tocaron'), a veteran who sleeps with a bat by the bed, 'me gasté todos los
# ahorros', 'several times' a habit unless it says how many times the dose.
ROUND_SEVENTY_SIX_AND_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "mi tío anda mandando audios de despedida a la familia y se llevó el rifle al cerro",
        "suicide",
        "clear",
    ),
    (
        "gave the dog to my neighbour and sold the bike, won't need any of it after sunday",
        "suicide",
        {"clear", "possible"},
    ),
    ("a veces pienso que si no despierto mañana sería mejor para todos", "suicide", "possible"),
    (
        "been burning my wrists with my curling iron for half an hour and i can't make myself stop",
        "self_harm",
        "clear",
    ),
    (
        "me tomé tres pastillas más de las que me recetaron y ahora estoy muy mareada y con sueño",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "i took several times my dose of morphine an hour ago and feel really strange",
        "overdose",
        "clear",
    ),
    ("mi cuñado dice que al vecino le mete un tiro esta noche", "violence", "clear"),
    ("my stepdad pointed his rifle at my mum tonight and he's still drinking", "violence", "clear"),
    (
        "he sleeps with a machete by the bed and tonight he's waving it around screaming at us",
        "violence",
        "clear",
    ),
]
ROUND_SEVENTY_SIX_AND_SEVEN_CALM: list[str] = [
    "got into coke through work drinks in the city. any CA meetings on weekends?",
    "soy paramédico y esta semana me tocaron dos sobredosis seguidas. estoy bien, busco un grupo",
    "since iraq my husband sleeps with a bat next to the bed and has nightmares. groups for wives?",
    "en mi crisis de manía me gasté todos los ahorros, casi me muero de la pena. grupo DBSA?",
    "gave away my furniture, won't need any of it, moving in with my son in Leeds. AA there?",
    "varias veces me he tomado más de las que tocan del tramadol y creo que me enganché. grupos?",
    "el delantero le mete un tiro al arco y gol jaja. mi papá toma mucho, hay al-anon?",
]


# Rounds 78 and 79 (first run on 6b161b4), and dose questions from earlier rounds, taught: a bottle
# bought and 'parked up at the bridge now... not coming back from this one'; 'he'll kill me when
# he finds where I hid the keys' is no figure of speech; a gun beside 'I know where he lives' is a
# weapon against him (violence, not suicide); a bag of fent got after months clean, alone; a
# threat to set the house on fire; 'how many would it take' with pills between; and, calm: a dose
# question asked for a mother who takes six a day, 'casi me mato en la moto', 'hitting my vape',
# a nurse's weekly overdoses ('nos llegan'), whether naloxone reverses an overdose.
ROUND_SEVENTY_EIGHT_AND_NINE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "5 years sober, just bought a bottle of vodka, sitting at the cliffs now. not coming back "
        "from this one",
        "suicide",
        "clear",
    ),
    (
        "he said he'll kill me when he finds where i hid his keys, i can hear him on the stairs",
        "violence",
        "clear",
    ),
    (
        "I know where the man who hurt my daughter lives and my uncle's rifle is in my truck",
        "violence",
        "clear",
    ),
    ("10 months clean and i just copped a bag of fent, using alone in my car", "overdose", "clear"),
    ("how many of my nan's sleeping pills would it take to not wake up", "suicide", "clear"),
    ("asking cause my dad takes oxy: how many would it take to kill me", "suicide", "clear"),
    (
        "my stepdad is drunk and says tonight he'll burn the house down with us in it",
        "violence",
        "clear",
    ),
]
ROUND_SEVENTY_EIGHT_AND_NINE_CALM: list[str] = [
    "how many ibuprofen in a day is actually dangerous? asking cause my mum takes loads",
    "casi me mato en la moto el año pasado por ir borracho. ya no tomo, busco AA en Quito",
    "been hitting my vape nonstop since exams, is there a group for quitting nicotine?",
    "soy enfermero y cada fin de semana nos llegan sobredosis. busco un grupo para sanitarios",
    "¿la naloxona revierte una sobredosis de fentanilo? mi hijo está en recuperación",
    "3 years sober and i bought a bottle of wine for my mum's birthday, felt weird. AA near me?",
]


# Rounds 80 and 81 (first run on 4a91e7a) taught: a past said of a repeat ('she did this last
# year too') does not set the rest of its sentence in the past; 'my 14yo' is someone else; 'used
# the blade' is no drug; 'sort mum out' with a knife; 'can't see much point in carrying on';
# a turn to earnest ('ya en serio', 'but for real', 'fr tho') makes a wish to die said before it a
# joke to ask about, and what follows it is read as it is; a conditional threat laughed at in its
# sentence; and, calm: 'ready to meet my maker whenever he calls', 'pensé que no quería seguir
# viviendo, pero eso ya pasó', whether AA lets you talk about suicide, the overdose scenes of a
# film, 'tampoco quiero matarme jaja'.
ROUND_EIGHTY_AND_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "my 15yo locked herself in her room with a razor, she did this last year too, she won't "
        "open the door",
        "self_harm",
        "clear",
    ),
    ("dad's drunk and says he's getting the knife to sort mum out tonight", "violence", "clear"),
    ("since my wife died i can't see much point in carrying on", "suicide", "possible"),
    (
        "me quiero morir jajaja. pero en serio, me tomé todas las pastillas hace rato",
        "overdose",
        "clear",
    ),
    ("fr tho i swallowed 40 of my pills an hour ago", "overdose", "clear"),
    (
        "perdí la quincena en el casino, me quiero morir jajaja. ya en serio, necesito un grupo",
        "suicide",
        "possible",
    ),
    ("i just watched my brother overdose and he's not breathing", "overdose", "clear"),
    ("tampoco quiero matarme jaja pero tengo la soga lista esta noche", "suicide", "clear"),
]
ROUND_EIGHTY_AND_ONE_CALM: list[str] = [
    "i'm gonna strangle my brother if he takes my charger one more time lol. any GA near Leeds?",
    "I'm 88 and ready to meet my maker whenever he calls. My son drinks too much, any group?",
    "Cuando murió mi esposo pensé que no quería seguir viviendo, pero eso ya pasó. Busco un grupo.",
    "can you talk about suicide in NA meetings? my uncle died that way years ago",
    "the overdose scenes in that film wrecked me lol. anyway i vape all day, is there a group?",
    "¿el clonazepam con cerveza es peligroso? no lo he mezclado, solo pregunto",
]


# Rounds 82 and 83 (first run on 0ebebf6) taught: access to someone else's means said by the
# writer ('sé dónde guarda los cartuchos') beside a plan for the morning; 'ya lo pensé bien';
# 'when everyone leaves'; a length of hose and the car keys taken (no drug: 'keys' is no
# ketamine there); an hour without a sound from a son back on heroin; a doubled methadone dose
# and feeling heavy; more coke than usual with a racing heart and numb hands; 'se las va a ver'
# with a knife taken to school; and, calm: 'ready whenever the Lord calls, in no hurry', a film
# seen at school ('vimos una peli'), whether a higher lithium dose 'sea una sobredosis'.
ROUND_EIGHTY_TWO_AND_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "mi abuelo tiene el rifle en el armario y yo sé dónde guarda las balas. ya lo pensé bien, "
        "mañana cuando todos se vayan",
        "suicide",
        "clear",
    ),
    (
        "my dad took the car keys and the garden hose from the shed and said goodbye to me like "
        "he meant it",
        "suicide",
        "clear",
    ),
    (
        "mi hermano volvió a la heroína, está en su cuarto y hace una hora que no se oye nada",
        "overdose",
        {"clear", "possible"},
    ),
    ("doubled my methadone tonight and now i feel really heavy and far away", "overdose", "clear"),
    ("me metí más coca de lo normal y tengo el corazón a millón", "overdose", "clear"),
    ("mañana llevo el cuchillo al cole y el que me pegó se las va a ver", "violence", "clear"),
]
ROUND_EIGHTY_TWO_AND_THREE_CALM: list[str] = [
    "I'm 85 and ready whenever the good Lord calls, in no hurry. My son drinks, any group?",
    "en la prepa vimos una peli de un chavo que se sobredosea, mi primo fuma mota diario, grupos?",
    "el psiquiatra me quiere subir el litio y me preocupa que sea una sobredosis. hay grupos?",
]


# Rounds 84 and 85 (first run on f486238) taught: 'se va a colgar' said of a brother locked in
# with a rope; a fishhook dug into an arm ('me lo estoy clavando en el brazo'); 'he's gonna kill
# me once he finds the keys' is literal (only 'finds out' is the figure of speech); 'un estorbo'
# and 'que no amanezca'; a doubled methadone dose with cans and drowsiness in the next sentence;
# 'that feeling is back, like I deserve to hurt'; 'me va a pasar algo', 'he doesn't know what
# he's gonna do'; and, calm: a resident who overdosed on a support worker's shift, a cut from a
# mandoline already stitched, a son who says 'I want to die' when his team loses ('he's joking').
ROUND_EIGHTY_FOUR_AND_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "mi primo se encerró en el cuarto con un cable, dice que se va a ahorcar y no abre",
        "suicide",
        "clear",
    ),
    (
        "tengo un clavo en la mano y me lo estoy clavando en la pierna, no puedo parar",
        "self_harm",
        "clear",
    ),
    (
        "he kicked the door in and says he'll kill me once he finds the car keys, i'm hiding in "
        "the shed with my son",
        "violence",
        "clear",
    ),
    (
        "ya no soy más que un estorbo, mejor que un día de estos no amanezca",
        "suicide",
        {"clear", "possible"},
    ),
    (
        "I doubled my oxy this morning and had a few beers after. Now I feel heavy and far away.",
        "overdose",
        {"clear", "possible"},
    ),
    (
        "I used to burn myself at school and that feeling is back, I deserve to hurt",
        "self_harm",
        {"clear", "possible"},
    ),
    (
        "mi pareja dice que si no le doy la plata hoy me va a pasar algo",
        "violence",
        {"clear", "possible"},
    ),
]
ROUND_EIGHTY_FOUR_AND_FIVE_CALM: list[str] = [
    "one of our clients overdosed on my shift last month and he pulled through. groups for staff?",
    "me corté con la mandolina en el restaurante y ya me pusieron puntos. grupos de ansiedad?",
    "i stopped betting two years ago but the urges are back, is there a GA meeting tonight?",
]


# Rounds 86-87: a hand held on a stove on purpose, almost shaking a baby, 'what I'd do to him', a
# head put through a window, 'pasarme la navaja por el brazo' with a childhood comparison, a
# threat with a machete said in Spanish, 'what's coming to him' beside a rifle, a month of someone
# else's pills at hand.
ROUND_EIGHTY_SIX_AND_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "pressed my palm on the hot iron on purpose till it blistered, i deserved it",
        "self_harm",
        "clear",
    ),
    ("kept my hand on the burner until it blistered up, again", "self_harm", "clear"),
    ("el bebé no para de llorar y hoy casi lo sacudo, me asusté", "violence", "possible"),
    ("all i think about at work is what i'd do to him if i got him alone", "violence", "possible"),
    (
        "every time he shoves my mum i want to put his head through the wall. i nearly did tonight",
        "violence",
        "possible",
    ),
    (
        "me dan ganas de pasarme la cuchilla por las piernas como hacía de chava",
        "self_harm",
        "possible",
    ),
    ("mi papá está amenazando a mi tío con un machete en el patio", "violence", "clear"),
    (
        "my ex is gonna get what's coming to him, the shotgun's behind the seat "
        "and i know where he parks",
        "violence",
        "clear",
    ),
    (
        "sitting here with a month of mum's oxys and a bag, not saying i'll do anything",
        "suicide",
        "possible",
    ),
]

ROUND_EIGHTY_SIX_AND_SEVEN_CALM: list[str] = [
    "retired paramedic, 30 years of overdoses and folks who cut on themselves. "
    "now my wife drinks every night, al-anon?",
    "on lithium as prescribed, just took my morning dose, all fine. looking for a DBSA group",
    "me muero por un cafecito, llevo dos semanas sin tomar. grupo de AA en la tarde?",
    "my doctor has me on enough meds to choke a horse lol, taking them as told. bipolar group?",
    "my wife keeps threatening me with divorce if i don't stop gambling. any GA meetings tonight?",
    "mi esposa me amenazó con el divorcio si sigo tomando. hay grupo de AA hoy?",
]


# Rounds 90-91: a cord tied to a bed frame beside gifts and 'gg its been real', pills lined up
# beside a burden, 'tengo juntadas' pills, a brother gone with a machete to find someone ('se fue'
# + 'a buscar' is not away), waiting for her with a bat, a cutlass behind the door, cigarettes put
# out on an arm, 'better off if I never came back'; calm: 'it's hitting me now', a pill organizer,
# a series about a suicide, 'me quedan bien' (a Spanish present tense is no typo).
ROUND_NINETY_AND_ONE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "gave my cousin my xbox and told the squad gg its been real. phone cord already tied "
        "to the bed frame",
        "suicide",
        "clear",
    ),
    (
        "sitting in the tub with all my meds lined up on the edge. the kids deserve a better "
        "mom than me",
        "suicide",
        "clear",
    ),
    (
        "tengo juntadas como 40 pastillas de mi abuela, esta noche cuando todos se duerman",
        "suicide",
        "clear",
    ),
    (
        "mi primo agarró el cuchillo y se fue a buscar al que le pegó a su hermana, dice que "
        "lo va a matar",
        "violence",
        "clear",
    ),
    (
        "mi vecino dice que la va a esperar a la salida con un bate, ya se fue con el bate en "
        "la camioneta",
        "violence",
        "clear",
    ),
    (
        "when he come home drunk tonight the cutlass is behind the door, no more beatings",
        "violence",
        "clear",
    ),
    ("me apagué dos cigarros en la pierna hace un rato y no me arrepiento", "self_harm", "clear"),
    (
        "everyone would be better off if i just never came back from this trip",
        "suicide",
        "possible",
    ),
]

ROUND_NINETY_AND_ONE_CALM: list[str] = [
    "found out my uncle shot himself years ago and it's hitting me now. grief group for adults?",
    "on lithium, sorting my pills into my weekly organizer lol. DBSA online?",
    "vi una serie de una chica que se suicida y me quedé pensando en mi hija, que está bien. "
    "qué señales mirar?",
    "los sábados me quedan bien, busco un grupo de duelo presencial en Montevideo",
]


# Rounds 92-93: an urge to take a machete to someone or 'reventarle la cabeza', the same bag as
# before prison, an old amount with eyes that will not stay open, the wrong side of the railings
# and no reason to climb back, a mate locked in a toilet not answering after ket (an overdose, not
# a hiding), a blade and 'he's getting it for what he did', the whole bottle last night; calm: a
# time long past ('hubo una época en que'), a question on the warning signs that someone may want
# to die, a nurse who sees overdoses, a coach who will 'murder us', 'me pego atracones', a nail
# gun that almost went through a hand, deer stalking.
ROUND_NINETY_TWO_AND_THREE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "a veces me dan ganas de darle machetazos al capataz cuando me grita. todavía no lo hago",
        "violence",
        "possible",
    ),
    (
        "cada vez que veo al que le vendió la droga a mi hijo me dan ganas de reventarle la cabeza",
        "violence",
        "possible",
    ),
    (
        "just out of barlinnie last week and tonight i'm doing the same bag i used to",
        "overdose",
        "possible",
    ),
    (
        "three days out of rehab, did my old amount of dope, can't keep my eyes open",
        "overdose",
        "clear",
    ),
    (
        "standing on the wrong side of the railings at the viaduct. cannae think of one reason "
        "to go back",
        "suicide",
        "clear",
    ),
    (
        "my mate's been locked in the bathroom for an hour, not answering, he was on ket all night",
        "overdose",
        "clear",
    ),
    (
        "got a blade in my pocket and tonight he's getting it for what he did to my brother",
        "violence",
        "clear",
    ),
    ("anoche me tomé todo el frasco y ahora estoy muy mareada", "overdose", "clear"),
    ("i took the whole bottle last night", "overdose", "clear"),
]

ROUND_NINETY_TWO_AND_THREE_CALM: list[str] = [
    "hubo una época en que pensaba en tirarme del puente cada noche, ya no. sigo en AA, busco "
    "grupo en Sevilla",
    "¿cuáles son las señales de alerta de que alguien quiere quitarse la vida? mi sobrino está "
    "bien, solo quiero saber",
    "soy enfermero y veo sobredosis cada semana. mi problema es que bebo demasiado después del "
    "turno",
    "lost 5-0 on saturday, the coach is gonna murder us at training. also i vape nonstop, im "
    "16, any help?",
    "me pego atracones de comida por la noche y luego me siento fatal. grupos en Madrid?",
    "out deer stalking with the rifle at dawn and realised i've drunk every night for a "
    "decade. AA near Fort William?",
]


# Rounds 94-95: tablets kept under the tongue till there are enough, for when the visitors leave;
# 'he'll do for his father' beside a hammer; a duty weapon and 'nobody needs to come looking'; 'he
# won't make it to intake'; someone on a roof who 'se va a tirar'; a head banged against a wall
# ('dándose cabezazos contra la pared'); using alone after a relapse ('va a usar sola'); 'les
# haría el favor'; a gun used on oneself just now; calm: a nurse who receives attempts every day,
# a brother's service pistol years ago.
ROUND_NINETY_FOUR_AND_FIVE_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    (
        "been keeping my night tablets under my tongue for weeks. there are enough now. after "
        "the visitors leave on sunday",
        "suicide",
        "clear",
    ),
    (
        "my brother is in the yard with a hammer saying he'll do for our dad when he gets home",
        "violence",
        "clear",
    ),
    (
        "handed in my badge today. tonight it's me and my duty weapon at the lake. nobody "
        "needs to come looking",
        "suicide",
        "clear",
    ),
    (
        "the guy who stabbed my partner comes through my unit friday. he won't make it to intake",
        "violence",
        "clear",
    ),
    ("mi papá está en la azotea y dice que se va a tirar, no sé qué hacer", "suicide", "clear"),
    (
        "mi hermano se está dando cabezazos contra la pared y ya tiene la frente abierta",
        "self_harm",
        "clear",
    ),
    (
        "mi hija recayó y dice que va a usar sola en su cuarto para que nadie la vea",
        "overdose",
        "possible",
    ),
    (
        "mi familia dice que prefieren un hijo muerto, a veces pienso que les haría el favor",
        "suicide",
        "possible",
    ),
    ("he used his gun on himself a few minutes ago and he's still breathing", "suicide", "clear"),
]

ROUND_NINETY_FOUR_AND_FIVE_CALM: list[str] = [
    "soy enfermera, todos los días recibo intentos de suicidio y sobredosis. ya tomo más vino "
    "de la cuenta, grupo online?",
    "lost my uncle to suicide in 2015, he used his service pistol. is there a loss group near "
    "Tacoma?",
    "whatever it takes, she will do for her kids, she's been sober a year. al-anon for me?",
]


# Rounds 88, 89, 96 and 97 (the final measure, then tuned): a belt already up on a door, a hose
# rigged from the exhaust into the cab, a tolerance gone with blues bought, a hot iron put to a
# leg to feel something, an urge to bang one's head against a wall, someone outside the railing
# who won't climb back over, standing over him with a knife, a rope tied to a beam ('ya está
# amarrada'), potassium and 'I know the dose', the man who sold to my kid and a revolver; calm:
# 'la depre no me deja salir de la cama', 'killed myself jumping off
# the map'.
ROUND_FINAL_EIGHTY_EIGHT_TO_NINETY_SEVEN_CONCEPTS: list[tuple[str, str, str | set[str]]] = [
    # Found on the read-back: "ready to sponsor" is no intent, but "ready to join my son" is.
    # And each word of a workshop or a job said calm beside a cut hid a cut on purpose beside it
    # ("woodworking", "carving knives", "hanging drywall", "butchering hogs": taken back).
    (
        "i used my woodworking chisel to cut my arms last night, it won't stop bleeding",
        "self_harm",
        "clear",
    ),
    ("took my dad's carving knives to my wrists an hour ago", "self_harm", "clear"),
    ("hanging drywall all day then came home and cut myself again", "self_harm", "clear"),
    # A film or a show no longer covers what it made the writer want ('made me want to').
    ("a movie about suicide made me want to kill myself tonight", "suicide", "clear"),
    ("vi una serie sobre el suicidio y ya tengo la soga colgada", "suicide", "clear"),
    ("i'm going to join my wife in heaven tonight, the pills are ready", "suicide", "clear"),
    ("ready to join my son, i have the rope", "suicide", "clear"),
    (
        "night shift done. the belt is already up on the bathroom door. been drinking since noon",
        "suicide",
        "clear",
    ),
    (
        "ran a hose from the exhaust into the cab, it's in the garage, don't tell my mum",
        "suicide",
        "clear",
    ),
    (
        "six weeks clean so my tolerance is nothing and i got some blues off a guy tonight",
        "overdose",
        "possible",
    ),
    (
        "me pegué la plancha caliente en el brazo para sentir algo, ya van dos veces hoy",
        "self_harm",
        "clear",
    ),
    (
        "cuando me da la ansiedad me dan ganas de golpearme la cabeza contra la pared",
        "self_harm",
        "possible",
    ),
    (
        "my roommate is sitting on the outside of the railing on the roof and won't climb back "
        "over",
        "suicide",
        "clear",
    ),
    (
        "i'm standing over him with the kitchen knife while he sleeps. tonight it ends",
        "violence",
        "clear",
    ),
    (
        "la soga ya está amarrada en la viga del garage, solo quería decir gracias",
        "suicide",
        "clear",
    ),
    (
        "been taking potassium home from work for weeks. i know the dose. tonight after my shift",
        "suicide",
        "clear",
    ),
    (
        "the guy who sold my son the fentanyl lives on oak st. got my brother's pistol in the "
        "truck, tonight he's done",
        "violence",
        "clear",
    ),
]

ROUND_FINAL_EIGHTY_EIGHT_TO_NINETY_SEVEN_CALM: list[str] = [
    "la depre no me deja salir de la cama ni ir a trabajar. hay grupo en línea los domingos?",
    "lmao i basically killed myself jumping off the map in ranked. anyway my weed thing is a "
    "problem, im 17",
]


# The rounds of strangers' messages, in wordings of our own (one table a round above, with what
# each round taught): every concept gives its crisis at its level (or one of its levels).
@pytest.mark.parametrize(
    ("text", "kind", "level"),
    [
        *ROUND_FIVE_CONCEPTS,
        *ROUND_SIX_CONCEPTS,
        *ROUND_SEVEN_CONCEPTS,
        *ROUND_EIGHT_CONCEPTS,
        *ROUND_NINE_CONCEPTS,
        *ROUND_ELEVEN_CONCEPTS,
        *ROUND_TWELVE_CONCEPTS,
        *ROUND_THIRTEEN_CONCEPTS,
        *ROUND_FOURTEEN_CONCEPTS,
        *ROUND_FIFTEEN_CONCEPTS,
        *ROUND_SIXTEEN_CONCEPTS,
        *ROUND_SEVENTEEN_CONCEPTS,
        *ROUND_EIGHTEEN_CONCEPTS,
        *ROUND_NINETEEN_CONCEPTS,
        *ROUND_TWENTY_CONCEPTS,
        *ROUND_TWENTY_ONE_CONCEPTS,
        *ROUND_TWENTY_TWO_AND_THREE_CONCEPTS,
        *ROUND_TWENTY_FOUR_CONCEPTS,
        *ROUND_TWENTY_FIVE_CONCEPTS,
        *ROUND_TWENTY_SIX_CONCEPTS,
        *ROUND_TWENTY_SEVEN_CONCEPTS,
        *ROUND_TWENTY_EIGHT_CONCEPTS,
        *ROUND_TWENTY_NINE_CONCEPTS,
        *ROUND_THIRTY_CONCEPTS,
        *ROUND_THIRTY_ONE_CONCEPTS,
        *ROUND_THIRTY_TWO_CONCEPTS,
        *ROUND_THIRTY_THREE_CONCEPTS,
        *ROUND_THIRTY_FOUR_CONCEPTS,
        *ROUND_THIRTY_FIVE_CONCEPTS,
        *ROUND_THIRTY_SIX_CONCEPTS,
        *ROUND_THIRTY_SEVEN_CONCEPTS,
        *ROUND_THIRTY_EIGHT_AND_NINE_CONCEPTS,
        *ROUND_SAFETY_SWEEP_CONCEPTS,
        *ROUND_FINAL_EIGHTY_EIGHT_TO_NINETY_SEVEN_CONCEPTS,
        *ROUND_NINETY_FOUR_AND_FIVE_CONCEPTS,
        *ROUND_NINETY_TWO_AND_THREE_CONCEPTS,
        *ROUND_NINETY_AND_ONE_CONCEPTS,
        *ROUND_EIGHTY_SIX_AND_SEVEN_CONCEPTS,
        *ROUND_EIGHTY_FOUR_AND_FIVE_CONCEPTS,
        *ROUND_EIGHTY_TWO_AND_THREE_CONCEPTS,
        *ROUND_EIGHTY_AND_ONE_CONCEPTS,
        *ROUND_SEVENTY_EIGHT_AND_NINE_CONCEPTS,
        *ROUND_SEVENTY_SIX_AND_SEVEN_CONCEPTS,
        *ROUND_HABIT_NOW_CONCEPTS,
        *ROUND_SEVENTY_FOUR_AND_FIVE_CONCEPTS,
        *ROUND_SEVENTY_AND_ONE_CONCEPTS,
        *ROUND_SIXTY_NINE_SECOND_CONCEPTS,
        *ROUND_SIXTY_EIGHT_AND_NINE_CONCEPTS,
        *ROUND_SIXTY_SIX_AND_SEVEN_CONCEPTS,
        *ROUND_SIXTY_FOUR_AND_FIVE_CONCEPTS,
        *ROUND_SIXTY_THREE_SECOND_CONCEPTS,
        *ROUND_SIXTY_TWO_AND_THREE_CONCEPTS,
        *ROUND_SIXTY_ONE_SECOND_CONCEPTS,
        *ROUND_SINCE_THEN_SWEEP_CONCEPTS,
        *ROUND_SIXTY_AND_ONE_CONCEPTS,
        *ROUND_FIFTY_NINE_SECOND_CONCEPTS,
        *ROUND_SWEEP_FIFTY_NINE_CONCEPTS,
        *ROUND_FIFTY_EIGHT_AND_NINE_CONCEPTS,
        *ROUND_FIFTY_FOUR_AND_FIVE_CONCEPTS,
        *ROUND_FIFTY_TWO_AND_THREE_CONCEPTS,
        *ROUND_FIFTY_AND_ONE_CONCEPTS,
        *ROUND_FORTY_EIGHT_AND_NINE_CONCEPTS,
        *ROUND_FORTY_SIX_AND_SEVEN_CONCEPTS,
        *ROUND_FORTY_FIVE_CONCEPTS,
        *ROUND_QUOTES_CONCEPTS,
        *ROUND_FORTY_FOUR_CONCEPTS,
        *ROUND_FORTY_THREE_CONCEPTS,
        *ROUND_FORTY_ONE_AND_TWO_CONCEPTS,
    ],
)
def test_strangers_rounds_concepts(
    parser: Parser, text: str, kind: str, level: str | set[str]
) -> None:
    crisis = parser.check_crisis(text)
    assert crisis is not None, text
    levels = {level} if isinstance(level, str) else level
    assert crisis.kind == kind and crisis.level in levels, crisis


@pytest.mark.parametrize(
    "text",
    [
        *ROUND_SIX_CALM,
        *ROUND_SEVEN_CALM,
        *ROUND_EIGHT_CALM,
        *ROUND_NINE_CALM,
        *ROUND_ELEVEN_CALM,
        *ROUND_TWELVE_CALM,
        *ROUND_THIRTEEN_CALM,
        *ROUND_FOURTEEN_CALM,
        *ROUND_FIFTEEN_CALM,
        *ROUND_SIXTEEN_CALM,
        *ROUND_SEVENTEEN_CALM,
        *ROUND_EIGHTEEN_CALM,
        *ROUND_NINETEEN_CALM,
        *ROUND_TWENTY_CALM,
        *ROUND_TWENTY_ONE_CALM,
        *ROUND_TWENTY_TWO_AND_THREE_CALM,
        *ROUND_TWENTY_FOUR_CALM,
        *ROUND_TWENTY_FIVE_CALM,
        *ROUND_TWENTY_SIX_CALM,
        *ROUND_TWENTY_SEVEN_CALM,
        *ROUND_TWENTY_EIGHT_CALM,
        *ROUND_TWENTY_NINE_CALM,
        *ROUND_THIRTY_CALM,
        *ROUND_THIRTY_ONE_CALM,
        *ROUND_THIRTY_TWO_CALM,
        *ROUND_THIRTY_THREE_CALM,
        *ROUND_THIRTY_FOUR_CALM,
        *ROUND_THIRTY_FIVE_CALM,
        *ROUND_THIRTY_SIX_CALM,
        *ROUND_THIRTY_SEVEN_CALM,
        *ROUND_THIRTY_EIGHT_AND_NINE_CALM,
        *ROUND_SAFETY_SWEEP_CALM,
        *ROUND_FINAL_EIGHTY_EIGHT_TO_NINETY_SEVEN_CALM,
        *ROUND_NINETY_FOUR_AND_FIVE_CALM,
        *ROUND_NINETY_TWO_AND_THREE_CALM,
        *ROUND_NINETY_AND_ONE_CALM,
        *ROUND_EIGHTY_SIX_AND_SEVEN_CALM,
        *ROUND_EIGHTY_FOUR_AND_FIVE_CALM,
        *ROUND_EIGHTY_TWO_AND_THREE_CALM,
        *ROUND_EIGHTY_AND_ONE_CALM,
        *ROUND_SEVENTY_EIGHT_AND_NINE_CALM,
        *ROUND_SEVENTY_SIX_AND_SEVEN_CALM,
        *ROUND_HABIT_NOW_CALM,
        *ROUND_SEVENTY_FOUR_AND_FIVE_CALM,
        *ROUND_SEVENTY_AND_ONE_CALM,
        *ROUND_SIXTY_NINE_SECOND_CALM,
        *ROUND_SIXTY_EIGHT_AND_NINE_CALM,
        *ROUND_SIXTY_SIX_AND_SEVEN_CALM,
        *ROUND_SIXTY_FOUR_AND_FIVE_CALM,
        *ROUND_SIXTY_THREE_SECOND_CALM,
        *ROUND_SIXTY_TWO_AND_THREE_CALM,
        *ROUND_SIXTY_ONE_SECOND_CALM,
        *ROUND_SINCE_THEN_SWEEP_CALM,
        *ROUND_SIXTY_AND_ONE_CALM,
        *ROUND_FIFTY_NINE_SECOND_CALM,
        *ROUND_SWEEP_FIFTY_NINE_CALM,
        *ROUND_FIFTY_EIGHT_AND_NINE_CALM,
        *ROUND_FIFTY_FOUR_AND_FIVE_CALM,
        *ROUND_FIFTY_TWO_AND_THREE_CALM,
        *ROUND_FIFTY_AND_ONE_CALM,
        *ROUND_FORTY_EIGHT_AND_NINE_CALM,
        *ROUND_FORTY_SIX_AND_SEVEN_CALM,
        *ROUND_FORTY_FIVE_CALM,
        *ROUND_QUOTES_CALM,
        *ROUND_FORTY_FOUR_CALM,
        *ROUND_FORTY_THREE_CALM,
        *ROUND_FORTY_ONE_AND_TWO_CALM,
    ],
)
def test_strangers_rounds_calm_is_not_a_crisis(parser: Parser, text: str) -> None:
    """What only looks alarming in each round (the tables above) makes no crisis."""
    assert parser.check_crisis(text) is None, text

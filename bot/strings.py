"""Every user-facing string of the bot, in one place so it can be translated.

Four sections: the CONVERSATION (bot/handlers, bot/crisis.py), the FOLLOW-UPS (bot/followups),
STAFF (bot/staff) and OPERATIONS (bot/ops, names start with OPS_). Messages are sent with HTML parse
mode (OPERATIONS ones as plain text): placeholders are filled with text escaped by the caller
(`html.escape`); the fixed text here may use <b>, <i>, <a> and <code>.

Person-facing texts are wrapped in `_()`: read from outside this module (`strings.WELCOME`), they
come out in the locale of the update being handled (see i18n; catalogs in i18n/locale). Staff texts
stay English. Dates use CLDR patterns (Babel), translatable like any text.
"""

from __future__ import annotations

from i18n import _, translate_module
from nlp import concern_codes

# ==================================================================================================
# CONVERSATION (bot/handlers, bot/crisis.py): a person looking for a group.
# ==================================================================================================

# --------------------------------------------------------------------------- welcome and consent

WELCOME = _(
    "Hi, I'm firststep. I help people find a mutual-help group (like AA, SMART Recovery, "
    "Al-Anon or a depression support group) and get to a first meeting.\n\n"
    "I'm a bot: not a person, not a therapist and not an emergency service. "
    "If you are in danger right now, call your local emergency number.\n\n"
    "What I keep: the topics and choices I understand from what you tell me (not your words), "
    "your rough area and time zone, and any plan you make. "
    "/mydata shows it, /forget deletes it all."
)
WELCOME_REFERRED = _("Someone who works with you shared this link with you.")
CONSENT_BUTTON = _("OK, let's start")
NOT_NOW_BUTTON = _("Not now")
NOT_NOW = _("That's fine. Write /start whenever you're ready.")
ASK_CONCERN = _(
    "Thank you. Tell me a little about what's going on, in your own words. "
    'For example: "I drink too much" or "my son uses drugs". Several messages are fine.'
)
ASK_CONCERN_AGAIN = _(
    "Tell me a little about what's going on, in your own words, and I'll look for groups."
)

# --------------------------------------------------------------------------- understanding

UNDERSTOOD = _("Thank you for telling me. I understood: {topics}.")
# A warm word that fits the topic, said before what was understood (by concern code).
ACKNOWLEDGE = {
    "grief": _(
        "I'm so sorry for your loss. Grief can be very heavy, and you don't have to carry it alone."
    ),
}
ACKNOWLEDGE_FAMILY = _("It's hard to watch someone you love struggle. Your wellbeing matters too.")
# The person's own concern (bot/acknowledge.py picks one: a loss, then a loved one's, then these).
ACKNOWLEDGE_SELF = {  # "substance": every code of nlp.result.SUBSTANCE_CODES (gambling too)
    "substance": _("Saying it plainly takes courage. You've taken a real first step."),
    "depression": _("That sounds really heavy. I'm glad you reached out."),
    "bipolar": _("Living with big ups and downs is hard. I'm glad you reached out."),
    "anxiety": _("Anxiety can be exhausting. I'm glad you reached out."),
    "trauma": _("What you went through matters, and you deserve support."),
    "psychosis": _("That can feel frightening and lonely. You're not alone with it."),
    "eating": _("That can be hard to talk about. Thank you for trusting me with it."),
}
ACKNOWLEDGE_RECOVERY = _("It's good that you're looking after your recovery.")
UNDERSTOOD_MORE = _("You can add more, or go on.")
LISTENING = _(
    "Thank you, I'm listening. Tell me more if you like, or go on and I'll look for groups."
)
GO_ON_BUTTON = _("That's it, go on")

# A referral link's focus (set by the clinician) shapes the start of the search.
FOCUS_DUAL = _(
    "The link you came through is for people facing both a mental-health and a substance "
    "problem, so I'll favour groups that welcome both."
)
FOCUS_FAMILY = _(
    "The link you came through is for someone close to a person who is struggling, so I'll "
    "look for groups for family and friends."
)
ASK_CONCERN_FAMILY = _(
    "Tell me a little about what's going on with them, in your own words. "
    'For example: "my son uses drugs" or "my wife drinks". Several messages are fine.'
)
FOCUS_CONCERN = _(
    "The link you came through is about <b>{topic}</b>, so I've noted that. "
    "You can go on with it, tell me more in your own words, or say it's not that."
)
NOT_IT_BUTTON = _("That's not it")
FOCUS_DROPPED = _(
    "All right, I've dropped that. Tell me a little about what's going on, in your own words."
)
# Nothing understood: the topics as buttons (the second offer reads differently: never the same
# screen twice in a row), and "not sure".
ASK_TOPIC = _(
    "Thank you for telling me. It can be hard to put a name to it. "
    "Is it close to one of these? Or tell me more in your own words."
)
ASK_TOPIC_AGAIN = _(
    "Thank you, that helps me understand. If one of these is close, tap it; "
    "if you're not sure, that's all right too."
)
TOPIC_NOT_SURE = _("I'm not sure")
GENERAL_SUPPORT = _(
    "That's all right, you don't need a name for it. Some groups welcome anyone going through "
    "a hard time ({names}). I'll look for groups like these."
)
TOPIC_NAMES: dict[str, str] = dict(concern_codes.TOPIC_NAMES)  # the registry's words, translated
FOR_SOMEONE_CLOSE = _("{topic} (someone close to you)")
IN_THE_PAST = _("{topic} (in the past)")

# --------------------------------------------------------------------------- questions

ASK_FORMAT = _("Would you like to meet in person, or online?")
FORMAT_IN_PERSON = _("In person")
FORMAT_ONLINE = _("Online")
FORMAT_EITHER = _("Either is fine")
ASK_PLACE = _(
    "Where are you? Type a town or a postal code, or share your location "
    "(the paperclip, then Location). I only keep the town and time zone."
)
ASK_PLACE_ONLINE = _(
    "Which town or area are you in? It's only so I can show meeting times in your time zone."
)
SKIP_PLACE_BUTTON = _("I'd rather not say")
PLACE_NOT_FOUND = _(
    "I couldn't find that place. Try the name of a nearby town, or a postal code, "
    "or share your location."
)
PLACE_TOO_LONG = _("That's a lot for a place name. Just the town or postal code is enough.")
PLACE_FOUND = _("Thanks, I'll look near {place}.")
ASK_WHOM = _("Is this about you, or about someone close to you?")
WHOM_SELF = _("About me")
WHOM_FAMILY = _("Someone close to me")
ASK_AUDIENCE = _(
    "Some people who went through something hard feel safer in a group of only women or only men. "
    "Would you prefer that?"
)
AUDIENCE_WOMEN = _("Only women")
AUDIENCE_MEN = _("Only men")
AUDIENCE_ANY = _("Either is fine")

# --------------------------------------------------------------------------- suggestions

SEARCHING = _("Let me look...")
SUGGESTIONS_INTRO = _("Here are groups that could fit:")
SUGGESTIONS_PICK = _("Which one would you like to try?")
# CLDR date patterns (Babel): EEE = "Sat", EEEE = "Saturday", d = 5, dd = 05, MMM = "Dec".
WHEN_FORMAT = _("EEE dd MMM, HH:mm")
SUGGESTIONS_LOOSE = _("I didn't find a close fit, but these might still help:")
NO_SUGGESTIONS = _(
    "I'm sorry, I didn't find a group that fits yet. You could try online meetings, "
    "another place, or /new to describe it differently."
)
NO_GROUP_FELLOWSHIPS = _(
    "These fellowships can still help: each lists its own meetings, often online or by phone too."
)
FELLOWSHIP_LINE = _("<b>{name}</b>{family}: {website}")
FELLOWSHIP_FAMILY = _(" (for family and friends)")
FELLOWSHIP_FOR_THEM = _(" (for the person themself: you could pass it on)")
FELLOWSHIP_HELPLINE = _(", helpline {helpline}")
NO_MORE = _("That's all I found. You can change what you asked for, or pick one above.")
SUGGESTION = _("<b>{number}. {name}</b>\n{kind}\nNext meeting: {when}\n{where}\nWhy: {reasons}")
SAMPLE_LABEL = _("<i>Sample listing (demo data, not a real meeting)</i>")
WHERE_PLACE = _("Where: {place}")
WHERE_ONLINE = _("Online: {how}")
WHERE_PHONE = _("By phone: {phone}")
WHERE_DISTANCE = _(" (about {km} km away)")
WHERE_UNKNOWN = _("Where: ask the group")
NO_NEXT_MEETING = _("no date listed")
EXPECT = _("<b>At a first meeting of {kind}:</b> {text}")
KIND_NAMES: dict[str, str] = {
    "twelve-step": _("a 12-step group"),
    "secular": _("a secular (non-religious) group"),
    "peer-support": _("a peer support group"),
    "faith-based": _("a faith-based group"),
}
FORMAT_NAMES: dict[str, str] = {
    "in_person": _("in person"),
    "online": _("online"),
    "hybrid": _("in person or online"),
}
CHOOSE_BUTTON = _("Choose {number}")
MORE_BUTTON = _("See more")
CHANGE_BUTTON = _("Change what I asked")
ASK_CHANGE = _("What would you like to change?")
CHANGE_FORMAT_BUTTON = _("In person or online")
CHANGE_PLACE_BUTTON = _("The place")
CHANGE_TOPIC_BUTTON = _("What it's about")

# --------------------------------------------------------------------------- choosing and planning

CHOSEN = _("Good choice: <b>{name}</b>.")
ASK_CONTACT = _(
    "This group has a volunteer who welcomes newcomers and agreed to be contacted. "
    "Would you like their contact, so you can say hello before you go? "
    "If you say yes, I'll show you their name and how to reach them. "
    "I won't send them anything about you; you decide whether to write."
)
CONTACT_YES = _("Yes, please")
CONTACT_NO = _("No, thanks")
CONTACT_SHOWN = _("Here is the newcomer contact: <b>{name}</b>, {how}.")
CONTACT_TELEGRAM = _("on Telegram {handle}")
CONTACT_PHONE = _("phone {phone}")
CONTACT_NONE = _("Sorry, that contact is no longer listed.")
ASK_WHEN = _("When do you think you'll go? Picking a day makes it much more likely to happen.")
NOT_SURE_BUTTON = _("Not sure yet")
NO_DATES = _("I don't have dates for this group. It's best to check with them before you go.")
NOT_SURE = _(
    "That's OK. Whenever you're ready, the group will be there. Write /new any time to look again."
)
PLANNED = _(
    "It's a plan: <b>{name}</b>, {when}.\n{where}\n\n"
    "On the day I'll send you a short reminder, and afterwards I'll ask how it went. "
    "My messages won't name the group, in case someone sees your screen. /stop turns them off."
)
ICS_BUTTON = _("Add to my calendar")
ICS_CAPTION = _("Open this file to add the meeting to your calendar.")
ICS_SUMMARY = _("Meeting")
ICS_FILENAME = "meeting.ics"
ICS_GONE = _("I don't have that plan any more. Write to me any time and we'll look again.")

# --------------------------------------------------------------------------- commands

HELP = _(
    "I help you find a mutual-help group and plan a first visit.\n\n"
    "/start or /new: start a search\n"
    "/mydata: what I keep about you\n"
    "/stop: no more messages from me until you write again\n"
    "/forget: delete everything about you\n"
    "/language: change the language\n"
    "/help: this message\n\n"
    "I'm a bot, not a therapist or an emergency service. "
    "In an emergency, call your local emergency number.\n\n"
    "Is this confidential? "
    "Yes. I don't tell anyone about you: not your family, not your school or work, nobody. "
    "I keep only the topics I understood (never your words), your rough area and any plan you "
    "make; /mydata shows it and /forget deletes it all. My reminders never name a group or a "
    "topic. If you came through a clinician's link, they see your progress only if you say yes. "
    "Anyone who can open Telegram on your phone could read this chat, so delete it whenever you "
    "like."
)  # /help, in every state (its last part is PRIVACY_ANSWER's too)
STOPPED = _(
    "OK, I won't send you any more messages. If you write to me again, I'll answer. "
    "/forget deletes everything I keep."
)
ASK_FORGET = _("Delete everything I keep about you, including any plans? This can't be undone.")
FORGET_YES = _("Yes, delete it all")
FORGET_NO = _("No, keep it")
FORGOTTEN = _("Done. I deleted everything about you. Write /start if you ever want to begin again.")
NOT_FORGOTTEN = _("OK, nothing was deleted.")
MYDATA_NONE = _("I keep nothing about you.")
MYDATA = _(
    "<b>What I keep about you</b>\n"
    "Since: {since}\n"
    "Area: {place}\n"
    "Time zone: {timezone}\n"
    "Messages from me: {status}\n"
    "Agreed to start: {consented}\n"
    "Topics: {topics}\n"
    "Plans: {plans}\n"
    "Steps: {events}\n"
    "Language: {language}\n\n"
    "I don't keep what you write. /forget deletes all of this."
)
MYDATA_UNKNOWN = _("not given")
MYDATA_NO_TOPICS = _("none kept (I let them go when a search ends)")
MYDATA_NOTHING_YET = _("none yet")
MYDATA_REFERRAL = _(
    "\n\n<b>Referral</b>\nYou came through {clinician}'s link{focus}.\n"
    "They may see your progress (found a group, planned, went; never your words): {sharing}.\n"
    "/sharing changes it."
)
MYDATA_REFERRAL_FOCUS = _(" (about {focus})")
MYDATA_SOME_CLINICIAN = _("a clinician")
MYDATA_SHARING: dict[bool | None, str] = {
    True: _("yes"),
    False: _("no"),
    None: _("not until you say yes"),
}
FOCUS_NAMES: dict[str, str] = {
    "dual_diagnosis": _("mental health and substance use together"),
    "family": _("family and friends"),
}
STOP_SHARING_BUTTON = _("Stop sharing my progress")
MYDATA_YES = _("yes")
MYDATA_NO = _("no")
# The steps /mydata lists (event kinds, bot/models.py EventKind)
EVENT_NAMES: dict[str, str] = {
    "started": _("started"),
    "consented": _("agreed to start"),
    "matched": _("found groups"),
    "no_match": _("no group found"),
    "planned": _("made a plan"),
    "reminded": _("reminded"),
    "followup_sent": _("asked how it went"),
    "went": _("went"),
    "did_not_go": _("did not go"),
    "not_for_me": _("not for me"),
    "no_answer": _("no answer"),
    "crisis": _("crisis lines sent"),
    "stopped": _("said /stop"),
    "contact_shared": _("newcomer contact shown"),
}
STATUS_NAMES: dict[str, str] = {
    "active": _("on"),
    "stopped": _("off (you said /stop)"),
    "blocked": _("off"),
}

# --------------------------------------------------------------------------- nudges

HEARD_BEFORE_CONSENT = _(
    "Thank you for telling me. I'll use what you wrote once you choose a button above "
    "(I keep only the topics I understood, never your words)."
)
NUDGE_BUTTONS = _("Please use the buttons above, or write /help.")
NUDGE_MEDIA = _("I can only read text messages. Could you type it, or use the buttons?")
NUDGE_COMMAND = _("I didn't catch that command. /help shows what I can do.")
NUDGE_STALE = _("That button is from an earlier message. Here's where we are:")
NUDGE_IDLE = _("Write /new to look for a group, or /help to see what I can do.")
NUDGE_LOCATION = _("Thanks, but I don't need a location right now.")

# --------------------------------------------------------------------------- language

# Asked in the language the person wrote in ({language}: its name in that language).
LANGUAGE_OFFER = _("Would you like me to write to you in {language}?")
LANGUAGE_SWITCH_BUTTON = _("Yes, in {language}")
LANGUAGE_KEEP_BUTTON = _("No, keep {language}")
LANGUAGE_SET = _("OK, I'll write to you in {language}. /language changes it any time.")
ASK_LANGUAGE = _("Which language would you like me to write in?")
ERROR_SORRY = _("Sorry, something went wrong on my side. Please try again, or write /new.")

# ------------------------------------------------------------------- privacy and safety signals

# "Is this confidential?": the answer to a privacy question written in any step (and in /help).
PRIVACY_ANSWER = _(
    "<b>Is this confidential?</b> "
    "Yes. I don't tell anyone about you: not your family, not your school or work, nobody. "
    "I keep only the topics I understood (never your words), your rough area and any plan you "
    "make; /mydata shows it and /forget deletes it all. My reminders never name a group or a "
    "topic. If you came through a clinician's link, they see your progress only if you say yes. "
    "Anyone who can open Telegram on your phone could read this chat, so delete it whenever you "
    "like."
)
ASK_CONCERN_WHEN_READY = _(
    "Whenever you're ready, tell me a little about what's going on, in your own words, "
    "and I'll look for groups."
)
# Safety signals (nlp: withdrawal, abuse at home, a young person): said once per search, before
# any suggestion. Phone numbers come from bot/data/safety_lines.json.
SIGNAL_WITHDRAWAL = _(
    "One thing first, for your safety: after heavy daily drinking (or daily benzodiazepines), "
    "stopping suddenly can be dangerous. Please talk to a doctor before you stop or cut down."
)
SIGNAL_WITHDRAWAL_LINES = _("You can also call, for free:")
SIGNAL_ABUSE = _(
    "I'm sorry it's like this at home. You deserve to be safe, and it isn't your fault. A group "
    "can help with the drinking or drugs side, but it's not a safety plan. People who help with "
    "abuse at home can talk it through with you, in confidence:"
)
SIGNAL_ABUSE_NO_LINE = _(
    "I'm sorry it's like this at home. You deserve to be safe, and it isn't your fault. A group "
    "can help with the drinking or drugs side, but it's not a safety plan: a local domestic "
    "abuse service, or your doctor, can talk it through with you in confidence."
)
SIGNAL_DANGER_NOW = _("If you are in danger now, call {emergency}.")
SIGNAL_YOUNG = _(
    "Thanks for telling me. Straight answer: I don't tell anyone about you. Not your parents, "
    "not your school, nobody. I keep only the topics I understood (never your words), your "
    "rough area and any plan you make; /forget deletes it all. Anyone who can open Telegram on "
    "your phone could read this chat, so delete it whenever you like.\n\n"
    "I'll look for groups for young people first, and none in school hours unless you ask."
)
SIGNAL_YOUNG_LINES = _("If things get too much, you can talk to someone, free and in confidence:")
SIGNAL_COUNTRY: dict[str, str] = {
    "US": _("US"), "CA": _("Canada"), "GB": _("UK"), "IE": _("Ireland"), "AU": _("Australia"),
    "MX": _("Mexico"), "ES": _("Spain"),
}  # fmt: skip
LINE_CALL = _("{name}: <b>{call}</b>")
LINE_TEXT = _(", or text {word} to <b>{to}</b>")
LINE_TEXT_NUMBER = _(", or text <b>{to}</b>")
LINE_HOURS: dict[str, str] = {"weekdays": _(" (weekdays)")}
OR = _(" or ")
LINE_IN_COUNTRY = _("{country}: {line}")

# --------------------------------------------------------------------------- crisis

CRISIS_INTRO = _(
    "I'm really glad you told me. What you're going through matters, and you don't have to face "
    "it alone. Please reach out to someone right now:"
)
CRISIS_INTRO_OTHER = _(
    "Thank you for telling me. You did the right thing by reaching out. Please get help for them "
    "right now:"
)
CRISIS_CALL_NOW = _("Please call <b>{number}</b> now.")
CRISIS_CALL_NOW_ANYWHERE = _(
    "Please call your emergency number now: <b>911</b> in the US and Canada, <b>999</b> in the "
    "UK, <b>112</b> in Ireland and Europe, <b>000</b> in Australia."
)
CRISIS_THEN_LINES = _("You can also talk to someone at a crisis line, any time:")
CRISIS_OVERDOSE = _(
    "If someone may have overdosed: call emergency services now. Give naloxone (Narcan) if there "
    "is some. Stay with them, and if they are unconscious, lay them on their side."
)
CRISIS_BLEEDING = _(
    "Press firmly on the wound with a clean cloth and keep pressing. If it won't stop, it's deep, "
    "or you feel faint, call emergency services."
)
CRISIS_DISTANCE = _(
    "If you can, put some distance between you and what you could use to hurt yourself: another "
    "room, or give it to someone to keep."
)
CRISIS_GET_SAFE = _(
    "If you can, get yourself and anyone with you to a safe place, and keep your phone with you."
)
CRISIS_FOR_SOMEONE: dict[str, str] = {
    "suicide": (
        _(
            "Stay with them and don't leave them alone. If it's safe, take away anything they "
            "could use to hurt themselves. You can call the crisis line together."
        )
    ),
    "self_harm": (
        _(
            "Stay with them and stay calm. If they are bleeding, press firmly on the wound with a "
            "clean cloth. If it won't stop or it's deep, call emergency services."
        )
    ),
    "violence": (
        _(
            "Don't put yourself between them and someone with a weapon. Get to a safe place if you "
            "can, and call emergency services."
        )
    ),
}
# Crisis lines by region: the words only. The names and numbers ({name}, {call}, {emergency}) are
# filled in from their one home, bot/data/safety_lines.json; a template never holds a number itself
# (tests/bot/test_crisis.py checks every language's catalog for that).
CRISIS_LINES: dict[str, str] = {
    "us_ca": _("US and Canada: call or text <b>{call}</b>. Emergency: {emergency}"),
    "uk": _("UK: {name} <b>{call}</b> (free, any time). Emergency: {emergency}"),
    "ie": _("Ireland: {name} <b>{call}</b> (free, any time). Emergency: {emergency}"),
    "au": _("Australia: {name} <b>{call}</b>. Emergency: {emergency}"),
    "mx": _("Mexico: {name} <b>{call}</b> (free, any time). Emergency: {emergency}"),
    "es": _("Spain: <b>{call}</b> (free, any time). Emergency: {emergency}"),
    "eu": _("Europe: emergency {emergency}"),
    "elsewhere": _("Anywhere else: call your local emergency number."),
}
CRISIS_OUTRO = _(
    "I'm a bot and can't call for help myself. When you're ready, I'm here, and we can go on "
    "looking for a group together."
)
CRISIS_AGAIN = _(
    "I'm still here with you. Are you safe right now? Is there someone who can be with you, or "
    "someone you can call?"
)
# A possible crisis: one direct, kind question first (as NIMH's ASQ does), with three buttons.
SCREEN_QUESTION: dict[str, str] = {
    "self": (
        _(
            "Some of what you wrote worries me, so I'd like to ask you directly: are you thinking "
            "about ending your life, or about hurting yourself, right now?"
        )
    ),
    "other": (
        _(
            "Some of what you wrote worries me, so I'd like to ask you directly: do you think they "
            "might be in danger, or thinking about ending their life, right now?"
        )
    ),
    "violence": (
        _(
            "Some of what you wrote worries me, so I'd like to ask you directly: is anyone in "
            "danger right now, or are you thinking about hurting someone?"
        )
    ),
}
SCREEN_YES = _("Yes")
SCREEN_NO = _("No")
SCREEN_UNSURE = _("Not sure")
SCREEN_THANKS = _(
    "Thank you for telling me. If that changes, tell me any time, or call a crisis line. Let's "
    "go on."
)
SCREEN_PENDING = _("Before we go on: please tap Yes, No or Not sure above, or just write no.")
# When the message could not be read (the parser failed), the crisis lines still go out, calmly.
UNREAD_INTRO = _(
    "I couldn't read that just now. If you are in danger, or thinking of hurting yourself or "
    "someone else, please reach out to someone right now:"
)
UNREAD_OUTRO = _(
    "I'm a bot and can't call for help myself. If you're safe, please try writing it again in a "
    "moment, or write /new to start over."
)


# ==================================================================================================
# FOLLOW-UPS (bot/followups): reminders, "How did it go?" and the answers to it.
# The FIRST LINE of every scheduler message is the lock-screen preview: it names no fellowship,
# no group and no condition (tests/followups/test_strings.py checks every template).
# ==================================================================================================

# Scheduler messages: (first line = preview, body). Bodies name no group either.
REMINDER_PREVIEW = _("A gentle reminder from firststep")
REMINDER_BODY = _(
    "Your meeting is today at {time}.\n"
    "You don't have to speak, it's free, and you can leave whenever you like. "
    "Arriving a few minutes early helps."
)
FOLLOWUP_PREVIEW = _("Checking in")
FOLLOWUP_BODY = _("How did it go on {day}?")
NUDGE_PREVIEW = _("Checking in, gently")
NUDGE_BODY = _(
    "Just a hello. If you'd like to tell me how {day} went, tap below. "
    "If not, that's fine too: I won't ask again."
)

SCHEDULER_TEMPLATES: dict[str, tuple[str, str]] = {
    "reminder": (REMINDER_PREVIEW, REMINDER_BODY),
    "followup": (FOLLOWUP_PREVIEW, FOLLOWUP_BODY),
    "nudge": (NUDGE_PREVIEW, NUDGE_BODY),
}

# The reminder's button, and what it shows when pressed (plain text; the group is named only here)
BUTTON_WHERE_WHEN = _("Where and when")
WHERE_WHEN_WHEN = _("When: {start} to {end}")
WHERE_WHEN_PLACE = _("Where: {place}")
WHERE_WHEN_MAP = _("Map: {url}")
WHERE_WHEN_ONLINE = _("Join online: {url}")
WHERE_WHEN_DIAL = _("Join by phone: {phone}")
WHERE_WHEN_CONTACT = _("The group's newcomer volunteer, who agreed to be contacted: {who}")
WHERE_WHEN_ASK = _(
    "No address or link is listed. The fellowship's own meeting finder can help: {website}"
)
WHERE_WHEN_NOTHING = _("No address or link is listed. Write /new and we'll look for another.")
WHERE_WHEN_SAMPLE = _("Sample listing (demo data, not a real meeting)")
WHERE_WHEN_GONE = _(
    "I can't find that group's details any more. Write /new and we'll look for another meeting."
)

# "How did it go?" buttons
BUTTON_WENT = _("I went")
BUTTON_DID_NOT_GO = _("I didn't make it")
BUTTON_NOT_FOR_ME = _("Not for me")

# Answers
WENT = _(
    "That's wonderful. Going the first time is the hardest step, and you took it.\n"
    "Many people find it helps to try a few meetings (even different groups) before deciding "
    "whether it's for them."
)
OFFER_NEXT = _("Shall I help you plan the next one?")
BUTTON_PLAN_NEXT = _("Plan the next one")
BUTTON_NO_THANKS = _("Not now")

DID_NOT_GO = _("That's completely okay. It happens to lots of people. What got in the way?")
REASONS: dict[str, str] = {
    "time": _("The time"),
    "travel": _("Getting there"),
    "nerves": _("Nerves"),
    "other": _("Something came up"),
}
REASON_REPLIES: dict[str, str] = {
    "time": _("Let's find a time that suits you better."),
    "travel": _("An online meeting might be easier, or one closer by."),
    "nerves": (
        _(
            "Feeling nervous is normal. Nobody has to speak, and a volunteer can often meet you "
            "at the door."
        )
    ),
    "other": _("Life gets in the way sometimes. There's always another meeting."),
}
# For a meeting that is only online (the codes are stored; "join" replaces "travel")
REASONS_ONLINE: dict[str, str] = {
    "time": _("The time"),
    "join": _("Joining online"),
    "nerves": _("Nerves"),
    "other": _("Something came up"),
}
REASON_REPLIES_ONLINE: dict[str, str] = {
    "time": _("Let's find a time that suits you better."),
    "join": _(
        "Joining can be fiddly the first time. Opening the link a few minutes early helps; the "
        "reminder's button shows the link again."
    ),
    "nerves": _(
        "Feeling nervous is normal. Nobody has to speak, and you can keep your camera off and "
        "just listen."
    ),
    "other": _("Life gets in the way sometimes. There's always another meeting."),
}
WHAT_NEXT = _("What would help?")
BUTTON_SAME_GROUP = _("Next meeting of the same group")
BUTTON_ONLINE = _("An online meeting")
BUTTON_CONTACT = _("Someone to meet me there")
BUTTON_NEXT_ONLINE = _("The group's next online meetings")
BUTTON_OTHER_ONLINE = _("Another online group")

NOT_FOR_ME = _(
    "Thank you for telling me, and for trying. Groups differ a lot; here are some of a "
    "different kind:"
)
NOTHING_DIFFERENT = _(
    "I couldn't find a different kind of group near you right now. You can write to me any time "
    "and we'll look again together."
)
NO_THANKS = _("Okay. I'm here whenever you want to look again: just write to me.")
NEXT_MEETINGS = _("Here are the next meetings. Which one would you like to go to?")
NO_NEXT_MEETINGS = _(
    "I couldn't find an upcoming meeting for that group. Write to me and we'll look for another."
)
FOLLOWUP_PLANNED = _("Planned: {when}. I'll send you a short reminder on the day.")
CONTACT_INTRO = _(
    "Here is how to reach the group's newcomer volunteer, who agreed to be contacted:"
)
NO_CONTACT = _(
    "This group has no volunteer contact listed, but people there are used to welcoming "
    "newcomers. You could arrive a few minutes early and say it's your first time."
)
ONLINE_INTRO = _("Here are some online meetings you could join from home:")
NO_ONLINE = _(
    "I couldn't find an online meeting that fits right now. Write to me and we'll look again."
)
BUTTON_PLAN_THIS = _("Plan: {label}")
STALE_BUTTON = _("That question has expired. Write to me any time and we'll look again.")
FOLLOWUP_WHEN_FORMAT = _("EEEE dd MMMM, HH:mm")
DAY_FORMAT = _("EEEE")
TIME_FORMAT = _("HH:mm")


# ==================================================================================================
# STAFF (bot/staff): admins, coordinators, clinicians, and a referred person's consent.
# HTML parse mode: placeholders are escaped by the caller.
# ==================================================================================================

REFUSED = "Sorry, that is only for {role}s. If you should have access, ask an admin for an invite."
REFUSED_ADMIN = "Sorry, that is only for admins."
ROLE_NAMES = {"coordinator": "coordinator", "clinician": "clinician", "admin": "admin"}
MORE_NOT_SHOWN = "… and {count} more not shown."
BUTTON_EXPIRED = "This button has expired. Please send the command again."
PRIVATE_ONLY = "Please use this in a private chat with me."

# admins
INVITE_USAGE = (
    "Say which role: /invite coordinator, /invite clinician, or /invite volunteer with what they "
    "cover: group 12 14 · online FELLOWSHIP_ID · area FELLOWSHIP_ID CITY"
)
INVITE_COVERS = "They will cover: {scopes}."
INVITE_MADE = (
    "A {role} invite, valid for one person until {expires} UTC:\n{link}\n\n"
    "Or they can send: <code>/redeem {code}</code>\nThe code works once."
)
ROLES_NONE = (
    "Nobody holds a role yet. Create an invite with /invite coordinator or /invite clinician."
)
ROLES_HEAD = "Who holds which role:"
ROLES_LINE = "• {user_id} {name}— {role}, since {since} (granted by {by})"
ROLES_HINT = "Revoke with /revoke USER_ID [coordinator|clinician]."
REVOKE_USAGE = "Say whose role: /revoke USER_ID, or /revoke USER_ID clinician"
REVOKE_BAD_ID = "{value} is not a Telegram user id; it is a number, like 123456789 (see /roles)."
REVOKE_BAD_ROLE = "{value} is not a role; say coordinator or clinician."
REVOKED = "Revoked {count} role(s) of {user_id}."
REVOKED_NONE = "{user_id} holds no such role; nothing changed. See /roles."
REDEEM_USAGE = "Send the code from your invite: /redeem CODE"
REDEEMED = "Welcome! You are now a {role}. {next}"
REDEEM_NEXT = {
    "coordinator": "Try /groups to see the directory, or /addgroup to add a group.",
    "clinician": "Try /referrallink for your personal link and QR code.",
    "volunteer": (
        "Thank you for saying hello to newcomers. A short code of conduct:\n"
        "• Be kind, plain and brief; share your own story, never advice on medicine.\n"
        "• Keep what they say private. Don't ask for their account or their number.\n"
        "• If they seem in danger, the bot gives them crisis lines; you will be told.\n"
        "• If something feels wrong, use /report and step back with /end.\n"
        "Use /volunteer to choose your groups and hours, and to pause."
    ),
}
REDEEM_PROBLEMS = {
    "unknown": "I don't know that code. Check it, or ask the admin for a new invite.",
    "used": "That invite has already been used. Ask the admin for a new one.",
    "expired": "That invite has expired. Ask the admin for a new one.",
}

# coordinators: adding and editing
ADD_START = (
    "Let's add a group, one question at a time. /cancel stops at any point and saves nothing.\n"
    "(If you add many: send /addgroup with <code>field: value</code> lines instead.)"
)
ADD_NO_FELLOWSHIPS = (
    "There are no fellowships in the directory yet, so a group cannot belong to one. "
    "Load them first (firststep directory seed, or /import a feed)."
)
ASK = {
    "name": "What is the group called?",
    "fellowship": "Which fellowship is it part of?",
    "format": "Where does it meet?",
    "place": "In which town or city (or US zip code)? For example: Leeds, UK",
    "street": "The street address (or Skip):",
    "url": "The link to join (https://…) or a phone number to dial in:",
    "timezone": "Which time zone are its times in? For example: Europe/London",
    "weekday": "On which day of the week does it meet?",
    "start": "What time does it start? For example: 19:30",
    "end": "What time does it end? (or Skip)",
    "audience": "Who is it for? Tap all that apply, then Done.",
}
NOT_VALID = "{reason}"
SKIP_BUTTON = "Skip"
DONE_BUTTON = "Done"
ANYONE_BUTTON = "Anyone"
SAVE_BUTTON = "Save"
CANCEL_BUTTON = "Cancel"
CONFIRM = "Please check:\n\n<pre>{summary}</pre>\n\nSave it?"
SAVED = "Saved as group {group_id}. /history {group_id} shows its changes."
FORM_ERRORS = (
    "I could not read all of it:\n{errors}\n\nNothing was saved. Fix those lines and send again."
)
FORM_MISSING = "Still needed:\n{missing}\n\nNothing was saved. Send the full form again."
CANCELLED = "Stopped. Nothing was saved."
NOTHING_TO_CANCEL = "There is nothing to cancel."
USE_BUTTONS = "Please tap one of the buttons above (or /cancel)."
SAVE_FAILED = "The directory refused it: {reason}. Nothing was saved."
EDIT_USAGE = "Say which group: /editgroup ID (find the id with /groups)."
EDIT_START = (
    "Group {group_id} now:\n\n<pre>{summary}</pre>\n\n"
    "Send the lines to change, like <code>start: 19:00</code> (several lines are fine), or /cancel."
)
EDIT_MANY_MEETINGS = (
    "Group {group_id} meets {count} times a week; here you can change its details, but not "
    "its meeting times. Leave out weekday, start and end."
)
EDIT_NO_CHANGE = "That changes nothing. Send other lines, or /cancel."
EDIT_CONFIRM = "Changes to group {group_id}:\n\n<pre>{summary}</pre>\n\nSave them?"
EDIT_SAVED = "Saved. /history {group_id} shows the change."
NO_GROUP = "There is no group {value}. Find the id with /groups."
ID_USAGE = "Say which group: /{command} ID (find the id with /groups)."
NOT_A_GROUP_NUMBER = (
    "That isn't a group number. Send it in plain digits, like /{command} 12 (find the id with "
    "/groups)."
)

# coordinators: the directory
GROUPS_NONE = "No groups match."
GROUPS_HEAD = "Groups{search} ({first}–{last}):"
GROUP_LINE = "{group_id} · {name} · {fellowship} · {where}{archived}{stale}"
ARCHIVED_MARK = " · archived"
SAMPLE_MARK = " · sample listing"
CLOSED_MARK = " · not meeting now (its feed says so; never suggested)"
STALE_MARK = " · last checked {when}"
NEVER_CHECKED = "never"
STAFF_MORE_BUTTON = "More"
BACK_BUTTON = "Back"
ARCHIVE_CONFIRM = "Archive group {group_id} ({name})? It will not be suggested until restored."
ARCHIVE_BUTTON = "Archive"
ARCHIVED = "Group {group_id} is archived. /restoregroup {group_id} brings it back."
ALREADY_ARCHIVED = "Group {group_id} is already archived. /restoregroup {group_id} brings it back."
RESTORED = "Group {group_id} is back in the directory."
NOT_ARCHIVED = "Group {group_id} is not archived."
VERIFIED = "Group {group_id} marked as checked today ({day})."
HISTORY_NONE = "No recorded changes for group {group_id}."
HISTORY_HEAD = "Changes to group {group_id} ({name}), newest first:"
DIGEST = (
    "{count} group(s) have not been checked for 90 days or more. Please check and /verify them "
    "(or /archivegroup the ones that stopped):\n{lines}"
)
DIGEST_MORE = "… and {count} more (see /groups)."

# coordinators: import and export
IMPORT_ASK = (
    "Send the feed as a file: Meeting Guide JSON or BMLT results (.json), or CSV (.csv). I will "
    "show what would "
    "change before anything is saved. /cancel stops."
)
IMPORT_NOT_A_FILE = "Please send the feed as a file (.json or .csv), or /cancel."
IMPORT_TOO_BIG = (
    "That file is too big (over {limit} MB). Split it, or import it from the command line."
)
IMPORT_BAD_KIND = "I can read Meeting Guide JSON (.json) or CSV (.csv) files; {name} is neither."
IMPORT_UNREADABLE = "I could not read that file: {reason}. Nothing was changed."
IMPORT_PREVIEW = (
    "If applied, this import from {name} would make:\n"
    "• {new} new\n• {updated} updated\n• {unchanged} unchanged\n• {archived} archived\n"
    "• {skipped} rows skipped\n{problems}\nApply it?"
)
IMPORT_ERRORS = (
    "{name} has {count} row(s) with errors, so nothing can be imported from it yet:\n{lines}\n\n"
    "Nothing was changed. Fix those rows and send the file again, or /cancel."
)
IMPORT_APPLY_BUTTON = "Apply"
IMPORT_APPLIED = (
    "Imported: {created} new, {updated} updated, {unchanged} unchanged, {archived} archived, "
    "{errors} rows skipped."
)
IMPORT_EXPIRED = "That preview is no longer available. Send /import again."
IMPORT_CHANGED = "The directory changed since the preview. Nothing was applied; send /import again."
EXPORT_CAPTION = (
    "The directory: {count} active groups ({kind}). /export csv gives a CSV, /export hsds "
    "Open Referral HSDS for 211 directories."
)

# coordinators: feeds the directory refreshes by itself (/sources)
SOURCES_NONE = (
    "No feeds are refreshed by themselves yet. Add one on the command line: "
    "<code>firststep directory source add URL --format meeting-guide --fellowship AA</code>"
)
SOURCES_HEAD = "Feeds the directory refreshes by itself:"
SOURCE_LINE = (
    "{id} · <b>{name}</b> · {format} · every {every}\n"
    "   fetched {fetched} · changed {changed} · {state}"
)
SOURCE_NEVER = "never"
SOURCE_OK = "ok"
SOURCE_FAILING = "failed {count} time(s) in a row: {error}"
SOURCE_HELD = "waiting: it would archive {archive} of {total} groups"
SOURCE_REFRESH_BUTTON = "Refresh now"
SOURCE_APPLY_BUTTON = "Apply it"
SOURCE_KEEP_BUTTON = "Keep as is"
SOURCE_KEPT = "Kept the directory as it is; {name}'s refresh was set aside."
SOURCE_GONE = "That feed is no longer there. Send /sources again."
SOURCE_ALERT_HELD = (
    "The feed {name} changed so much that refreshing it would archive {archive} of its "
    "{total} groups. Nothing was changed. Check the feed, then /sources to apply it or keep "
    "the directory as it is."
)
SOURCE_ALERT_FAILING = (
    "The feed {name} failed {count} times in a row ({error}). Its groups stay as they were; "
    "/sources shows it."
)
SOURCE_ALERT_STALE = (
    "The feed {name} has not been fetched well since {since}. Its groups may be out of date; "
    "/sources shows it."
)

# clinicians
LINK_MADE = (
    "Your personal link{focus}:\n{link}\n\n"
    "People who come through it read that it is from {name} (/referralname changes that). "
    "Share it, or print the QR code. People who come through it are asked whether you may see "
    "their progress; without a yes you see counts only."
)
LINK_FOCUS = " (focus: {focus})"
LINK_QR_CAPTION = "QR code for your link"
LINK_BAD_FOCUS = "{reason}"
NO_USERNAME = "I don't know my own username yet; please try again in a minute."
REFERRALS_CAPTION = "Your referrals by week"
# the funnel (/referrals): plain text, escaped by the caller; the chart's title and legend
FUNNEL_STAGES = {
    "started": "started",
    "matched": "found a group",
    "planned": "planned",
    "went": "went",
    "no_answer": "no answer",
    "hello_offered": "offered a hello",
    "hello_accepted": "accepted a hello",
    "hello_introduced": "introduced to a volunteer",
    "hello_went": "went after a hello",
}
FUNNEL_SHARED = "Clients who agreed to share their progress: {totals}"
FUNNEL_HELLOS = "A volunteer's hello, everyone who came through your links: {hellos}"
FUNNEL_HELLOS_HIDDEN = (
    "A volunteer's hello: fewer than {n} offered so far; the counts are not shown."
)
FUNNEL_BY_WEEK = "By week they started:"
FUNNEL_WEEK = "  week of {start:%d %b}: {counts}"
FUNNEL_NO_WEEKS = "  nobody in these weeks yet"
FUNNEL_CLIENTS = "Their progress ({count}):"
FUNNEL_CLIENT = "{pseudonym} (since {since:%d %b}): {steps}{extra}"
FUNNEL_STEP = {True: "{stage} yes", False: "{stage} not yet"}
FUNNEL_NO_ANSWER = " (no answer to follow-ups)"
FUNNEL_OTHERS = (
    "Everyone else who came through your links (did not say yes to sharing, or was deleted after "
    "a long time without using firststep), all weeks together: {totals}"
)
FUNNEL_OTHERS_HIDDEN = (
    "Fewer than {n} others came through your links without sharing their progress; their counts "
    "are not shown."
)
FUNNEL_SMALL_NOTE = (
    "Counts of people who did not agree are never shown by week, and any under {n} reads "
    "'fewer than {n}', so nobody can be picked out."
)
FEWER_THAN = "fewer than {n}"
CHART_TITLE = "Clients who agreed to share, by week they started"
NAME_USAGE = "Send the name people should see, 2 to 64 characters: /referralname Dr Lee, Riverside"
NAME_SET = "People who come through your links will now read: a link from {name}."
NAME_ADMIN = (
    "You act as a clinician as an admin, without a clinician role of your own: no name to set."
)

# the volunteer's and the coordinators' side of a hello (bot/hello): staff texts, in English
HELLO_NOTIFY = "Someone new would like a hello before their first meeting at {group}."
BUTTON_HELLO_ACCEPT = "I'll say hello"
BUTTON_HELLO_PASS = "Not this time"
HELLO_PASSED = "No problem, thank you. I'll ask someone else."
HELLO_TOO_LATE = "This request has moved on. Thank you all the same."
HELLO_OPENED_VOLUNTEER = (
    "You're connected with {name}, who plans to come to {group}. Write here and I'll pass it on "
    "(text, photos and voice notes). They don't see your account. /end closes the conversation; "
    "/report tells the coordinators if something is wrong."
)
HELLO_FROM_PERSON = "<b>{name}:</b> "
HELLO_REMOVED_VOLUNTEER = "Your volunteer role has ended, and your open conversations are closed."
HELLO_REPORTED = "Thank you. The coordinators have been told (without anyone's words)."
HELLO_REPORT = (
    "Volunteer {user_id} reported a problem in introduction #{hello_id} (group {group_id})."
)
VOLUNTEER_STATUS = (
    "<b>Your volunteering</b>\nStatus: {status}\nCovers: {scopes}\nLanguages: {languages}\n"
    "Hours: {hours_from}:00–{hours_to}:00 ({zone})\n"
    "You are only told of a request inside these hours; newcomers are only offered a hello in a "
    "language a volunteer speaks.\n\n"
    "/volunteer pause · /volunteer resume\n/volunteer group GROUP_ID · "
    "/volunteer online FELLOWSHIP_ID · /volunteer area FELLOWSHIP_ID CITY\n"
    "/volunteer languages en,es · /volunteer hours 17-21 · /volunteer timezone Europe/Madrid"
)
VOLUNTEER_ACTIVE = "active"
VOLUNTEER_PAUSED = "paused"
VOLUNTEER_NOTHING = "nothing yet"
VOLUNTEER_USAGE = (
    "I didn't understand that. Try /volunteer pause, /volunteer resume, /volunteer group 12, "
    "/volunteer online 1, /volunteer area 1 Ann Arbor, /volunteer languages en,es or "
    "/volunteer hours 17-21 or /volunteer timezone America/Detroit."
)
VOLUNTEER_NO_FELLOWSHIP = "I can't find fellowship {value}."
VOLUNTEER_BAD_ZONE = (
    "I don't know the time zone {value}. Use a name like America/Detroit or Europe/Madrid."
)
VOLUNTEER_GROUP_ZONE = "each group's time zone"
VOLUNTEER_NO_GROUP = "I can't find group {value}. /groups shows their numbers."
COVERAGE_HEAD = "<b>Groups with an active volunteer</b>"
COVERAGE_LINE = "#{group_id} {name}: {count} ({ids})"
COVERAGE_VOLUNTEERS = "<b>Volunteers</b> (remove one with /removevolunteer USER_ID)"
COVERAGE_VOLUNTEER = (
    "• {user_id} {name}: {status}, {languages}, {hours_from}:00–{hours_to}:00 {zone}"
)
COVERAGE_NONE = "No group has an active volunteer yet. /invite volunteer makes an invitation."
COVERAGE_COUNTS = (
    "Hellos: offered {offered}, accepted {accepted}, introduced {introduced}, went {went}."
)
COVERAGE_COUNTS_HIDDEN = "Hellos: fewer than {n} offered so far; the counts are not shown."
COVERAGE_SMALL_NOTE = "Any count under {n} reads 'fewer than {n}', so nobody can be picked out."
REMOVE_VOLUNTEER_USAGE = "Use /removevolunteer USER_ID (the number from /coverage)."
VOLUNTEER_REMOVED = "Volunteer {user_id} is removed; {count} open conversation(s) closed kindly."

# a referred person
REFERRED = _(
    "You came here through a link from {clinician}. "
    "May {clinician} see how you are getting on: whether you found a group, planned to go, "
    "and went? They never see what you write to me. You can say no; I'll help you the same. "
    "/sharing changes it later."
)
REFERRED_SOMEONE = _("your clinician")
CONSENT_YES_BUTTON = _("Yes, they may see")
CONSENT_NO_BUTTON = _("No, keep it private")
CONSENT_YES = _("Thank you. {clinician} will see only those steps, never your words.")
CONSENT_NO = _("That's fine: {clinician} will not see your progress.")
REFERRAL_UNKNOWN = ""  # an unknown or retired link: the person simply starts as anyone else
SHARING_NONE = _("You did not come through a clinician's link, so nothing is shared with anyone.")
SHARING_NOW = {
    True: _("{clinician} may see whether you found a group, planned to go and went. Change it?"),
    False: _("{clinician} sees nothing of your progress (only a count). Change it?"),
    None: _("{clinician} sees nothing of your progress until you say yes. May they?"),
}
STAFF_NONE = _(
    "This is for coordinators and clinicians. If you should be one, ask an admin for an invite."
)
STAFF_COMMANDS = {
    "admin": "Admin: /invite coordinator|clinician|volunteer · /roles · /revoke USER_ID [role]",
    "coordinator": (
        "Coordinator: /addgroup · /editgroup ID · /groups [search] · /verify ID · "
        "/archivegroup ID · /restoregroup ID · /history ID · /import · /export [csv|hsds] · "
        "/sources · /invite volunteer … · /coverage · /removevolunteer USER_ID"
    ),
    "clinician": "Clinician: /referrallink [focus] · /referrals · /referralname NAME",
    "volunteer": (
        "Volunteer: /volunteer [pause|resume|group|online|area|languages|hours|timezone] · "
        "/end · /report"
    ),
}

# ==================================================================================================
# OPERATIONS (bot/ops): flood control, unexpected errors, database outages. Calm, short, no blame.
# Sent as plain text (no parse mode), so no HTML here.
# ==================================================================================================

OPS_ONE_MOMENT = _("One moment, please: I'm reading what you sent. I'll answer in a little while.")
OPS_TOO_LONG = _(
    "That message is longer than I can read in one go. Could you send it in a few shorter messages?"
)
OPS_SOMETHING_WENT_WRONG = _(
    "Sorry, something went wrong on my side with that message. "
    "Please try again in a moment, or send /start to begin again."
)
# The database cannot be reached (an outage): nothing the person did, nothing to start again.
OPS_TROUBLE = _("I'm having trouble right now. Please try again in a few minutes.")

# --- A warm handoff: a volunteer from the group says hello (bot/hello); the person's side ---
HELLO_OFFER = _(
    "Would you like someone from this group to say hello before you go? "
    "They'll know only the name you choose and the meeting."
)
BUTTON_HELLO_YES = _("Yes, I'd like a hello")
BUTTON_HELLO_NO = _("No hello, thanks")
HELLO_NO_THANKS = _("That's fine. Your plan stays as it is.")
HELLO_ASK_NAME = _(
    "What name should they see? A first name or a nickname is enough (just type it)."
)
HELLO_NAME_BAD = _(
    "I couldn't use that as a name. Please type a first name or a nickname: "
    "letters only, up to 32 of them."
)
HELLO_ASKED = _(
    "Thank you, {name}. I've asked a volunteer from the group. "
    "I'll let you know when they say hello."
)
HELLO_NOBODY = _(
    "I'm sorry, nobody from the group could say hello this time. "
    "Your plan stays the same, and you're very welcome to just go."
)
HELLO_OPENED_PERSON = _(
    "A volunteer from {group} is here to say hello. Write here and I'll pass it on; they don't "
    "see your account. /end closes the conversation; /block stops this volunteer for good."
)
HELLO_FROM_VOLUNTEER = _("<b>Volunteer from {group}:</b> ")
HELLO_ONLY_KINDS = _("I can pass on text, photos and voice notes only.")
HELLO_SLOW_DOWN = _("That's a lot of messages at once. Please wait a little before the next one.")
HELLO_ENDED_YOU = _("The conversation is closed. Thank you.")
HELLO_ENDED_OTHER = _("The other side closed the conversation. Thank you for being here.")
HELLO_BLOCKED = _(
    "Done. This volunteer won't be able to reach you again. Your plan stays the same."
)
HELLO_ENDED_TIME = _("This conversation has closed by itself now that the meeting has passed.")
HELLO_REMOVED_PERSON = _(
    "The volunteer can't continue this conversation, so it has closed. That's nothing you did. "
    "Your plan stays the same, and the group will be glad to see you."
)
HELLO_NOTHING_OPEN = _("There is no conversation open right now.")
HELLO_CRISIS_TOLD = _(
    "The person was just given crisis lines by the bot. You don't need to do anything more; "
    "stay kind if they write again."
)

translate_module(__name__)

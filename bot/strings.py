"""Every user-facing string of the conversation, in one place so it can be translated.

Messages are sent with HTML parse mode: placeholders are filled with text escaped by the caller
(`html.escape`); the fixed text here may use <b>, <i> and <a>.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- welcome and consent

WELCOME = (
    "Hi, I'm firststep. I help people find a mutual-help group (like AA, SMART Recovery, "
    "Al-Anon or a depression support group) and get to a first meeting.\n\n"
    "I'm a bot: not a person, not a therapist and not an emergency service. "
    "If you are in danger right now, call your local emergency number.\n\n"
    "What I keep: the topics and choices I understand from what you tell me (not your words), "
    "your rough area and time zone, and any plan you make. "
    "/mydata shows it, /forget deletes it all."
)
WELCOME_REFERRED = "Someone who works with you shared this link with you."
CONSENT_BUTTON = "OK, let's start"
NOT_NOW_BUTTON = "Not now"
NOT_NOW = "That's fine. Write /start whenever you're ready."
ASK_CONCERN = (
    "Thank you. Tell me a little about what's going on, in your own words. "
    'For example: "I drink too much" or "my son uses drugs". Several messages are fine.'
)
ASK_CONCERN_AGAIN = (
    "Tell me a little about what's going on, in your own words, and I'll look for groups."
)

# --------------------------------------------------------------------------- understanding

UNDERSTOOD = "Thank you for telling me. I understood: {topics}."
UNDERSTOOD_MORE = "You can add more, or go on."
GO_ON_BUTTON = "That's it, go on"

# A referral link's focus (set by the clinician) shapes the start of the search.
FOCUS_DUAL = (
    "The link you came through is for people facing both a mental-health and a substance "
    "problem, so I'll favour groups that welcome both."
)
FOCUS_FAMILY = (
    "The link you came through is for someone close to a person who is struggling, so I'll "
    "look for groups for family and friends."
)
ASK_CONCERN_FAMILY = (
    "Tell me a little about what's going on with them, in your own words. "
    'For example: "my son uses drugs" or "my wife drinks". Several messages are fine.'
)
FOCUS_CONCERN = (
    "The link you came through is about <b>{topic}</b>, so I've noted that. "
    "You can go on with it, tell me more in your own words, or say it's not that."
)
NOT_IT_BUTTON = "That's not it"
FOCUS_DROPPED = (
    "All right, I've dropped that. Tell me a little about what's going on, in your own words."
)
NOT_UNDERSTOOD = (
    "Thank you. I couldn't tell yet what it's about. Could you say it another way? "
    "For example: drinking, drugs, gambling, low mood, anxiety, grief, or someone close to you."
)
TOPIC_NAMES: dict[str, str] = {
    "alcohol": "drinking",
    "opioids": "opioids",
    "stimulants": "stimulants",
    "cannabis": "cannabis",
    "other_drugs": "drugs",
    "gambling": "gambling",
    "tobacco": "smoking or vaping",
    "depression": "low mood or depression",
    "bipolar": "bipolar",
    "anxiety": "anxiety",
    "trauma": "trauma",
    "grief": "grief",
    "psychosis": "psychosis or hearing voices",
    "eating": "eating",
}
FOR_SOMEONE_CLOSE = "{topic} (someone close to you)"
IN_THE_PAST = "{topic} (in the past)"

# --------------------------------------------------------------------------- questions

ASK_FORMAT = "Would you like to meet in person, or online?"
FORMAT_IN_PERSON = "In person"
FORMAT_ONLINE = "Online"
FORMAT_EITHER = "Either is fine"
ASK_PLACE = (
    "Where are you? Type a town or a postal code, or share your location "
    "(the paperclip, then Location). I only keep the town and time zone."
)
ASK_PLACE_ONLINE = (
    "Which town or area are you in? It's only so I can show meeting times in your time zone."
)
SKIP_PLACE_BUTTON = "I'd rather not say"
PLACE_NOT_FOUND = (
    "I couldn't find that place. Try the name of a nearby town, or a postal code, "
    "or share your location."
)
PLACE_TOO_LONG = "That's a lot for a place name. Just the town or postal code is enough."
PLACE_FOUND = "Thanks, I'll look near {place}."
ASK_WHOM = "Is this about you, or about someone close to you?"
WHOM_SELF = "About me"
WHOM_FAMILY = "Someone close to me"

# --------------------------------------------------------------------------- suggestions

SEARCHING = "Let me look..."
SUGGESTIONS_INTRO = "Here are groups that could fit:"
SUGGESTIONS_PICK = "Which one would you like to try?"
WHEN_FORMAT = "%a %d %b, %H:%M"
SUGGESTIONS_LOOSE = "I didn't find a close fit, but these might still help:"
NO_SUGGESTIONS = (
    "I'm sorry, I didn't find a group that fits yet. You could try online meetings, "
    "another place, or /new to describe it differently."
)
NO_MORE = "That's all I found. You can change what you asked for, or pick one above."
SUGGESTION = "<b>{number}. {name}</b>\n{kind}\nNext meeting: {when}\n{where}\nWhy: {reasons}"
SAMPLE_LABEL = "<i>Sample listing (demo data, not a real meeting)</i>"
WHERE_PLACE = "Where: {place}"
WHERE_ONLINE = "Online: {how}"
WHERE_PHONE = "By phone: {phone}"
WHERE_DISTANCE = " (about {km} km away)"
WHERE_UNKNOWN = "Where: ask the group"
NO_NEXT_MEETING = "no date listed"
EXPECT = "<b>At a first meeting of {kind}:</b> {text}"
KIND_NAMES: dict[str, str] = {
    "twelve-step": "a 12-step group",
    "secular": "a secular (non-religious) group",
    "peer-support": "a peer support group",
    "faith-based": "a faith-based group",
}
FORMAT_NAMES: dict[str, str] = {
    "in_person": "in person",
    "online": "online",
    "hybrid": "in person or online",
}
CHOOSE_BUTTON = "Choose {number}"
MORE_BUTTON = "See more"
CHANGE_BUTTON = "Change what I asked"
ASK_CHANGE = "What would you like to change?"
CHANGE_FORMAT_BUTTON = "In person or online"
CHANGE_PLACE_BUTTON = "The place"
CHANGE_TOPIC_BUTTON = "What it's about"

# --------------------------------------------------------------------------- choosing and planning

CHOSEN = "Good choice: <b>{name}</b>."
ASK_CONTACT = (
    "This group has a volunteer who welcomes newcomers and agreed to be contacted. "
    "Would you like their contact, so you can say hello before you go? "
    "If you say yes, I'll show you their name and how to reach them. "
    "I won't send them anything about you; you decide whether to write."
)
CONTACT_YES = "Yes, please"
CONTACT_NO = "No, thanks"
CONTACT_SHOWN = "Here is the newcomer contact: <b>{name}</b>, {how}."
CONTACT_TELEGRAM = "on Telegram {handle}"
CONTACT_PHONE = "phone {phone}"
CONTACT_NONE = "Sorry, that contact is no longer listed."
ASK_WHEN = "When do you think you'll go? Picking a day makes it much more likely to happen."
NOT_SURE_BUTTON = "Not sure yet"
NO_DATES = "I don't have dates for this group. It's best to check with them before you go."
NOT_SURE = (
    "That's OK. Whenever you're ready, the group will be there. Write /new any time to look again."
)
PLANNED = (
    "It's a plan: <b>{name}</b>, {when}.\n{where}\n\n"
    "On the day I'll send you a short reminder, and afterwards I'll ask how it went. "
    "My messages won't name the group, in case someone sees your screen. /stop turns them off."
)
ICS_BUTTON = "Add to my calendar"
ICS_CAPTION = "Open this file to add the meeting to your calendar."
ICS_SUMMARY = "Meeting"
ICS_FILENAME = "meeting.ics"
ALREADY_PLANNED = "Your plan is saved. /new to look for something else."

# --------------------------------------------------------------------------- commands

HELP = (
    "I help you find a mutual-help group and plan a first visit.\n\n"
    "/start or /new: start a search\n"
    "/mydata: what I keep about you\n"
    "/stop: no more messages from me until you write again\n"
    "/forget: delete everything about you\n"
    "/help: this message\n\n"
    "I'm a bot, not a therapist or an emergency service. "
    "In an emergency, call your local emergency number."
)
STOPPED = (
    "OK, I won't send you any more messages. If you write to me again, I'll answer. "
    "/forget deletes everything I keep."
)
ASK_FORGET = "Delete everything I keep about you, including any plans? This can't be undone."
FORGET_YES = "Yes, delete it all"
FORGET_NO = "No, keep it"
FORGOTTEN = "Done. I deleted everything about you. Write /start if you ever want to begin again."
NOT_FORGOTTEN = "OK, nothing was deleted."
MYDATA_NONE = "I keep nothing about you."
MYDATA = (
    "<b>What I keep about you</b>\n"
    "Since: {since}\n"
    "Area: {place}\n"
    "Time zone: {timezone}\n"
    "Messages from me: {status}\n"
    "Agreed to start: {consented}\n"
    "Topics: {topics}\n"
    "Plans: {plans}\n"
    "Steps: {events}\n\n"
    "I don't keep what you write. /forget deletes all of this."
)
MYDATA_UNKNOWN = "not given"
MYDATA_REFERRAL = (
    "\n\n<b>Referral</b>\nYou came through {clinician}'s link{focus}.\n"
    "They may see your progress (found a group, planned, went; never your words): {sharing}.\n"
    "/sharing changes it."
)
MYDATA_REFERRAL_FOCUS = " (about {focus})"
MYDATA_SOME_CLINICIAN = "a clinician"
MYDATA_SHARING: dict[bool | None, str] = {
    True: "yes",
    False: "no",
    None: "not until you say yes",
}
FOCUS_NAMES: dict[str, str] = {
    "dual_diagnosis": "mental health and substance use together",
    "family": "family and friends",
}
STOP_SHARING_BUTTON = "Stop sharing my progress"
MYDATA_YES = "yes"
MYDATA_NO = "no"
STATUS_NAMES: dict[str, str] = {
    "active": "on",
    "stopped": "off (you said /stop)",
    "blocked": "off",
}

# --------------------------------------------------------------------------- nudges

NUDGE_BUTTONS = "Please use the buttons above, or write /help."
NUDGE_MEDIA = "I can only read text messages. Could you type it, or use the buttons?"
NUDGE_COMMAND = "I didn't catch that command. /help shows what I can do."
NUDGE_STALE = "That button is from an earlier message. Here's where we are:"
NUDGE_IDLE = "Write /new to look for a group, or /help to see what I can do."
NUDGE_LOCATION = "Thanks, but I don't need a location right now."
ERROR_SORRY = "Sorry, something went wrong on my side. Please try again, or write /new."

# --------------------------------------------------------------------------- crisis

CRISIS_INTRO = (
    "I'm really glad you told me. What you're going through matters, and you don't have to face "
    "it alone. Please reach out to someone right now:"
)
CRISIS_OVERDOSE = (
    "If someone may have overdosed: call emergency services now. Give naloxone (Narcan) if there "
    "is some. Stay with them, and if they are unconscious, lay them on their side."
)
CRISIS_LINES: dict[str, str] = {
    "us_ca": "US and Canada: call or text <b>988</b>. Emergency: <b>911</b>",
    "uk": "UK: Samaritans <b>116 123</b> (free, any time). Emergency: <b>999</b>",
    "ie": (
        "Ireland: Samaritans <b>116 123</b> (free, any time). Emergency: <b>112</b> or <b>999</b>"
    ),
    "au": "Australia: Lifeline <b>13 11 14</b>. Emergency: <b>000</b>",
    "eu": "Europe: emergency <b>112</b>",
}
CRISIS_OUTRO = (
    "I'm a bot and can't call for help myself. When you're ready, I'm here, and we can go on "
    "looking for a group together."
)
# When the message could not be read (the parser failed), the crisis lines still go out, calmly.
UNREAD_INTRO = (
    "I couldn't read that just now. If you are in danger, or thinking of hurting yourself or "
    "someone else, please reach out to someone right now:"
)
UNREAD_OUTRO = (
    "I'm a bot and can't call for help myself. If you're safe, please try writing it again in a "
    "moment, or write /new to start over."
)

"""What the bot says to admins, coordinators, clinicians, and to a referred person about consent.

HTML parse mode: placeholders are escaped by the caller.
"""

from __future__ import annotations

REFUSED = "Sorry, that is only for {role}s. If you should have access, ask an admin for an invite."
REFUSED_ADMIN = "Sorry, that is only for admins."
ROLE_NAMES = {"coordinator": "coordinator", "clinician": "clinician", "admin": "admin"}
MORE_NOT_SHOWN = "… and {count} more not shown."
BUTTON_EXPIRED = "This button has expired. Please send the command again."
PRIVATE_ONLY = "Please use this in a private chat with me."

# admins
INVITE_USAGE = "Say which role: /invite coordinator or /invite clinician"
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

# coordinators: the directory
GROUPS_NONE = "No groups match."
GROUPS_HEAD = "Groups{search} ({first}–{last}):"
GROUP_LINE = "{group_id} · {name} · {fellowship} · {where}{archived}{stale}"
ARCHIVED_MARK = " · archived"
SAMPLE_MARK = " · sample listing"
STALE_MARK = " · last checked {when}"
NEVER_CHECKED = "never"
MORE_BUTTON = "More"
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
    "Send the feed as a file: Meeting Guide JSON (.json) or CSV (.csv). I will show what would "
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
    "• 0 errors\n\nApply it?"
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
EXPORT_CAPTION = "The directory: {count} active groups ({kind}). /export csv gives a CSV."

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
NAME_USAGE = "Send the name people should see, 2 to 64 characters: /referralname Dr Lee, Riverside"
NAME_SET = "People who come through your links will now read: a link from {name}."
NAME_ADMIN = (
    "You act as a clinician as an admin, without a clinician role of your own: no name to set."
)

# a referred person
REFERRED = (
    "You came here through a link from {clinician}. "
    "May {clinician} see how you are getting on: whether you found a group, planned to go, "
    "and went? They never see what you write to me. You can say no; I'll help you the same. "
    "/sharing changes it later."
)
REFERRED_SOMEONE = "your clinician"
CONSENT_YES_BUTTON = "Yes, they may see"
CONSENT_NO_BUTTON = "No, keep it private"
CONSENT_YES = "Thank you. {clinician} will see only those steps, never your words."
CONSENT_NO = "That's fine: {clinician} will not see your progress."
REFERRAL_UNKNOWN = ""  # an unknown or retired link: the person simply starts as anyone else
SHARING_NONE = "You did not come through a clinician's link, so nothing is shared with anyone."
SHARING_NOW = {
    True: "{clinician} may see whether you found a group, planned to go and went. Change it?",
    False: "{clinician} sees nothing of your progress (only a count). Change it?",
    None: "{clinician} sees nothing of your progress until you say yes. May they?",
}
STAFF_NONE = (
    "This is for coordinators and clinicians. If you should be one, ask an admin for an invite."
)
STAFF_COMMANDS = {
    "admin": "Admin: /invite coordinator|clinician · /roles · /revoke USER_ID [role]",
    "coordinator": (
        "Coordinator: /addgroup · /editgroup ID · /groups [search] · /verify ID · "
        "/archivegroup ID · /restoregroup ID · /history ID · /import · /export [csv]"
    ),
    "clinician": "Clinician: /referrallink [focus] · /referrals · /referralname NAME",
}

"""The person's language: gettext catalogs (Babel) and the locale of the update being handled.

- Texts are written in English in `bot/strings.py` and `directory/wording.py`, each wrapped in `_()`
  so `pybabel extract` finds it (see babel.cfg and docs/conversation.md "Languages").
- A catalog per language: `i18n/locale/<code>/LC_MESSAGES/firststep.po`, compiled to `.mo` by
  `scripts/setup`. The languages offered are the catalogs found (plus English): adding one is a new
  catalog and nothing else.
- The locale is a context variable: set once per update (bot/handlers/language.py) or around a
  scheduled message (`using`), so the texts read anywhere below come out in that language.

This package knows nothing of Telegram or the database.
"""

from __future__ import annotations

import gettext as _gettext
import io
import logging
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

log = logging.getLogger(__name__)
T = TypeVar("T")
DOMAIN = "firststep"
SOURCE = "en"  # the language the texts are written in
LOCALE_DIRS: list[Path] = [Path(__file__).parent / "locale"]
"""Where catalogs are looked for, in order (a test may add a directory of its own)."""

_current: ContextVar[str] = ContextVar("firststep_locale", default=SOURCE)


class Msgid(str):
    """A text marked for translation (a plain `str` everywhere else)."""

    __slots__ = ()


def _(message: str) -> str:
    """Mark a text for translation where it is defined (read it in the current locale later)."""
    return Msgid(message)


def is_marked(value: object) -> bool:
    """Whether a constant is, or holds, a text marked with `_`."""
    if isinstance(value, Msgid):
        return True
    if isinstance(value, dict):
        return any(is_marked(v) for v in value.values())
    if isinstance(value, tuple | list):
        return any(is_marked(v) for v in value)
    return False


def _catalog_files(code: str) -> tuple[Path, Path] | None:
    """The .po and .mo of a language, in the first directory that has its .po."""
    for directory in LOCALE_DIRS:
        po = directory / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            return po, po.with_suffix(".mo")
    return None


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language (its .po read directly when the .mo is missing or older,
    with a warning: run scripts/setup)."""
    files = _catalog_files(code) if code != SOURCE else None
    if files is None:
        return _gettext.NullTranslations()
    po, mo = files
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    log.warning("catalog not compiled, reading its .po", extra={"locale": code})
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def available() -> tuple[str, ...]:
    """The languages a person can choose: English and every language with a catalog."""
    found = {
        path.name
        for directory in LOCALE_DIRS
        if directory.is_dir()
        for path in directory.iterdir()
        if (path / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    }
    return (SOURCE, *sorted(found - {SOURCE}))


def reset() -> None:
    """Forget the catalogs read so far (after `LOCALE_DIRS` changed)."""
    translations.cache_clear()
    _translated.clear()


def best_match(code: str | None) -> str | None:
    """The available language for a Telegram `language_code` or ISO code ('es-MX' -> 'es')."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in available() else None


def current() -> str:
    """The locale of what is being handled now."""
    return _current.get()


def set_current(code: str) -> Token[str]:
    """Make `code` the locale of what is being handled now (an update, in its own task)."""
    return _current.set(code if code in available() else SOURCE)


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Texts read inside the block come out in `code` (e.g. a scheduled message to one person)."""
    token = set_current(code or SOURCE)
    try:
        yield current()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """`message` in the current locale (itself when the catalog has no translation)."""
    if not message:
        return message
    return translations(current()).gettext(message)


def translate(value: T) -> T:
    """A text, or a dict / tuple / list of texts (nested), in the current locale."""
    if isinstance(value, str):
        return gettext(value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: translate(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(translate(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [translate(v) for v in value]  # type: ignore[return-value]
    return value


_translated: dict[tuple[str, str, str], Any] = {}


class TranslatedModule(types.ModuleType):
    """A module whose upper-case names read in the current locale (see `translate_module`)."""

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        if not name.isupper() or name.startswith("_"):
            return value
        marked: frozenset[str] = super().__getattribute__("__translated__")
        if name not in marked:
            return value
        key = (super().__getattribute__("__name__"), name, _current.get())
        if key[2] == SOURCE:
            return value
        if key not in _translated:
            _translated[key] = translate(value)
        return _translated[key]


def translate_module(name: str) -> None:
    """Make module `name`'s constants marked with `_` read in the current locale from outside.

    Inside the module they stay in English (the msgids); code elsewhere (`strings.WELCOME`,
    `from bot.strings import WELCOME`) gets them translated for the update being handled."""
    module = sys.modules[name]
    marked = frozenset(k for k, v in vars(module).items() if k.isupper() and is_marked(v))
    module.__translated__ = marked  # type: ignore[attr-defined]
    module.__class__ = TranslatedModule


def format_when(moment: datetime, pattern: str) -> str:
    """A date and time by a CLDR pattern ('EEE d MMM, HH:mm') in the current locale."""
    return format_datetime(moment, pattern, tzinfo=moment.tzinfo, locale=current())


def format_number(number: float) -> str:
    """A number as the current locale writes it (1,5 in Spanish)."""
    return format_decimal(number, locale=current())


def language_name(code: str, *, in_locale: str | None = None) -> str:
    """A language's name from its ISO 639 code, in the current locale (the code when unknown)."""
    try:
        names = Locale.parse(in_locale or current()).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code.lower(), code)


def native_name(code: str) -> str:
    """A language's name in itself, capitalised ('Español', 'Français')."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]

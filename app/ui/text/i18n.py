"""The window's language and number formats.

English and German. The setting "system" takes the first language of the OS's preferred list
that the app has, else English; ``R1DESK_LANGUAGE`` (``en``/``de``) overrides it, for scripts.
``install`` puts two translators on the application at start: the app's own
(``assets/i18n/r1desk_<lang>.qm``, built from the ``.ts`` sources by ``packaging/translations.py``)
and Qt's (its standard buttons, context menus and key names: "Strg+N"). English has a catalogue
too: it holds the plural forms ("1 answer", "2 answers").

Widgets built in one language cannot be switched to another without rebuilding every window
(Qt's ``retranslateUi``), so a new language applies at the next start and the settings say so.

Numbers, sizes and times go through ``QLocale`` (``number``, ``gb``): "8,192" in English is
"8.192" in German and "1.5 GB" is "1,5 GB".
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.config.paths import asset

translate = QCoreApplication.translate  # for code outside QObject subclasses: translate("Context", "…")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for the translation tools (lupdate reads the call by this name) where it
    is kept as data and translated later with ``translate(context, text)``. Qt's own version is
    typed as returning ``object``."""
    return text


# Each language named in itself, so a user who cannot read the current one still finds theirs.
NATIVE_NAMES = {"en": "English", "de": "Deutsch"}
FALLBACK = "en"
_installed: list[QTranslator] = []


def resolve(setting: str) -> str:
    """The language code ("en", "de") for a language setting ("system", "en", "de")."""
    forced = os.environ.get("R1DESK_LANGUAGE", "")
    choice = forced if forced in NATIVE_NAMES else setting
    if choice in NATIVE_NAMES:
        return choice
    return system_language()


def system_language() -> str:
    """The first of the OS's preferred languages that the app speaks, else English."""
    for tag in QLocale.system().uiLanguages():  # "de-DE", "en-US", ... most preferred first
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in NATIVE_NAMES:
            return code
    return FALLBACK


def catalogue(lang: str) -> Path:
    """The compiled translations of the app for ``lang``."""
    return asset("i18n", f"r1desk_{lang}.qm")


def install(app: QCoreApplication, setting: str) -> str:
    """Translate the app into the language the setting asks for; returns its code.

    The locale for numbers stays the system's when it is in that language (de_AT keeps its
    own ways); otherwise it is the language's own (German numbers in a German window)."""
    lang = resolve(setting)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    system = QLocale.system()
    QLocale.setDefault(system if system.name().split("_")[0] == lang else QLocale(lang))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for path in (str(catalogue(lang)), str(Path(qt_dir) / f"qtbase_{lang}.qm")):
        t = QTranslator(app)
        if Path(path).is_file() and t.load(path):
            app.installTranslator(t)
            _installed.append(t)
    return lang


def language() -> str:
    """The language the window speaks now ("en" when no translator is installed)."""
    for t in _installed:
        if t.language():
            return t.language().split("_")[0]
    return FALLBACK


# ---- numbers -----------------------------------------------------------------------------------


def number(value: float, decimals: int = 0) -> str:
    """A number with the locale's separators: 32,768 / 32.768; 1.5 / 1,5."""
    loc = QLocale()
    if decimals == 0:
        return loc.toString(round(value))
    return loc.toString(float(value), "f", decimals)


def params(count: float) -> str:
    """A parameter count: "1.8B" / "1,8 Mrd." ("32B" / "32 Mrd."), beside sizes in the same locale."""
    decimals = 1 if count < 10e9 else 0
    return translate("Units", "{n}B").format(n=number(count / 1e9, decimals))


def gb(size_bytes: float, decimals: int = 1) -> str:
    """Bytes as gigabytes (10⁹, as disks and the Hub count them): "4.7 GB" / "4,7 GB"."""
    return translate("Units", "{size} GB").format(size=number(size_bytes / 1e9, decimals))


def seconds(value: float, decimals: int = 0) -> str:
    """ "4 s", "0.42 s" / "0,42 s"."""
    return translate("Units", "{n} s").format(n=number(value, decimals))


def restart_note(new_setting: str) -> str:
    """The note after the language setting changed: in the window's language and, when it is
    another one, in the new language too (whoever chose Deutsch may not read English)."""
    note = translate("Language", "The language changes when R1 Desk starts again.")
    lang = resolve(new_setting)
    if lang == language():
        return note
    t = QTranslator()
    if lang != "en" and not t.load(str(catalogue(lang))):
        return note
    other = t.translate("Language", "The language changes when R1 Desk starts again.") if lang != "en" else ""
    other = other or "The language changes when R1 Desk starts again."
    return note if other == note else f"{note} · {other}"

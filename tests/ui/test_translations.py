"""Issue 16: the window in German and English, complete and in step with the code.

How "untranslated" is caught: ``packaging/translations.py update`` (pyside6-lupdate over app/)
must leave the committed .ts files as they are, so a string added to the code without running
it fails here; every German entry must be finished (no "unfinished", "vanished" or "obsolete"
entries, plural forms filled in) and keep the source's {placeholders}, %n and & access key;
the .qm files must be what pyside6-lrelease makes of the .ts files. Text that never reaches
lupdate is caught too: window text written as a literal straight into a widget, an f-string
inside tr(), a core error sentence with no template in ``core_messages.py``, a catalog or
preset sentence missing from ``data_text.py``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.ui.text.core_messages import TEMPLATES
from app.ui.text.data_text import CATALOG, PRESETS

ROOT = Path(__file__).resolve().parents[2]
# packaging/translations.py (not importable as "packaging.…": that name is pip's library)
_spec = importlib.util.spec_from_file_location("r1desk_translations", ROOT / "packaging" / "translations.py")
assert _spec is not None and _spec.loader is not None
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)
I18N = ROOT / "assets" / "i18n"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?n")
ACCESS_KEY = re.compile(r"&[^&\s]")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    kind: str  # "" (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]  # the translation, or its plural forms
    numerus: bool


def entries(ts: Path) -> list[Entry]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            t = m.find("translation")
            assert t is not None
            forms = tuple(f.text or "" for f in t.iter("numerusform")) or (t.text or "",)
            out.append(Entry(name, m.findtext("source") or "", t.get("type", ""), forms, m.get("numerus") == "yes"))
    return out


def test_the_ts_files_hold_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    for lang in translations.LANGUAGES:
        shutil.copy(translations.ts_file(lang), tmp_path)
    translations.update(tmp_path)
    for lang in translations.LANGUAGES:
        fresh = {(e.context, e.source) for e in entries(translations.ts_file(lang, tmp_path))}
        committed = {(e.context, e.source) for e in entries(translations.ts_file(lang))}
        assert fresh == committed, (
            f"r1desk_{lang}.ts is out of date: run `python packaging/translations.py`. "
            f"New: {sorted(fresh - committed)[:10]}; gone: {sorted(committed - fresh)[:10]}"
        )


def test_every_string_is_translated_into_german() -> None:
    de = entries(translations.ts_file("de"))
    assert len(de) > 600
    bad = [(e.context, e.source, e.kind) for e in de if e.kind or not all(f.strip() for f in e.forms)]
    assert bad == [], f"{len(bad)} German strings are not finished, e.g. {bad[:5]}"
    plural = [e for e in de if e.numerus]
    assert plural and all(len(e.forms) == 2 for e in plural)  # German: one, other


def test_english_has_its_plural_forms() -> None:
    en = entries(translations.ts_file("en"))
    assert en and all(e.numerus for e in en)  # the source language needs only the plurals
    assert all(not e.kind and len(e.forms) == 2 and all(e.forms) for e in en)
    assert all("%n" in e.source or "%Ln" in e.source for e in entries(translations.ts_file("de")) if e.numerus)


def test_translations_keep_placeholders_and_access_keys() -> None:
    wrong = []
    for lang in translations.LANGUAGES:
        for e in entries(translations.ts_file(lang)):
            for form in e.forms:
                if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(e.source)) and not (
                    e.numerus and set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(e.source))
                ):
                    wrong.append((lang, e.source, form))
                if bool(ACCESS_KEY.search(e.source)) != bool(ACCESS_KEY.search(form)) and e.context in (
                    "Commands",
                    "Menus",
                ):
                    wrong.append((lang, e.source, form))
    assert wrong == []


def test_the_qm_files_are_built_from_the_ts_files(tmp_path: Path) -> None:
    translations.build(out=tmp_path)
    for lang in translations.LANGUAGES:
        built = translations.qm_file(lang, tmp_path).read_bytes()
        assert built == translations.qm_file(lang).read_bytes(), "stale .qm: run `python packaging/translations.py`"


# ---- text that lupdate would not see ------------------------------------------------------------

TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP"}
SHOWN_BY = {
    "setText", "setToolTip", "setPlaceholderText", "setAccessibleName", "setAccessibleDescription",
    "setWindowTitle", "addTab", "addAction", "showMessage", "setStatusTip", "setSpecialValueText", "setSuffix",
    "setPrefix", "setHorizontalHeaderLabels", "setHeaderLabels", "QLabel", "QPushButton", "QCheckBox", "QAction",
    "QToolButton", "QTreeWidgetItem", "QListWidgetItem", "warning", "critical", "information", "question",
    "getText", "getItem", "getOpenFileName", "getSaveFileName", "getExistingDirectory", "addMenu", "addItem",
}  # fmt: skip
NOT_WORDS = {"R1 Desk", "http://gpu-box:8000/v1", "English", "Deutsch"}  # names and examples


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _words(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    return text if re.search(r"[A-Za-z]{2}", text) and text.strip() not in NOT_WORDS else None


def _ui_trees() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "app" / "ui").rglob("*.py"))]


def test_window_text_goes_through_the_translation_system() -> None:
    literal = []
    for path, tree in _ui_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in SHOWN_BY:
                args = node.args[:1] if _name(node) == "addItem" else node.args
                for a in args:
                    items = a.elts if isinstance(a, (ast.List, ast.Tuple)) else [a]
                    literal += [f"{path.name}:{node.lineno} {w!r}" for x in items if (w := _words(x))]
    assert literal == []


def test_translation_calls_get_whole_literal_strings() -> None:
    """tr(f"…{x}") would look up the filled-in text (never found); translate() inside an f-string
    is invisible to lupdate."""
    bad = []
    for path, tree in _ui_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in TR_CALLS:
                literal_context = _name(node) == "tr" or isinstance(node.args[0], ast.Constant)
                texts = node.args[:1] if _name(node) == "tr" else node.args[1:2]
                if any(isinstance(t, ast.JoinedStr) for t in texts):
                    bad.append(f"{path.name}:{node.lineno} f-string")
                if any(isinstance(t, ast.Constant) for t in texts) and not literal_context:
                    bad.append(f"{path.name}:{node.lineno} a literal text needs a literal context")
            if isinstance(node, ast.JoinedStr):
                for v in node.values:
                    if isinstance(v, ast.FormattedValue):
                        for inner in ast.walk(v.value):
                            if isinstance(inner, ast.Call) and _name(inner) in TR_CALLS:
                                bad.append(f"{path.name}:{node.lineno} translated inside an f-string")
    assert bad == []


# ---- the core's sentences and the shipped data ----------------------------------------------------

_FIELD = re.compile(r"\{[^{}]*\}")


def _shape(text: str) -> str:
    return _FIELD.sub("{}", text)


def _core_strings() -> tuple[set[str], list[tuple[str, str]]]:
    """Every string the core (and the local server, whose notices the window shows) writes, as a
    shape ("{}" for each filled-in part), and the messages of the errors it raises from the
    app's error family: (module, shape)."""
    from app.core import errors

    family = {n for n, c in vars(errors).items() if isinstance(c, type) and issubclass(c, errors.R1DeskError)}
    shapes: set[str] = set()
    raised: list[tuple[str, str]] = []
    paths = [*(ROOT / "app" / "core").rglob("*.py"), *(ROOT / "app" / "server").rglob("*.py")]
    for path in sorted(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                shapes.add(_shape(node.value))
            elif isinstance(node, ast.JoinedStr):
                shapes.add(_shape("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)))
            elif (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and node.exc.args
                and _name(node.exc) in family
                and isinstance(node.exc.args[0], (ast.Constant, ast.JoinedStr))
            ):
                arg = node.exc.args[0]
                text = (
                    arg.value
                    if isinstance(arg, ast.Constant)
                    else "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
                )
                raised.append((path.stem, _shape(str(text))))
    return shapes, raised


# Raised by the core but never shown in the window: checks of the shipped data files (the tests
# hold them valid) and answers between the app and its own model process.
CLI_ONLY = {
    "{}: not an object",
    "{}: unknown field(s) {}",
    "{}: a preset needs a name",
    "{}: instruction and description must be text",
    "{} ({}): {}",
    "{}: two presets have the same name",
    "{}: missing '{}'",
    "{}: '{}' has the wrong type",
    "{}: shape values must be positive",
    "{}: repos must be org/name ids with split 'subfolder' or 'root'",
    "{}: a repo's template must be one of {}",
    "{}: benchmark figures must be numbers",
    "{} {}: size and parts must be positive",
    "{}: no files",
    "{}: model ids must be unique",
    "{}, {}: 'drafts' must name other catalog models",
    # a draft model is the command line's (ask/serve --draft); the window loads none
    "{} cannot draft for {}: their vocabularies differ ({}). A draft model must come from the same family "
    "(R1-Distill-Qwen-1.5B for the Qwen distills, R1-Distill-Llama-8B for Llama-70B).",
    "{} has no vocabulary (tokenizer.ggml.tokens).",
    "Cannot read the model catalog {}: {}",
    "{}: endpoint {} has a {} field. API keys are kept in the system keyring (or an environment variable), "
    "never in this file: remove the field and set the key in the window's Endpoints tab, or give it to the CLI "
    "with --api-key-env VAR.",
    "{}: endpoint {}: {}",
    "The model process answered {} to a render.",
    "The model process answered {} to a token count.",
    "The model process answered {} to a device list.",
    # the chat template's failures, kept for the CLI and the API (the window falls back quietly)
    "could not be rendered: the template helper did not start",
    "made its renderer fail (out of memory?)",
    "produced more than {} MB of prompt",
    "took longer than {} s to render",
    "Unknown request {}.",
    # grammars come only through the API and the command line (the window has no grammar field)
    "The grammar has no root rule (root ::= …).",
    "The grammar holds a NUL character (line {}).",
    "The grammar holds a lone surrogate (line {}), which is not text.",
    "The grammar is {} characters long; at most {} are accepted.",
    "The grammar uses the rule {} (line {}) but never defines it.",
    "The grammar's repetitions make more than {} elements; repeat fewer times.",
    "The grammar chains more than {} rules that each start with the next; llama.cpp would run out of stack. "
    "Shorten the chain.",
    "The grammar's rule {} (line {}) is left-recursive (it can reach itself before reading a character, also "
    "through a repeated item that can be empty); llama.cpp cannot use it.",
    "The grammar's rules start with other rules in too many ways: llama.cpp's check of it would take more than {} "
    "steps (write rules that start with the same rule only once).",
    "llama.cpp's parser refused the grammar (its own check found nothing wrong).",
}


def test_core_templates_are_sentences_the_core_writes() -> None:
    shapes, _ = _core_strings()
    unknown = [
        t
        for t in TEMPLATES
        if _shape(t) not in shapes and not (t.endswith("}") and _shape(t)[:-2] in shapes)  # "…{optional}"
    ]
    assert unknown == [], "templates the core no longer writes (update core_messages.py)"


def test_every_error_the_core_raises_has_a_template() -> None:
    _, raised = _core_strings()
    templates = {_shape(t) for t in TEMPLATES}
    missing = sorted({f"{mod}: {s}" for mod, s in raised if s not in templates and s not in CLI_ONLY})
    assert missing == [], "add these to app/ui/text/core_messages.py (and translate them)"


def test_the_data_files_sentences_are_listed_for_translation() -> None:
    catalog = json.loads((ROOT / "assets" / "catalog.json").read_text(encoding="utf-8"))
    presets = json.loads((ROOT / "assets" / "presets.json").read_text(encoding="utf-8"))
    shown = {m[k] for m in catalog["models"] for k in ("good_for", "benchmarks_note", "licence") if m.get(k)}
    assert shown == set(CATALOG)
    assert {p["description"] for p in presets["presets"] if p.get("description")} == set(PRESETS)


def test_the_math_preset_says_why_its_instruction_stays_english() -> None:
    presets = json.loads((ROOT / "assets" / "presets.json").read_text(encoding="utf-8"))["presets"]
    math = next(p for p in presets if p["name"] == "Math")
    assert math["instruction"] == "Please reason step by step, and put your final answer within \\boxed{}."
    assert "English" in math["description"]


@pytest.mark.parametrize("lang", translations.LANGUAGES)
def test_the_catalogues_load(lang: str) -> None:
    from PySide6.QtCore import QTranslator

    assert QTranslator().load(str(translations.qm_file(lang)))

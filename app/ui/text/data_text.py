"""The shipped data's words for people, listed for the translation tools: the catalog's notes
on each model and the presets' descriptions (``assets/catalog.json``, ``assets/presets.json``).
The window shows them with ``catalog_text``/``preset_text``; names (of models, presets,
licences' owners) stay as they are. ``tests/ui/test_translations.py`` fails when the data
has a sentence that is not listed here.
"""

from __future__ import annotations

from app.ui.text.i18n import QT_TRANSLATE_NOOP, translate

CATALOG: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Catalog", "Competition-style math on almost any machine; weak at code and general chat."),
    QT_TRANSLATE_NOOP("Catalog", "MIT (base model: Apache-2.0)"),
    QT_TRANSLATE_NOOP("Catalog", "Strong math for its size; fits an 8 GB GPU at Q4_K_M."),
    QT_TRANSLATE_NOOP("Catalog", "Balanced math and code with Llama's broader general knowledge."),
    QT_TRANSLATE_NOOP("Catalog", "MIT (base model: Llama 3.1 Community License)"),
    QT_TRANSLATE_NOOP(
        "Catalog",
        "The newest 8B distill (May 2025): much stronger math than the first 8B distills; thinks longer (up to 64K tokens).",
    ),
    QT_TRANSLATE_NOOP("Catalog", "From the model card, not the R1 paper; its LiveCodeBench uses a later window."),
    QT_TRANSLATE_NOOP("Catalog", "MIT"),
    QT_TRANSLATE_NOOP("Catalog", "The sweet spot for desktop coding: LiveCodeBench 53.1, above DeepSeek-V3's 42.2."),
    QT_TRANSLATE_NOOP("Catalog", "Best of the Qwen distills; needs a 24 GB GPU or a lot of RAM."),
    QT_TRANSLATE_NOOP("Catalog", "The largest distill: the best GPQA and MATH-500 scores; workstation class."),
    QT_TRANSLATE_NOOP("Catalog", "MIT (base model: Llama 3.3 Community License)"),
)

PRESETS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP(
        "Presets",
        "The DeepSeek-R1 paper's settings: temperature 0.6, top-p 0.95, nothing else, up to 32,768 new tokens.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "The paper's settings plus the model card's math directive, so the final answer is boxed. The directive stays in English whatever the window's language: it is the sentence the models were trained with.",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "For code: the paper's sampling and no system prompt; asks for complete code, each file's path on the line before its block, and SEARCH/REPLACE blocks for changes to long files (edits you can review and apply).",
    ),
    QT_TRANSLATE_NOOP("Presets", "The low end of the model cards' range: steadier, less varied reasoning."),
    QT_TRANSLATE_NOOP(
        "Presets",
        "The high end of the model cards' range: more varied ideas, for brainstorming and sampling several answers.",
    ),
)


# The shipped presets' names as the window shows them (the CLI's --preset takes the English).
PRESET_NAMES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("PresetNames", "R1 (paper)"),
    QT_TRANSLATE_NOOP("PresetNames", "Math"),
    QT_TRANSLATE_NOOP("PresetNames", "Code"),
    QT_TRANSLATE_NOOP("PresetNames", "Precise (0.5)"),
    QT_TRANSLATE_NOOP("PresetNames", "Exploratory (0.7)"),
)


def preset_name_text(name: str) -> str:
    """A shipped preset's name in the window's language (a user preset's, as written)."""
    return translate("PresetNames", name) if name in PRESET_NAMES else name


def catalog_text(text: str) -> str:
    """A catalog note in the window's language."""
    return translate("Catalog", text)


def preset_text(text: str) -> str:
    """A preset's description in the window's language (a user preset's, as written)."""
    return translate("Presets", text)

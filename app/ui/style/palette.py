"""The colours of the light and dark themes, as data: the style sheet, the Qt palette and the
Markdown renderer all read them from here.

``TEXT_PAIRS`` lists every text colour drawn on every background in the app (the style sheet,
the renderer, the picker); ``tests/ui/test_contrast.py`` holds each pair to WCAG AA (4.5:1) in
both themes, and ``MARK_PAIRS`` (focus rings, which are not text) to 3:1. White on the dark
theme's light indigo was 2.98:1, so text on a coloured fill uses ``accent_fill``/``danger_fill``
with ``on_accent``, while ``accent`` stays the colour of accent *text* on the page.
"""

from __future__ import annotations

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "window": "#f7f7f8",
        "base": "#ffffff",
        "text": "#1f2328",
        "muted": "#5f6673",
        "accent": "#4f46e5",
        "accent_fill": "#4f46e5",
        "on_accent": "#ffffff",
        "danger_fill": "#b91c1c",
        "focus": "#4f46e5",
        "border": "#e3e5e8",
        "control_border": "#c4c8cf",
        "user": "#eef2ff",
        "think": "#f3f4f6",
        "sidebar": "#f0f1f3",
        "danger": "#b91c1c",
        "notice": "#fff7e6",
        "notice_border": "#f0b44c",
        "warn": "#b45309",
        "reserve": "#c7d2fe",
        "code_background": "#f4f5f7",
        "code_header": "#e6e8eb",
        "boxed_border": "#15803d",
        "boxed_background": "#ecfdf3",
        "math": "#1d4ed8",
        "diff_add": "#edf8ef",
        "diff_del": "#fef2f2",
        "added": "#1a7f37",
        "removed": "#b42318",
        "badge_gpu": "#15803d",
        "badge_partial": "#b45309",
        "badge_cpu": "#1d4ed8",
        "badge_too_large": "#b91c1c",
        "pygments": "xcode",
    },
    "dark": {
        "window": "#1b1c1f",
        "base": "#232428",
        "text": "#e6e6e6",
        "muted": "#9ca3af",
        "accent": "#818cf8",
        "accent_fill": "#4f46e5",
        "on_accent": "#ffffff",
        "danger_fill": "#b91c1c",
        "focus": "#a5b4fc",
        "border": "#34363c",
        "control_border": "#4b4e56",
        "user": "#2a2c45",
        "think": "#26272b",
        "sidebar": "#202124",
        "danger": "#f87171",
        "notice": "#33291a",
        "notice_border": "#a16207",
        "warn": "#fbbf24",
        "reserve": "#3f4470",
        "code_background": "#1e1f22",
        "code_header": "#2b2d31",
        "boxed_border": "#22c55e",
        "boxed_background": "#0f2a1a",
        "math": "#93c5fd",
        "diff_add": "#1c2b20",
        "diff_del": "#341c1e",
        "added": "#56d364",
        "removed": "#ff7b72",
        "badge_gpu": "#4ade80",
        "badge_partial": "#fbbf24",
        "badge_cpu": "#93c5fd",
        "badge_too_large": "#f87171",
        "pygments": "monokai",
    },
}

# (text, background): every pair the app draws, checked at 4.5:1 in both themes.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *(("text", bg) for bg in ("window", "base", "user", "think", "sidebar", "code_background", "code_header")),
    ("text", "boxed_background"),
    *(("muted", bg) for bg in ("window", "base", "user", "think", "sidebar", "code_background", "code_header")),
    *(("accent", bg) for bg in ("window", "base", "user", "think", "code_header", "sidebar")),
    ("danger", "base"),
    ("danger", "window"),
    ("on_accent", "accent_fill"),  # Send, the selected chat, "Download and start", selections
    ("on_accent", "danger_fill"),  # Stop
    ("math", "base"),
    ("boxed_border", "boxed_background"),  # the final answer's text
    ("boxed_border", "think"),  # the majority answer of "solve k times"
    *((f"badge_{b}", "base") for b in ("gpu", "partial", "cpu", "too_large")),  # the picker's fit badges
    # proposed edits: the diff's lines, and the "+3 −1" counts on a card
    *((fg, bg) for fg in ("text", "muted") for bg in ("diff_add", "diff_del")),
    ("added", "diff_add"),
    ("removed", "diff_del"),
    *((fg, bg) for fg in ("added", "removed") for bg in ("base", "window", "code_background")),
)
# (mark, background): focus rings and similar non-text marks, checked at 3:1 (WCAG 1.4.11).
MARK_PAIRS: tuple[tuple[str, str], ...] = (
    ("focus", "window"),
    ("focus", "base"),
    ("focus", "sidebar"),
    ("text", "base"),  # the ring around a focused Send (on the composer) and a ticked Deep Thinking
)

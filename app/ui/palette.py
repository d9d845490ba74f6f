"""The colours of the light and dark themes, as data: the style sheet, the Qt palette and the
Markdown renderer all read them from here."""

from __future__ import annotations

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "window": "#f7f7f8",
        "base": "#ffffff",
        "text": "#1f2328",
        "muted": "#6b7280",
        "accent": "#4f46e5",
        "border": "#e3e5e8",
        "user": "#eef2ff",
        "think": "#f3f4f6",
        "sidebar": "#f0f1f3",
        "danger": "#b91c1c",
        "warn": "#b45309",
        "reserve": "#c7d2fe",
        "code_background": "#f4f5f7",
        "code_header": "#e6e8eb",
        "boxed_border": "#16a34a",
        "boxed_background": "#ecfdf3",
        "math": "#1d4ed8",
        "pygments": "default",
    },
    "dark": {
        "window": "#1b1c1f",
        "base": "#232428",
        "text": "#e6e6e6",
        "muted": "#9ca3af",
        "accent": "#818cf8",
        "border": "#34363c",
        "user": "#2a2c45",
        "think": "#26272b",
        "sidebar": "#202124",
        "danger": "#f87171",
        "warn": "#fbbf24",
        "reserve": "#3f4470",
        "code_background": "#1e1f22",
        "code_header": "#2b2d31",
        "boxed_border": "#22c55e",
        "boxed_background": "#0f2a1a",
        "math": "#93c5fd",
        "pygments": "monokai",
    },
}

"""Tooltips that wrap. Qt shows a plain-text tooltip on one line however long it is (a preset's
description was 1,200 px wide); rich text wraps at a readable width."""

from __future__ import annotations

import html


def rich_tip(text: str) -> str:
    """``text`` as a tooltip that wraps (its line breaks kept)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"

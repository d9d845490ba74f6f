"""Model output as Qt rich text: Markdown, code and boxed answers. Pure Python (no Qt), so it
is tested and benchmarked on its own."""

from app.ui.render.incremental import IncrementalMarkdown
from app.ui.render.markdown import (
    DARK,
    LIGHT,
    MarkdownRenderer,
    Theme,
    markdown_to_html,
)

__all__ = ["DARK", "LIGHT", "IncrementalMarkdown", "MarkdownRenderer", "Theme", "markdown_to_html"]

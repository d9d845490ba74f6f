"""A Markdown export never makes another app read a local path: model images are escaped."""

from __future__ import annotations

from markdown_it import MarkdownIt

from app.core.chats.export import inert


def test_images_and_img_tags_are_escaped_outside_code() -> None:
    text = "see ![x](/dev/zero) and `![code](/x)`\n```\n![in fence](/y)\n```\n<IMG src=/z> ok"
    out = inert(text)
    html = MarkdownIt("commonmark").render(out)
    assert "<img" not in html.lower()
    assert "`![code](/x)`" in out and "\n![in fence](/y)\n" in out  # code stays as written
    assert "![x](/dev/zero)" in html  # shown as the text the model wrote

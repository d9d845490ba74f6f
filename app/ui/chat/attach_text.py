"""The words of attaching in the window's language: the chips, the context meter's numbers, the
"does not fit" banner and its ways out, the notices.

The core's ``Budget`` has its English sentences for the CLI (``breakdown``, ``problem``); the
window writes its own from the same numbers, so German gets whole sentences with its plurals and
its number format instead of English ones patched together.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.core.code.attach import Skip
from app.core.code.budget import Budget, Remedies
from app.ui.text.core_text import say
from app.ui.text.i18n import number


class Attach(QObject):
    """The words, as methods: lupdate marks a plural only in ``self.tr(…, n)`` (a plain
    ``translate()`` with a variable count is read as a singular), and names the context after
    the class."""

    def tokens(self, n: int | None, estimated: bool) -> str:
        """ "812 tokens", "≈ 9,301 tokens" (estimated), "counting…" (not counted yet)."""
        if n is None:
            return self.tr("counting…")
        text = self.tr("%Ln token(s)", "", n)
        return "≈ " + text if estimated else text

    def files(self, n: int) -> str:
        return self.tr("%Ln file(s)", "", n)

    def chip_detail(self, n_files: int, is_folder: bool, counted: str) -> str:
        """What a chip says after its name: "12 files · 9,301 tokens" for a folder."""
        return f"{self.files(n_files)} · {counted}" if is_folder else counted

    def skip(self, s: Skip) -> str:
        """ "big.log: too large (…)", the reason in the window's language."""
        return f"{s.rel}: {say(s.reason)}"

    def skips(self, all_skips: Sequence[Skip], limit: int = 0) -> str:
        """ "Skipped 2: a.bin (binary …); big.log (too large …)." ("" when nothing was skipped)."""
        if not all_skips:
            return ""
        shown = list(all_skips if limit <= 0 else all_skips[:limit])
        n = sum(s.count for s in all_skips)  # a summary note stands for many ("and 99,480 more in it")
        more = n - sum(s.count for s in shown)
        listed = "; ".join(f"{s.rel} ({say(s.reason)})" for s in shown)
        if more:
            listed += self.tr("; and %Ln more", "", more)
        return self.tr("Skipped %Ln: {files}.", "", n).format(files=listed)

    def parts(self, b: Budget) -> str:
        """ "earlier turns 1,200, attachments 5,000 (3 files), your message 40, chat template 41"
        (a new chat has no earlier turns to name)."""
        attached = number(b.attachments) + (f" ({self.files(b.files)})" if b.files else "")
        if b.earlier is None or b.earlier:
            text = self.tr("earlier turns {history}, attachments {attachments}, your message {words}")
        else:
            text = self.tr("attachments {attachments}, your message {words}")
        text = text.format(history=number(b.history), attachments=attached, words=number(b.new_text))
        if b.template:
            text += ", " + self.tr("chat template {n}").format(n=number(b.template))
        return text

    def breakdown(self, b: Budget) -> str:
        """The numbers, one per line, for the meter's tooltip."""
        n = b.prompt
        if b.n_ctx > 0:
            prompt = self.tr("Prompt: %Ln token(s) of the {context}-token context", "", n)
        else:
            prompt = self.tr("Prompt: %Ln token(s) (the server does not say its context)", "", n)
        n = b.reserve
        if b.think_budget:
            reserve = self.tr("Reasoning reserve: %Ln token(s) (the thinking budget)", "", n)
        else:
            reserve = self.tr("Reasoning reserve: %Ln token(s) (up to {max} new tokens, capped by what is left)", "", n)
        lines = [
            prompt.format(context=number(b.n_ctx)),
            "    " + self.parts(b),
            reserve.format(max=number(b.max_tokens)),
        ]
        if b.n_ctx > 0 and b.fits:
            n = max(0, b.left - b.reserve)
            lines.append(self.tr("Free after both: %Ln token(s)", "", n))
        elif b.n_ctx > 0:
            n = b.needed
            text = self.tr("Does not fit: a reply needs at least %Ln token(s), {left} are left", "", n)
            lines.append(text.format(left=number(max(0, b.left))))
        if b.estimated:
            lines.append(self.tr("Estimated from the text's length (the server counts with its own tokenizer)."))
        else:
            lines.append(self.tr("Counted with the model's tokenizer."))
        return "\n".join(lines)

    def problem(self, b: Budget) -> str:
        """Why the message does not fit, with the numbers, in one sentence."""
        values = {
            "prompt": number(b.prompt),
            "parts": self.parts(b),
            "context": number(b.n_ctx),
            "needed": number(b.needed),
        }
        if b.left <= 0:
            text = self.tr(
                "This message does not fit: the prompt is {prompt} tokens ({parts}), "
                "more than the model's context of {context}.",
            )
        elif b.think_budget:
            text = self.tr(
                "This message does not fit: the prompt is {prompt} tokens ({parts}) and the thinking budget needs "
                "at least {needed} more, but the model's context holds {context}.",
            )
        else:
            text = self.tr(
                "This message does not fit: the prompt is {prompt} tokens ({parts}) and a reply needs at least "
                "{needed} more, but the model's context holds {context}.",
            )
        return text.format(**values)

    def ways_out(self, b: Budget, r: Remedies | None) -> tuple[str, list[tuple[str, str, str]]]:
        """The banner's sentence and its buttons (key, label, tooltip), Cancel aside."""
        actions: list[tuple[str, str, str]] = []
        if r is not None and r.drop_turns:
            n = r.drop_turns
            label = self.tr("Leave out the oldest %Ln turn(s) and send", "", n)
            tip = self.tr("They stay in the chat, but the model no longer reads them.")
            actions.append((f"drop:{r.drop_turns}", label, tip))
        if r is not None and r.attachments:
            n = r.attachments
            if r.attachments_enough:
                label = self.tr("Send without the attachments")
                tip = self.tr("They take %Ln token(s).", "", n)
            else:
                label = self.tr("Remove the attachments")
                tip = self.tr("They take %Ln token(s); without them it still does not fit.", "", n)
            actions.append(("strip", label, tip))
        text = self.problem(b)
        if r is not None and r.n_ctx:
            size = number(r.n_ctx)
            detail = say(r.n_ctx_detail)
            label = self.tr("Reload with a {size}-token context").format(size=size)
            actions.append((f"reload:{r.n_ctx}", label, self.tr("Memory: {detail}.").format(detail=detail)))
            text += " " + self.tr("A {size}-token context {detail}.").format(size=size, detail=detail)
        if b.left > 0:
            tip = self.tr("The reply may be cut off when the context is full.")
            actions.append(("anyway", self.tr("Send anyway"), tip))
        return text, actions

    def file_ways(self, b: Budget, largest: Sequence[tuple[str, str, int]]) -> tuple[str, list[tuple[str, str, str]]]:
        """The largest attached files (key, path, tokens) as ways out, one button each, and a
        sentence saying what fits: without the largest one, or without how many of them."""
        actions: list[tuple[str, str, str]] = []
        short = b.needed - max(0, b.left)  # tokens to free
        for key, rel, n in largest:
            label = self.tr("Leave out {file} (%Ln token(s))", "", n).format(file=rel)
            tip = self.tr("Then it fits.") if n >= short else self.tr("Alone, that is not enough.")
            actions.append((f"file:{key}", label, tip))
        freed, count = 0, 0
        for _key, _rel, n in largest:
            freed, count = freed + n, count + 1
            if freed >= short:
                break
        if not largest:
            return "", actions
        if freed >= short:
            text = self.tr("Leaving out the %Ln largest file(s) makes it fit.", "", count)
            if count == 1:
                text = self.tr("Leaving out {file} makes it fit.").format(file=largest[0][1])
        else:
            text = self.tr("Even without its %Ln largest file(s) it does not fit.", "", count)
        return text, actions

    def reading(self, n: int) -> str:
        return self.tr("Reading %Ln item(s) to attach…", "", n)

    def attached(self, n: int, skipped: str) -> str:
        return (self.tr("Attached %Ln file(s).", "", n) + " " + skipped).strip()

    def turns_left_out(self, n: int) -> str:
        return self.tr("The oldest %Ln turn(s) stay in the chat but are no longer sent.", "", n)

    def reloading(self, n_ctx: int) -> str:
        return self.tr("Reloading with a {size}-token context; your message waits in the composer.").format(
            size=number(n_ctx)
        )


WORDS = Attach()  # one for the whole window: it holds no state

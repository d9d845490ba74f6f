"""The fault suite's fixtures, and the table of tries/passed it prints at the end of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.faults.tally import TABLE, Tries, table_lines


@pytest.fixture()
def tries() -> Iterator[Callable[[str], Tries]]:
    """``tries("disk full")``: a counter for one fault class; the test fails if any try failed."""
    made: list[Tries] = []

    def make(klass: str) -> Tries:
        t = Tries(klass)
        made.append(t)
        return t

    yield make
    for t in made:
        t.check()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TABLE:
        terminalreporter.write_sep("-", "fault suite: tries / passed")
        for line in table_lines():
            terminalreporter.write_line(line)

"""What llama.cpp does with a parsed grammar before the first token, bounded.

llama.cpp refuses a left-recursive grammar (its stacks would grow without end), but it decides
that with a depth-first search that is not memoised: a chain of rules that each start with the
next one twice (``r1 ::= r2 | r2``) makes it exponential (28 such rules: 8 s; 40: hours), and a
long chain of rules that start with one another overflows the C stack (SIGSEGV). Its own check
also misses left recursion through a rule that is empty only by way of another rule. So the
left recursion is found here with every empty rule counted, and the cost and depth of llama.cpp's
search are computed (not run) and refused past a budget.
"""

from __future__ import annotations

from app.core.inference.grammar_check import GrammarError, Rules

MAX_SEARCH = 10_000_000  # steps of llama.cpp's left-recursion search (~0.1 s)
MAX_CHAIN = 4_000  # its recursion depth: a few hundred KB of C stack (Windows gives 1 MB)


def _nullable(rules: Rules) -> set[int]:
    """Rules that can match nothing at all, through other rules too (linear time)."""
    pending: dict[tuple[int, int], int] = {}  # (rule, alternative) -> symbols not yet known to be empty
    users: dict[int, list[tuple[int, int]]] = {}
    todo: list[int] = []
    empty: set[int] = set()
    for rule, alts in rules.alts.items():
        for k, alt in enumerate(alts):
            if any(s < 0 for s in alt):
                continue
            pending[rule, k] = len(alt)
            for s in alt:
                users.setdefault(s, []).append((rule, k))
            if not alt and rule not in empty:
                empty.add(rule)
                todo.append(rule)
    while todo:
        s = todo.pop()
        for rule, k in users.get(s, ()):
            pending[rule, k] -= 1
            if pending[rule, k] == 0 and rule not in empty:
                empty.add(rule)
                todo.append(rule)
    return empty


def _leading(rules: Rules, empty: set[int] | None) -> dict[int, list[int]]:
    """The rules each rule can start with before reading a character.

    With ``empty`` (every rule that can match nothing): all of them. Without: the ones llama.cpp
    follows, which looks only at a rule's own empty alternative, once for each place it appears.
    """
    own_empty = {rule for rule, alts in rules.alts.items() if any(not a for a in alts)}
    skippable = own_empty if empty is None else empty
    out: dict[int, list[int]] = {}
    for rule, alts in rules.alts.items():
        firsts: list[int] = []
        for alt in alts:
            for s in alt:
                if s < 0:
                    break
                firsts.append(s)
                if s not in skippable:
                    break
        out[rule] = firsts if empty is None else list(dict.fromkeys(firsts))
    return out


def _post_order(graph: dict[int, list[int]], start: int, done: set[int]) -> list[int] | int:
    """The rules reachable from ``start`` that are not in ``done``, children first; or, when the
    graph has a cycle there, a rule on it."""
    order: list[int] = []
    on_path: set[int] = {start}
    stack: list[tuple[int, int]] = [(start, 0)]
    while stack:
        node, k = stack[-1]
        children = graph.get(node, [])
        if k < len(children):
            stack[-1] = (node, k + 1)
            child = children[k]
            if child in on_path:
                return child
            if child not in done:
                on_path.add(child)
                stack.append((child, 0))
            continue
        stack.pop()
        on_path.discard(node)
        if node not in done:
            done.add(node)
            order.append(node)
    return order


def check_limits(rules: Rules) -> None:
    """Refuse left recursion, and a grammar whose check would be too slow or too deep for llama.cpp."""
    every = _leading(rules, _nullable(rules))
    done: set[int] = set()
    for rule in rules.alts:
        if rule in done:
            continue
        found = _post_order(every, rule, done)
        if isinstance(found, int):
            raise GrammarError(
                f"The grammar's rule {rules.name_of(found)!r} (line {rules.lines.get(found, 1)}) is left-recursive "
                "(it can reach itself before reading a character, also through a repeated item that can be "
                "empty); llama.cpp cannot use it."
            )
    follows = _leading(rules, None)  # a sub-graph of ``every``: no cycle left
    calls: dict[int, int] = {}
    depth: dict[int, int] = {}
    done = set()
    total = 0
    for rule in sorted(rules.alts):  # llama.cpp's outer loop, in rule order, skipping what it saw
        if rule in done:
            continue
        order = _post_order(follows, rule, done)
        assert isinstance(order, list)
        for r in order:
            kids = follows[r]
            calls[r] = min(MAX_SEARCH + 1, 1 + sum(calls[k] for k in kids))
            depth[r] = 1 + max((depth[k] for k in kids), default=0)
        total += calls[rule]
        if total > MAX_SEARCH:
            raise GrammarError(
                "The grammar's rules start with other rules in too many ways: llama.cpp's check of it would "
                f"take more than {MAX_SEARCH:,} steps (write rules that start with the same rule only once)."
            )
        if depth[rule] > MAX_CHAIN:
            raise GrammarError(
                f"The grammar chains more than {MAX_CHAIN:,} rules that each start with the next; llama.cpp "
                "would run out of stack. Shorten the chain."
            )

"""Chat imports with hostile values (issue 29 item 14): each is refused with a sentence before
anything is written (no half-imported chat), and a chat whose stored values an older version let
through opens, exports and shows its statistics without an exception."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.chats import export
from app.core.chats.store import Message, Store
from app.core.errors import StoreError
from tests.support.fake_engine import stats

Mutation = Callable[[dict[str, Any]], None]


def _valid(store: Store) -> dict[str, Any]:
    cid = store.create_conversation("Six sevens", "tiny")
    for i in range(2):
        store.add_message(cid, Message("user", f"question {i}"))
        store.add_message(cid, Message("assistant", f"answer {i}", reasoning="hm", stats=stats(12, 5), thinking_s=1.5))
    data = export.export_json(store, cid)
    store.delete(cid)
    return data


def _at(i: int, key: str, value: Any) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        data["messages"][i][key] = value

    return change


def _stat(i: int, key: str, value: Any) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        data["messages"][i]["stats"][key] = value

    return change


def _top(key: str, value: Any) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        data[key] = value

    return change


REFUSED: dict[str, tuple[Mutation, str]] = {
    "version a string": (_top("version", "2"), "version"),
    "version null": (_top("version", None), "version"),
    "version a fraction": (_top("version", 2.5), "version"),
    "version true": (_top("version", True), "version"),
    "version from the future": (_top("version", 99), "newer R1 Desk"),
    "reasoning_tokens 10**30 on the last message": (_at(3, "reasoning_tokens", 10**30), "reasoning_tokens"),
    "generated_tokens negative": (_at(1, "generated_tokens", -1), "generated_tokens"),
    "thinking_s NaN": (_at(1, "thinking_s", float("nan")), "thinking_s"),
    "thinking_s infinite": (_at(3, "thinking_s", float("inf")), "thinking_s"),
    "created 1e300": (_at(2, "created", 1e300), "created"),
    "stats: a count as a string": (_stat(3, "generated_tokens", "12"), "generated_tokens"),
    "stats: a speed as a string": (_stat(1, "tokens_per_s", "fast"), "tokens_per_s"),
    "stats: 10**30 tokens": (_stat(3, "prompt_tokens", 10**30), "prompt_tokens"),
    "stats: a finish reason that is none": (_stat(1, "finish_reason", {"x": 1}), "finish_reason"),
    "stats: thought a number": (_stat(1, "thought", 1), "thought"),
    "content a lone surrogate": (_at(2, "content", "a\ud800b"), "lone surrogate"),
    "title a lone surrogate": (_top("title", "\udfff"), "lone surrogate"),
    "sampling with a lone surrogate": (_at(1, "sampling", {"note": "\ud800"}), "lone surrogate"),
}


def test_hostile_imports_are_refused_whole(tries, tmp_path: Path) -> None:
    t = tries("hostile chat imports")
    store = Store(tmp_path / "chats.sqlite3")
    good = _valid(store)
    for name, (mutate, says) in REFUSED.items():
        with t(name):
            data = copy.deepcopy(good)
            mutate(data)
            before = [c.id for c in store.conversations()]
            try:
                export.import_json(store, data)
                raise AssertionError("imported")
            except StoreError as e:
                assert says in str(e), e
            assert [c.id for c in store.conversations()] == before, "a refused import left a chat behind"
    with t("the file itself imports, and opens"):
        cid = export.import_json(store, copy.deepcopy(good))
        assert [m.content for m in store.messages(cid)] == ["question 0", "answer 0", "question 1", "answer 1"]
        assert store.messages(cid)[1].stats == stats(12, 5)


STORED: dict[str, tuple[str, Any]] = {  # column -> what an older version's import could leave there
    "stats as strings": ("stats", json.dumps({"generated_tokens": "12", "tokens_per_s": "fast", "ttft_s": None})),
    "stats out of range": ("stats", json.dumps({"generated_tokens": 10**30, "tokens_per_s": -1, "finish_reason": 5})),
    "stats not JSON": ("stats", "{not json"),
    "stats a list": ("stats", "[1, 2]"),
    "thinking_s text": ("thinking_s", "long"),
    "reasoning_tokens text": ("reasoning_tokens", "many"),
    "sampling not JSON": ("sampling", "{"),
    "sampling a number": ("sampling", "5"),
}


def test_a_chat_with_hostile_stored_values_opens(tries, tmp_path: Path) -> None:
    t = tries("hostile stored chat values")
    store = Store(tmp_path / "chats.sqlite3")
    for name, (column, value) in STORED.items():
        with t(name):
            cid = store.create_conversation(name)
            store.add_message(cid, Message("user", "q"))
            mid = store.add_message(cid, Message("assistant", "a", stats=stats(3), thinking_s=2.0))
            store._db.execute(f"UPDATE messages SET {column}=? WHERE id=?", (value, mid))
            answer = store.messages(cid)[1]
            s = answer.stats
            if s is not None:  # what the window's statistics line formats
                assert isinstance(s.generated_tokens, int) and isinstance(s.tokens_per_s, float)
                f"{s.generated_tokens:,} {s.tokens_per_s:.1f} {s.ttft_s:.2f} {s.finish_reason}"
            assert answer.thinking_s is None or isinstance(answer.thinking_s, float)
            assert answer.sampling is None or isinstance(answer.sampling, dict)
            export.export_markdown(store, cid)
            again = export.import_json(store, export.export_json(store, cid))  # and its export imports back
            assert len(store.messages(again)) == 2

"""Knowing whether Hugging Face can be reached, without a request (issue 17, item 3)."""

from __future__ import annotations

import socket

import pytest

from app.core.models.online import hub_reachable


def test_hf_hub_offline_answers_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    assert hub_reachable() is False


def test_a_listening_endpoint_is_reachable_and_a_closed_one_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
        assert hub_reachable(timeout=60) is True
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")  # closed now
    assert hub_reachable(timeout=60) is False

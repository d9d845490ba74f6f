"""API keys: the keyring when there is one, else a clear sentence and the environment."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from app.core.config import secrets
from app.core.errors import EndpointError, KeyringUnavailable
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(before)


@pytest.fixture()
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_a_saved_key_is_read_back_and_forgotten(memory_keyring: MemoryKeyring, monkeypatch) -> None:
    monkeypatch.delenv(secrets.ENV_KEY, raising=False)
    secrets.save_key("GPU box", "sk-abc123")
    assert memory_keyring.store == {("R1 Desk", "GPU box"): "sk-abc123"}
    assert secrets.resolve_key("GPU box") == ("sk-abc123", "keyring")
    secrets.delete_key("GPU box")
    secrets.delete_key("GPU box")  # twice is fine
    assert secrets.resolve_key("GPU box") == (None, "none")


def test_without_a_keyring_saving_says_what_to_do_and_the_environment_is_used(no_keyring, monkeypatch) -> None:
    with pytest.raises(KeyringUnavailable, match="R1DESK_API_KEY") as e:
        secrets.save_key("GPU box", "sk-abc123")
    assert "sk-abc123" not in str(e.value)
    assert secrets.keyring_problem() is not None
    monkeypatch.setenv(secrets.ENV_KEY, "sk-env")
    assert secrets.resolve_key("GPU box") == ("sk-env", "R1DESK_API_KEY")


def test_an_explicit_variable_wins_and_a_missing_one_is_an_error(memory_keyring, monkeypatch) -> None:
    secrets.save_key("GPU box", "sk-stored")
    monkeypatch.setenv("MY_KEY", "sk-mine")
    assert secrets.resolve_key("GPU box", "MY_KEY") == ("sk-mine", "env_var")
    monkeypatch.delenv("NOT_SET", raising=False)
    with pytest.raises(EndpointError, match="NOT_SET is not set"):
        secrets.resolve_key("GPU box", "NOT_SET")


def test_redact_blanks_the_key_out_of_server_messages() -> None:
    assert secrets.redact("Incorrect API key provided: sk-abc123.", "sk-abc123") == "Incorrect API key provided: •••."


def test_redact_blanks_parts_of_the_key_echoed_headers_and_key_shaped_tokens() -> None:
    key = "sk-proj-AbCdEfGh0123456789IjKlMnOpQrSt"
    assert secrets.redact("said: " + key[:28], key) == "said: •••"  # cut at a length: still the key
    assert secrets.redact(f"OpenAI: {key[:8]}********{key[-4:]}.", key) == f"OpenAI: •••********{key[-4:]}."
    assert secrets.redact("Authorization: Bearer abc.def-123456 was sent") == "Authorization: ••• was sent"
    assert secrets.redact("Bearer abcdef123456; api_key=zyxw987654&q=1") == "Bearer •••; api_key=•••&q=1"
    assert secrets.redact("quota of sk-live-0123456789abcdef hit") == "quota of ••• hit"
    plain = "No model is loaded; the bearer of the request may retry (401)."
    assert secrets.redact(plain, "r1d-short") == plain

"""Sampling settings: the paper's values by default, every field checked, never llama-cpp-python's."""

from __future__ import annotations

import pytest

from app.core.r1.sampling import DEFAULT_CONTEXT, R1_MAX_TOKENS, Sampling, validate_sampling


def test_the_defaults_are_the_papers() -> None:
    s = Sampling()
    assert (s.temperature, s.top_p, s.top_k, s.min_p, s.repeat_penalty) == (0.6, 0.95, 0, 0.0, 1.0)
    assert s.max_tokens == R1_MAX_TOKENS == 32_768 and DEFAULT_CONTEXT == R1_MAX_TOKENS


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("temperature", -0.1, "between"),
        ("top_p", 1.5, "between"),
        ("top_k", 2.5, "integer"),
        ("max_tokens", 0, "between"),
        ("temperature", "hot", "number"),
        ("top_k", True, "integer"),
        ("seed", -1, "non-negative"),
    ],
)
def test_bad_values_are_refused_with_a_reason(field: str, value: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Sampling(**{field: value})  # type: ignore[arg-type]


def test_with_ignores_none_and_round_trips() -> None:
    s = Sampling().with_(temperature=0.5, top_p=None, seed=3)
    assert (s.temperature, s.top_p, s.seed) == (0.5, 0.95, 3)
    assert Sampling.from_dict(s.to_dict()) == s


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown sampling setting"):
        Sampling.from_dict({"temperature": 0.6, "mirostat": 2})


def test_validate_lists_every_problem() -> None:
    assert len(validate_sampling({**Sampling().to_dict(), "temperature": 9, "top_p": -1})) == 2

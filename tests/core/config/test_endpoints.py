"""Endpoints as data: the versioned file, its checks, and that no key is ever kept in it."""

from __future__ import annotations

import json

import pytest

from app.core.config.endpoints import (
    Endpoint,
    endpoints_path,
    find_endpoint,
    load_endpoints,
    parse_endpoints,
    save_endpoints,
    with_endpoint,
)
from app.core.errors import EndpointError

GPU_BOX = Endpoint("GPU box", "http://gpu-box:8000/v1", ("deepseek-ai/DeepSeek-R1-Distill-Llama-70B",), "vllm")


def test_endpoints_round_trip_through_the_config_folder() -> None:
    assert load_endpoints() == []
    ds = Endpoint("DeepSeek", "https://api.deepseek.com/v1/", ("deepseek-reasoner",), "deepseek")
    save_endpoints([GPU_BOX, ds])
    loaded = load_endpoints()
    assert loaded[0] == GPU_BOX
    assert loaded[1].base_url == "https://api.deepseek.com/v1"  # trailing slash trimmed
    assert json.loads(endpoints_path().read_text())["version"] == 1
    assert find_endpoint(loaded, "GPU box") == GPU_BOX
    assert find_endpoint(loaded, "http://gpu-box:8000/v1/") == GPU_BOX
    assert GPU_BOX.host == "gpu-box:8000" and not GPU_BOX.encrypted and ds.encrypted


@pytest.mark.parametrize(
    ("item", "says"),
    [
        ({"name": "x", "base_url": "gpu-box:8000"}, "http:// or https://"),
        ({"name": "x", "base_url": "http://u:secret@gpu-box/v1"}, "not in the URL"),
        ({"name": "", "base_url": "http://gpu-box/v1"}, "name"),
        ({"name": "x", "base_url": "http://gpu-box/v1", "kind": "tgi"}, "Unknown server kind"),
        ({"name": "x", "base_url": "http://gpu-box/v1", "models": "m"}, "list of names"),
        ({"name": "x", "base_url": "http://gpu-box/v1", "colour": "red"}, "unknown field"),
    ],
)
def test_a_bad_endpoint_is_refused_with_a_sentence(item: dict, says: str) -> None:
    with pytest.raises(EndpointError, match=says):
        parse_endpoints({"version": 1, "endpoints": [item]})


def test_a_key_written_into_the_file_by_hand_is_refused_not_kept() -> None:
    endpoints_path().parent.mkdir(parents=True, exist_ok=True)
    item = {"name": "x", "base_url": "http://gpu-box/v1", "api_key": "sk-123"}
    endpoints_path().write_text(json.dumps({"version": 1, "endpoints": [item]}))
    with pytest.raises(EndpointError, match="keyring"):
        load_endpoints()


def test_wrong_envelope_and_duplicate_names_are_refused() -> None:
    with pytest.raises(EndpointError, match="version"):
        parse_endpoints([GPU_BOX.to_dict()])
    with pytest.raises(EndpointError, match="two endpoints"):
        parse_endpoints({"version": 1, "endpoints": [GPU_BOX.to_dict(), GPU_BOX.to_dict()]})


def test_adding_and_replacing_keep_names_unique_and_order() -> None:
    a = Endpoint("a", "http://a/v1")
    b = Endpoint("b", "http://b/v1")
    eps = with_endpoint(with_endpoint([], a), b)
    assert [e.name for e in eps] == ["a", "b"]
    with pytest.raises(EndpointError, match="already exists"):
        with_endpoint(eps, Endpoint("b", "http://c/v1"))
    with pytest.raises(EndpointError, match="already exists"):
        with_endpoint(eps, Endpoint("b", "http://c/v1"), replacing="a")
    renamed = with_endpoint(eps, Endpoint("a2", "http://a/v1"), replacing="a")
    assert [e.name for e in renamed] == ["a2", "b"]

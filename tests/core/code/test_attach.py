"""Attaching files and folders: what a walk takes and leaves out (and says why), the blocks it
writes, and reading them back from a stored message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.code.attach import (
    AttachError,
    FileText,
    attach,
    attach_all,
    block,
    compose,
    describe_skips,
    files_of,
    split_message,
)
from app.core.code.languages import extension_for, language_of
from tests.support.code_fixture import APP_PY, ATTACHED, SKIPPED, make_project


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_a_folder_walk_takes_the_source_and_says_what_it_skipped_and_why(project: Path) -> None:
    a = attach(project, base=project.parent)
    assert a.label == "project/"
    assert [f.rel for f in a.files] == ATTACHED  # path order, nested folders included
    assert {s.rel: s.reason for s in a.skipped} == SKIPPED
    assert a.files[1].language == "markdown" and a.files[2].language == "python"
    assert a.files[2].text == APP_PY


def test_the_limit_is_a_setting_and_the_message_names_each_skip(project: Path) -> None:
    a = attach(project, max_bytes=400 * 1024, base=project.parent)
    assert "project/huge.txt" in [f.rel for f in a.files]
    text = describe_skips(attach(project, base=project.parent).skipped)
    assert text.startswith("Skipped 6: project/.git/ (version-control data); project/build/ (ignored by .gitignore)")
    assert "project/huge.txt (too large (300 KB; the limit is 256 KB))" in text
    assert describe_skips(attach(project).skipped, limit=2).endswith("; and 4 more.")


def test_without_a_base_paths_start_at_the_repository_root(project: Path, tmp_path: Path) -> None:
    # The project is a git repository (it has .git): its own paths, as its imports use them.
    assert [f.rel for f in attach(project / "util").files] == ["util/helpers.py", "util/nested/deep.py"]
    assert attach(project / "util" / "helpers.py").files[0].rel == "util/helpers.py"
    whole = attach(project)
    assert whole.label == "project/" and whole.files[0].rel == ".gitignore"
    # Outside a repository: from the attached item's parent, so a folder keeps its name.
    loose = tmp_path / "loose" / "src"
    loose.mkdir(parents=True)
    (loose / "main.c").write_text("int main(void) { return 0; }\n")
    a = attach(loose)
    assert a.label == "src/" and [f.rel for f in a.files] == ["src/main.c"]
    assert attach(loose / "main.c").files[0].rel == "main.c"


def test_nested_gitignores_negations_and_the_repository_above(project: Path) -> None:
    (project / "util" / ".gitignore").write_text("nested/\n!keep.log\n")
    (project / "util" / "keep.log").write_text("kept\n")
    rels = [f.rel for f in attach(project).files]
    assert "util/keep.log" in rels  # re-included by the nested file
    assert "util/nested/deep.py" not in rels
    # Attaching a sub-folder still obeys the repository's .gitignore above it.
    (project / "util" / "trace.log").write_text("x\n")
    sub = attach(project / "util")
    assert [f.rel for f in sub.files] == ["util/.gitignore", "util/helpers.py", "util/keep.log"]
    assert ("util/trace.log", "ignored by .gitignore") in [(s.rel, s.reason) for s in sub.skipped]


def test_the_repositorys_info_exclude_leaves_files_out_like_a_gitignore(project: Path) -> None:
    (project / ".git" / "info").mkdir()
    (project / ".git" / "info" / "exclude").write_text("# local only\nnotes.md\n/util/nested/\n")
    (project / "notes.md").write_text("my notes\n")
    for a in (attach(project), attach(project / "util")):  # the folder itself, and one below the root
        rels = [f.rel for f in a.files]
        assert "notes.md" not in rels and "util/nested/deep.py" not in rels
        assert "util/helpers.py" in rels
    assert ("notes.md", "ignored by .gitignore") in [(s.rel, s.reason) for s in attach(project).skipped]


def test_a_file_named_explicitly_is_attached_even_if_ignored(project: Path) -> None:
    a = attach(project / "debug.log")
    assert a.label == "debug.log" and [f.rel for f in a.files] == ["debug.log"] and not a.skipped


def test_a_binary_file_named_explicitly_is_skipped_with_its_reason(project: Path) -> None:
    a = attach(project / "logo.png")
    assert not a.files and [str(s) for s in a.skipped] == ["logo.png: binary (it contains NUL bytes)"]


def test_relative_paths_from_a_base_folder(project: Path) -> None:
    both = attach_all([project / "app.py", project / "util"], base=project)
    assert [f.rel for a in both for f in a.files] == ["app.py", "util/helpers.py", "util/nested/deep.py"]
    assert attach(project, base=project).label == "project/"
    assert attach(project, base=project).files[0].rel == ".gitignore"


def test_a_missing_path_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(AttachError, match=r"Cannot attach .*nope\.py: no such file or folder\."):
        attach(tmp_path / "nope.py")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_folder_links_are_not_followed(project: Path) -> None:
    (project / "loop").symlink_to(project)
    a = attach(project)
    assert ("loop/", "a link to a folder (not followed)") in [(s.rel, s.reason) for s in a.skipped]


def test_the_same_file_twice_goes_in_once(project: Path) -> None:
    files = files_of(attach_all([project, project / "app.py"]))
    assert [f.rel for f in files].count("app.py") == 1


def test_the_message_has_each_file_as_a_fenced_block_headed_by_its_path_then_the_question(project: Path) -> None:
    files = files_of([attach(project / "util")])
    text = compose("Why does greet fail?", files)
    assert text == (
        "File: util/helpers.py\n```python\n"
        'def greet(name: str) -> str:\n    return f"Hello, {name}!"\n```\n\n'
        "File: util/nested/deep.py\n```python\nDEPTH = 3\n```\n\n"
        "Why does greet fail?"
    )


def test_a_file_with_fences_inside_gets_a_longer_fence() -> None:
    f = FileText("notes.md", "Use:\n```py\nx\n```\n", "markdown")
    assert block(f) == "File: notes.md\n````markdown\nUse:\n```py\nx\n```\n````"


def test_reading_a_stored_message_back(project: Path) -> None:
    files = files_of([attach(project)])
    content = compose("Explain the app.", files)
    words, back = split_message(content)
    assert words == "Explain the app."
    assert [f.rel for f in back] == [f.rel for f in files]
    assert compose(words, back) == content  # editing and sending again sends the same bytes
    assert split_message("Just a question.\n```py\nx\n```") == ("Just a question.\n```py\nx\n```", [])


@given(
    st.lists(
        st.tuples(st.from_regex(r"[a-z]{1,8}/[a-z]{1,8}\.(py|md|txt)", fullmatch=True), st.text(max_size=80)),
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    st.text(max_size=40),
)
def test_compose_and_split_round_trip(pairs: list[tuple[str, str]], words: str) -> None:
    files = [FileText(rel, text.replace("\r", ""), language_of(rel)) for rel, text in pairs]
    content = compose(words, files)
    w, back = split_message(content)
    assert compose(w, back) == content
    if files and words.strip():
        assert w == words and [f.rel for f in back] == sorted(f.rel for f in files)


def test_languages_and_extensions() -> None:
    assert language_of("src/App.TSX") == "tsx" and language_of("Dockerfile") == "dockerfile"
    assert language_of("LICENSE") == "" and language_of("x.unknown") == ""
    assert extension_for("python") == "py" and extension_for("rust") == "rs" and extension_for("") == "txt"

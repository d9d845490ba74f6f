"""The code-fence language of a file, from its name: data, one table.

The names are the ones Markdown renderers (Pygments, GitHub) and the models themselves use in
fence info strings, so an attached file reads like code the model has seen a million times.
"""

from __future__ import annotations

from pathlib import PurePath

BY_EXTENSION: dict[str, str] = {
    "py": "python", "pyi": "python", "pyw": "python", "ipynb": "json",
    "js": "javascript", "mjs": "javascript", "cjs": "javascript", "jsx": "jsx",
    "ts": "typescript", "mts": "typescript", "cts": "typescript", "tsx": "tsx",
    "java": "java", "kt": "kotlin", "kts": "kotlin", "scala": "scala", "groovy": "groovy", "gradle": "groovy",
    "c": "c", "h": "c", "cpp": "cpp", "cc": "cpp", "cxx": "cpp", "hpp": "cpp", "hh": "cpp", "hxx": "cpp",
    "cu": "cuda", "cuh": "cuda", "m": "objectivec", "mm": "objectivec", "cs": "csharp", "fs": "fsharp",
    "go": "go", "rs": "rust", "zig": "zig", "swift": "swift", "dart": "dart", "d": "d", "nim": "nim",
    "rb": "ruby", "php": "php", "pl": "perl", "pm": "perl", "lua": "lua", "r": "r", "jl": "julia",
    "hs": "haskell", "ml": "ocaml", "mli": "ocaml", "ex": "elixir", "exs": "elixir", "erl": "erlang",
    "clj": "clojure", "cljs": "clojure", "lisp": "lisp", "scm": "scheme", "el": "elisp",
    "sh": "bash", "bash": "bash", "zsh": "zsh", "fish": "fish", "ps1": "powershell", "bat": "batch", "cmd": "batch",
    "sql": "sql", "graphql": "graphql", "gql": "graphql", "proto": "protobuf",
    "html": "html", "htm": "html", "xml": "xml", "svg": "xml", "css": "css", "scss": "scss", "sass": "sass",
    "less": "less", "vue": "vue", "svelte": "svelte",
    "json": "json", "jsonc": "json", "yaml": "yaml", "yml": "yaml", "toml": "toml", "ini": "ini", "cfg": "ini",
    "conf": "ini", "env": "bash", "properties": "properties",
    "md": "markdown", "markdown": "markdown", "rst": "rst", "tex": "latex", "txt": "text", "csv": "csv",
    "cmake": "cmake", "mk": "makefile", "dockerfile": "dockerfile", "tf": "hcl", "hcl": "hcl", "nix": "nix",
    "jinja": "jinja", "j2": "jinja", "asm": "asm", "s": "asm", "v": "verilog", "sv": "systemverilog", "vhd": "vhdl",
}  # fmt: skip

BY_NAME: dict[str, str] = {
    "dockerfile": "dockerfile", "containerfile": "dockerfile", "makefile": "makefile", "gnumakefile": "makefile",
    "cmakelists.txt": "cmake", "gemfile": "ruby", "rakefile": "ruby", "justfile": "makefile",
    ".gitignore": "gitignore", ".dockerignore": "gitignore", ".bashrc": "bash", ".zshrc": "zsh", ".profile": "bash",
}  # fmt: skip


def language_of(path: str | PurePath) -> str:
    """The fence language for a file name ("" when unknown: a plain fence)."""
    name = PurePath(path).name.lower()
    if name in BY_NAME:
        return BY_NAME[name]
    _, dot, ext = name.rpartition(".")
    return BY_EXTENSION.get(ext, "") if dot else ""


def extension_for(language: str) -> str:
    """A file extension for a fence language ("txt" when none fits), for "Save as…"."""
    language = language.strip().lower()
    aliases = {"python3": "py", "py": "py", "js": "js", "ts": "ts", "shell": "sh", "sh": "sh", "c++": "cpp"}
    if language in aliases:
        return aliases[language]
    for ext, lang in BY_EXTENSION.items():  # the first extension listed for a language is its usual one
        if lang == language:
            return ext
    return "txt"

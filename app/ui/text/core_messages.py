"""The core's sentences that the window shows, as translation templates (see ``core_text.py``).

Each is the English the core writes, its variable parts named (``{file}`` where the core fills
in ``{p.name}``). A part can be a sentence of its own from this list ("{file} is damaged or
incomplete: {why}." takes "the header ends early (the file is truncated)"): it is translated
too. ``tests/ui/test_translations.py`` checks both ways that this list and the core agree: every
template is something the core writes, and every error sentence the core raises is here (or
listed there as the command line's alone: catalog and sampling checks, export headings).
"""

from __future__ import annotations

from app.ui.text.i18n import QT_TRANSLATE_NOOP

TEMPLATES: tuple[str, ...] = (
    # ---- chats ---------------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "New chat"),
    QT_TRANSLATE_NOOP("Core", "Imported chat"),
    QT_TRANSLATE_NOOP("Core", "hit the token limit"),
    QT_TRANSLATE_NOOP("Core", "stopped: repeating itself"),
    QT_TRANSLATE_NOOP("Core", "ended while thinking: no answer"),
    QT_TRANSLATE_NOOP("Core", "answered early: Answer now"),
    QT_TRANSLATE_NOOP("Core", "reasoning cut: thinking budget reached"),
    QT_TRANSLATE_NOOP("Core", "reasoning cut: it was repeating"),
    QT_TRANSLATE_NOOP("Core", "interrupted"),
    QT_TRANSLATE_NOOP("Core", "stopped"),
    QT_TRANSLATE_NOOP("Core", "error"),
    QT_TRANSLATE_NOOP("Core", "No conversation {id}."),
    QT_TRANSLATE_NOOP("Core", "This file is not an R1 Desk conversation export."),
    QT_TRANSLATE_NOOP("Core", "The export has a message that follows one listed after it."),
    QT_TRANSLATE_NOOP("Core", "The export has a message whose active has the wrong type."),
    QT_TRANSLATE_NOOP("Core", "The export has a message without a valid role."),
    QT_TRANSLATE_NOOP("Core", "The export has a message that cannot be read ({why})."),
    QT_TRANSLATE_NOOP("Core", "The export has a message whose {field} has the wrong type."),
    QT_TRANSLATE_NOOP("Core", "The export has a message whose {field} is out of range ({value})."),
    QT_TRANSLATE_NOOP("Core", "The export has a message whose statistics' {field} is {value}."),
    QT_TRANSLATE_NOOP("Core", "The export has a {field} that is not valid text (a lone surrogate)."),
    QT_TRANSLATE_NOOP("Core", "The export's version should be a whole number, not {value}."),
    QT_TRANSLATE_NOOP(
        "Core", "The export was written by a newer R1 Desk (format {version}); update the app to import it."
    ),
    QT_TRANSLATE_NOOP("Core", "Cannot open the chats database {path}: {why}"),
    QT_TRANSLATE_NOOP("Core", "{path} was written by a newer R1 Desk (schema {version}); update the app."),
    QT_TRANSLATE_NOOP("Core", "The chats database {path} cannot be written: {why}."),
    QT_TRANSLATE_NOOP("Core", "The chats database {path} is damaged ({why}) and could not be set aside ({error})."),
    QT_TRANSLATE_NOOP("Core", "The disk is full: the chats database ({folder}) cannot be written. Free some space."),
    QT_TRANSLATE_NOOP("Core", "Recovered chat"),
    # ---- proposed edits ------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "{path} is not written: {why}."),
    QT_TRANSLATE_NOOP("Core", "its name holds a NUL character"),
    QT_TRANSLATE_NOOP("Core", "it is an absolute path"),
    QT_TRANSLATE_NOOP("Core", "it holds a backslash (paths inside the project are written with /)"),
    QT_TRANSLATE_NOOP("Core", "it names no file"),
    QT_TRANSLATE_NOOP("Core", "it leads out of the project folder (..)"),
    QT_TRANSLATE_NOOP("Core", "it is inside .git, git's own data"),
    QT_TRANSLATE_NOOP("Core", "a link on its way leads out of the project folder"),
    QT_TRANSLATE_NOOP("Core", "{path} cannot be edited: {why}."),
    QT_TRANSLATE_NOOP("Core", "The SEARCH text of edit {n} is not in {path} as it is on disk."),
    QT_TRANSLATE_NOOP("Core", "{path} changed on disk since this diff was made; look at it again."),
    QT_TRANSLATE_NOOP("Core", "{path}: there is no proposed text to write."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{path} changed on disk since it was attached, so the answer was written against text that is no longer "
        "there; attach it again and ask again.",
    ),
    QT_TRANSLATE_NOOP("Core", "Could not write {path}: {why}."),
    QT_TRANSLATE_NOOP("Core", "Could not remove {path}: {why}."),
    QT_TRANSLATE_NOOP("Core", "{path} changed since the edit was applied; it was left as it is."),
    QT_TRANSLATE_NOOP("Core", "over the {n}-file limit of a project listing"),
    QT_TRANSLATE_NOOP(
        "Core",
        'The block for {path} leaves parts of the file out ("{line}"): written, it would delete them. '
        "Ask for the whole file, or for SEARCH/REPLACE edits.",
    ),
    # ---- attachments ---------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "Cannot attach {path}: no such file or folder."),
    QT_TRANSLATE_NOOP("Core", "could not be read ({why})"),
    QT_TRANSLATE_NOOP("Core", "could not be listed ({why})"),
    QT_TRANSLATE_NOOP("Core", "not a regular file"),
    QT_TRANSLATE_NOOP("Core", "too large ({size}; the limit is {limit})"),
    QT_TRANSLATE_NOOP("Core", "binary (it contains NUL bytes)"),
    QT_TRANSLATE_NOOP("Core", "binary or not UTF-8 text"),
    QT_TRANSLATE_NOOP("Core", "version-control data"),
    QT_TRANSLATE_NOOP("Core", "a link to a folder (not followed)"),
    QT_TRANSLATE_NOOP("Core", "ignored by .gitignore"),
    QT_TRANSLATE_NOOP("Core", "its name has a line break"),
    QT_TRANSLATE_NOOP("Core", "over the {n}-file limit of one attachment"),
    QT_TRANSLATE_NOOP("Core", "the attachment already holds {size}, more than any context"),
    QT_TRANSLATE_NOOP("Core", "Cannot attach {path}: {why}."),
    QT_TRANSLATE_NOOP("Core", "permission denied"),
    QT_TRANSLATE_NOOP("Core", "too large (it grew past {limit} while it was read)"),
    QT_TRANSLATE_NOOP("Core", "a link (not followed)"),
    QT_TRANSLATE_NOOP("Core", "a link to a file outside its project (not followed; attach the file itself)"),
    QT_TRANSLATE_NOOP("Core", "line {n} is not a pattern git can read (that rule is not used)"),
    QT_TRANSLATE_NOOP("Core", "{why}: its rules are not used"),
    QT_TRANSLATE_NOOP("Core", "and {n} more in it: {why}"),
    QT_TRANSLATE_NOOP("Core", "and {n} more"),
    QT_TRANSLATE_NOOP("Core", "{n} bytes"),
    # ---- settings ------------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "The context length must be between 256 and 1,048,576 tokens."),
    QT_TRANSLATE_NOOP("Core", "GPU layers must be automatic, -1 (all) or a number of layers."),
    QT_TRANSLATE_NOOP("Core", "Threads must be automatic or between 1 and 512."),
    QT_TRANSLATE_NOOP("Core", "Flash attention is auto, on or off."),
    QT_TRANSLATE_NOOP("Core", "The KV-cache type must be one of {types}."),
    QT_TRANSLATE_NOOP("Core", "The thinking budget must be off or at least 16 tokens."),
    QT_TRANSLATE_NOOP("Core", "The loop guard is on or off."),
    QT_TRANSLATE_NOOP("Core", "The preset must be a preset's name."),
    QT_TRANSLATE_NOOP("Core", "Unknown thinking-pane behaviour."),
    QT_TRANSLATE_NOOP("Core", "The remembered thinking pane is open, closed or not set."),
    QT_TRANSLATE_NOOP("Core", "Forcing the reasoning open is on or off."),
    QT_TRANSLATE_NOOP("Core", "The theme must be system, light or dark."),
    QT_TRANSLATE_NOOP("Core", "The font size must be between 0 (system) and 48."),
    QT_TRANSLATE_NOOP("Core", "The language must be system, en or de."),
    QT_TRANSLATE_NOOP("Core", "The largest file to attach must be between 1 and 100,000 KB."),
    QT_TRANSLATE_NOOP("Core", "The models folder must be a folder's path (or empty for the Hugging Face cache)."),
    QT_TRANSLATE_NOOP("Core", "The chats database must be a file's path (or empty for the default)."),
    QT_TRANSLATE_NOOP("Core", "The last model must be a file's path."),
    QT_TRANSLATE_NOOP("Core", "The local server is on or off."),
    QT_TRANSLATE_NOOP("Core", "The local server's port must be between 1024 and 65535."),
    QT_TRANSLATE_NOOP("Core", "A quantized KV cache (q8_0, q4_0) needs flash attention on."),
    QT_TRANSLATE_NOOP(
        "Core", "Your settings file could not be read ({why}); it was moved to {backup} and the defaults are used."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Your settings file was not a settings object; it was moved to {backup} and the defaults are used."
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Some settings had values that cannot be used ({names}); they were reset to their defaults. "
        "The old file was saved as {backup}.",
    ),
    # ---- presets -------------------------------------------------------------------------------
    QT_TRANSLATE_NOOP(
        "Core",
        "Your presets file was unreadable ({why}); it was saved as {backup} in {folder}, and your own presets "
        "start empty.",
    ),
    QT_TRANSLATE_NOOP("Core", "Your presets file {path} is unreadable ({why}); your own presets are not used."),
    QT_TRANSLATE_NOOP("Core", "it is nested too deeply to be a presets file"),
    QT_TRANSLATE_NOOP("Core", "No preset called '{name}'. Presets: {names}."),
    QT_TRANSLATE_NOOP("Core", "'{name}' is a built-in preset; choose another name."),
    QT_TRANSLATE_NOOP("Core", "You have no preset called '{name}'."),
    QT_TRANSLATE_NOOP("Core", "The conversation has no user message to answer."),
    QT_TRANSLATE_NOOP(
        "Core",
        "R1 models work best without a system prompt, so it was put at the start of the first message instead.",
    ),
    # ---- endpoints and keys --------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "Cannot read {path}: it is nested too deeply to be an endpoints file."),
    QT_TRANSLATE_NOOP("Core", "Give the endpoint a name."),
    QT_TRANSLATE_NOOP("Core", "Unknown server kind {kind} (one of {kinds})."),
    QT_TRANSLATE_NOOP("Core", "Model names cannot be empty."),
    QT_TRANSLATE_NOOP(
        "Core", "The base URL must start with http:// or https:// and name a host, e.g. http://gpu-box:8000/v1."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "Put the API key in the key field, not in the URL: a URL is shown and saved in the clear."
    ),
    QT_TRANSLATE_NOOP("Core", "An endpoint named {name} already exists."),
    QT_TRANSLATE_NOOP("Core", "{file}: each endpoint must be an object."),
    QT_TRANSLATE_NOOP("Core", "{file}: unknown field(s) {fields}."),
    QT_TRANSLATE_NOOP("Core", "{file}: an endpoint needs a 'name' and a 'base_url' (text)."),
    QT_TRANSLATE_NOOP("Core", "{file}: 'models' must be a list of names."),
    QT_TRANSLATE_NOOP("Core", "{file}: two endpoints are named {name}."),
    QT_TRANSLATE_NOOP("Core", "Cannot read {path}: {why}"),
    QT_TRANSLATE_NOOP(
        "Core",
        "No system keyring is available here ({why}), so the key cannot be saved. Set it in the environment "
        "instead: {env}=… before starting R1 Desk (or --api-key-env VAR with the r1desk command).",
    ),
    QT_TRANSLATE_NOOP("Core", "the keyring package is not installed"),
    QT_TRANSLATE_NOOP(
        "Core", "no backend such as GNOME Keyring, KWallet, the macOS Keychain or Windows Credential Manager"
    ),
    QT_TRANSLATE_NOOP("Core", "--api-key-env {var}: the environment variable {var} is not set."),
    # ---- model files ---------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "Model file not found: {path}"),
    QT_TRANSLATE_NOOP("Core", "{path} is a folder, not a model file."),
    QT_TRANSLATE_NOOP("Core", "Cannot read {path}: permission denied."),
    QT_TRANSLATE_NOOP("Core", "Cannot read {path}: {why}."),
    QT_TRANSLATE_NOOP("Core", "{file} is not a GGUF model file (it is only {size} bytes)."),
    QT_TRANSLATE_NOOP("Core", "{file} is not a GGUF model file{hint}."),
    QT_TRANSLATE_NOOP("Core", " (it looks like a web page: the download may have failed)"),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} uses GGUF version {version}; this app reads versions 2 and 3. Download a newer conversion of the model.",
    ),
    QT_TRANSLATE_NOOP("Core", "{file} is damaged or incomplete: {why}."),
    QT_TRANSLATE_NOOP("Core", "the header ends early (the file is truncated)"),
    QT_TRANSLATE_NOOP("Core", "a text field claims {n} bytes"),
    QT_TRANSLATE_NOOP("Core", "an array claims {n} items"),
    QT_TRANSLATE_NOOP("Core", "unknown metadata type {type}"),
    QT_TRANSLATE_NOOP("Core", "the header claims {tensors} tensors and {entries} metadata entries"),
    QT_TRANSLATE_NOOP("Core", "tensor {name} claims {n} dimensions"),
    QT_TRANSLATE_NOOP("Core", "invalid alignment {n}"),
    QT_TRANSLATE_NOOP("Core", "tensor {name} has a shape that does not fit its type"),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} uses tensor type {type} (in {tensor}), which this version of the app does not know. "
        "Update R1 Desk, or use another quantization of the model.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} is incomplete: its tensor data ends {missing} past the end of the file ({size} on disk). "
        "The download was probably interrupted; download it again.",
    ),
    QT_TRANSLATE_NOOP("Core", "{file} already exists."),
    QT_TRANSLATE_NOOP("Core", "Copying needs {need} GB; {free} GB is free."),
    QT_TRANSLATE_NOOP(
        "Core",
        "Model file not found: {spec} is not a file here, and read as a Hugging Face file ({file} from {org}/{name}) it "
        "is not downloaded. To get it: r1desk pull {org}/{name} --file {file}",
    ),
    QT_TRANSLATE_NOOP("Core", "{file} does not say which model architecture it is (general.architecture)."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} uses the model architecture '{arch}', which llama.cpp does not know. R1 Desk runs the DeepSeek-R1 "
        "distills (llama, qwen2 and qwen3 architectures) and other models llama.cpp supports.",
    ),
    QT_TRANSLATE_NOOP("Core", "{file} has no tensors: it holds no model weights (a vocabulary-only file?)."),
    QT_TRANSLATE_NOOP(
        "Core", "{file} is not a usable model: {key} is {value}, more than llama.cpp can hold (at most {max})."
    ),
    QT_TRANSLATE_NOOP("Core", "{file} is not a usable {arch} model: {what}. The file is damaged or was made wrongly."),
    QT_TRANSLATE_NOOP("Core", "Model file not found: {spec} (not a file, and not a catalog id; see `r1desk models`)."),
    QT_TRANSLATE_NOOP("Core", "{model} {quant} is not downloaded yet. Run: r1desk pull {key}"),
    QT_TRANSLATE_NOOP("Core", "'{id}' is not in the catalog. Known models: {ids}."),
    QT_TRANSLATE_NOOP("Core", "{model} has no {quant} file in the catalog; it has {quants}."),
    # ---- loading and running a model -----------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "Could not load on the GPU ({why}); loading on the CPU instead."),
    QT_TRANSLATE_NOOP("Core", "The model process did not start properly ({why})."),
    QT_TRANSLATE_NOOP("Core", "The model process stopped answering while {doing}."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The model process crashed while {doing} ({how}).{said} You can load a model again.",
    ),
    QT_TRANSLATE_NOOP("Core", "loading the model"),
    QT_TRANSLATE_NOOP("Core", "loading {file}"),
    QT_TRANSLATE_NOOP("Core", "rendering the prompt"),
    QT_TRANSLATE_NOOP("Core", "starting"),
    QT_TRANSLATE_NOOP("Core", "generating"),
    QT_TRANSLATE_NOOP("Core", "answering"),
    QT_TRANSLATE_NOOP("Core", "counting tokens"),
    QT_TRANSLATE_NOOP("Core", "waiting for the next request"),
    QT_TRANSLATE_NOOP("Core", "signal {n}"),
    QT_TRANSLATE_NOOP("Core", "exit code {n}"),
    QT_TRANSLATE_NOOP("Core", " llama.cpp said: {line}"),
    QT_TRANSLATE_NOOP("Core", " llama.cpp's last words: {words}."),
    QT_TRANSLATE_NOOP(
        "Core",
        "SIGILL, an illegal instruction: this build of llama.cpp uses CPU instructions this machine cannot run. "
        "Rebuild llama-cpp-python without the host's native flags (see the README, GPU builds)",
    ),
    QT_TRANSLATE_NOOP("Core", "SIGABRT: llama.cpp stopped on a failed internal check"),
    QT_TRANSLATE_NOOP("Core", "SIGBUS: the model file changed or became unreadable while it was in use"),
    QT_TRANSLATE_NOOP("Core", "SIGFPE: an arithmetic fault in llama.cpp"),
    QT_TRANSLATE_NOOP(
        "Core",
        "SIGKILL: it was killed from outside, most often by the system because memory ran out. Try a smaller "
        "model, a shorter context or fewer GPU layers",
    ),
    QT_TRANSLATE_NOOP("Core", "SIGSEGV: a memory fault in llama.cpp or the GPU driver"),
    QT_TRANSLATE_NOOP("Core", "Reading the prompt failed: {why}"),
    QT_TRANSLATE_NOOP(
        "Core",
        "{n} threads: this machine runs {cpus} at a time. More threads than that make llama.cpp many times "
        "slower; use 1 to {cpus}, or leave it unset for the physical cores.",
    ),
    QT_TRANSLATE_NOOP("Core", "A context of {n} tokens is too short to chat."),
    QT_TRANSLATE_NOOP("Core", "Unknown KV-cache type {type} (use f16, q8_0 or q4_0)."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The {kv} KV cache needs flash attention, so flash attention is on for this load "
        "(choose the f16 KV cache to load without it).",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} cannot use the {kv} KV cache (its attention heads hold {n} values, not a multiple of {block}); "
        "it is loaded with the f16 KV cache.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} cannot use the {kv} KV cache (its attention heads do not hold whole blocks of it); choose the "
        "f16 KV cache. llama.cpp said: {said}",
    ),
    QT_TRANSLATE_NOOP("Core", "The model is busy ({doing}); stop it first."),
    QT_TRANSLATE_NOOP("Core", "All {n} slots are answering; try again in a moment."),
    QT_TRANSLATE_NOOP("Core", "No model is loaded."),
    QT_TRANSLATE_NOOP("Core", "The model was closed."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} with a context of {n} tokens needs about {need} GB (model {model} GB + KV cache {kv} GB), but "
        "this machine has {total} GB of memory. Choose a shorter context, the q8_0 KV cache, or a smaller model.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} uses the model architecture '{arch}', which this build of llama.cpp does not support. "
        "Update llama-cpp-python or choose another model.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "Could not create a context of {n} tokens for {file}: not enough memory. Choose a shorter context "
        "length, a KV-cache type of q8_0, or a smaller model.{said}",
    ),
    QT_TRANSLATE_NOOP("Core", "llama.cpp could not load {file}.{said}"),
    QT_TRANSLATE_NOOP("Core", " It said: {text}"),
    QT_TRANSLATE_NOOP("Core", "This model was opened for its vocabulary only."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The conversation is {n} tokens long, more than the context of {context} tokens. Start a new chat, "
        "or load the model with a longer context.",
    ),
    QT_TRANSLATE_NOOP("Core", "Generation failed: {why}"),
    QT_TRANSLATE_NOOP("Core", "{n} requests are already waiting for the model; try again in a moment."),
    QT_TRANSLATE_NOOP("Core", "The request was cancelled while it waited for the model."),
    # ---- remote servers ------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "remote: {host}"),
    QT_TRANSLATE_NOOP("Core", "Other OpenAI-compatible server"),
    QT_TRANSLATE_NOOP("Core", "llama-cpp-python server"),
    QT_TRANSLATE_NOOP("Core", "{host} has no model named {model}; it offers {models}."),
    QT_TRANSLATE_NOOP("Core", "Name one of the models {host} offers: {models}."),
    QT_TRANSLATE_NOOP(
        "Core", "{url} answered 404 (not found): the base URL is wrong (most servers need it to end in /v1)."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "{host} renders the prompt itself, so it cannot be shown here; use a local model for that."
    ),
    QT_TRANSLATE_NOOP("Core", "The remote model is busy answering; stop it first."),
    QT_TRANSLATE_NOOP("Core", "The answer from {host} ended early; what arrived is kept."),
    QT_TRANSLATE_NOOP("Core", "{host} sent an answer in a shape R1 Desk cannot read ({why}); what arrived is kept."),
    QT_TRANSLATE_NOOP(
        "Core", "{host} went on past the {n} tokens asked for; the answer was cut there (what arrived is kept)."
    ),
    QT_TRANSLATE_NOOP("Core", "{host} answered the list of models in a shape R1 Desk cannot read."),
    QT_TRANSLATE_NOOP(
        "Core", "{host} refused the API key (401). Set the endpoint's key in the Endpoints tab, or {env}."
    ),
    QT_TRANSLATE_NOOP("Core", "{host} does not let this API key use {model} (403).{said}"),
    QT_TRANSLATE_NOOP(
        "Core",
        "{host} has no model named {model} (404), or the base URL is wrong (most servers need it to end in "
        "/v1). Test the connection in the Endpoints tab to see what it offers.",
    ),
    QT_TRANSLATE_NOOP("Core", " (it asks to wait {seconds} s)"),
    QT_TRANSLATE_NOOP("Core", "{host} is busy and asked us to slow down (429){after}. Try again later."),
    QT_TRANSLATE_NOOP("Core", "{host} failed with a server error ({status}).{said}"),
    QT_TRANSLATE_NOOP("Core", "{host} refused the request ({status}).{said}"),
    QT_TRANSLATE_NOOP("Core", "{host} stopped sending mid-answer (no data for too long)."),
    QT_TRANSLATE_NOOP("Core", "{host} did not answer in time."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{host} sent no part of the answer within {seconds} s of the request: it may be busy with other "
        "requests, or stuck. The request was stopped.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{host} is this R1 Desk's own local API server: as a remote it would wait for this window's own "
        "answer. Load the model here directly, or point the endpoint at another server.",
    ),
    QT_TRANSLATE_NOOP("Core", "{host} reported an error mid-answer: {text}"),
    QT_TRANSLATE_NOOP("Core", "Talking to {host} failed: {error}: {text}"),
    QT_TRANSLATE_NOOP(
        "Core",
        "The certificate of {host} could not be verified ({why}). R1 Desk checks HTTPS against the system's "
        "trust store; for a private CA, point SSL_CERT_FILE at its certificate.",
    ),
    QT_TRANSLATE_NOOP("Core", "A secure (TLS) connection to {host} failed ({why}); is it an https:// server?"),
    QT_TRANSLATE_NOOP("Core", "The host name in {url} could not be found. Check the URL and your network."),
    QT_TRANSLATE_NOOP("Core", "Nothing answers at {host} (connection refused). Is the server running, on that port?"),
    QT_TRANSLATE_NOOP("Core", "The connection to {host} dropped mid-answer; what arrived is kept."),
    QT_TRANSLATE_NOOP("Core", "Cannot connect to {host}."),
    # ---- this machine and what fits it ---------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "{cpu}, {cores}, {ram}, {gpu}; llama.cpp backend: {backend}"),
    QT_TRANSLATE_NOOP("Core", "{n} cores"),
    QT_TRANSLATE_NOOP("Core", "{n} GiB RAM"),
    QT_TRANSLATE_NOOP("Core", "RAM unknown"),
    QT_TRANSLATE_NOOP("Core", "no usable GPU"),
    QT_TRANSLATE_NOOP("Core", "unknown CPU"),
    QT_TRANSLATE_NOOP("Core", "Apple GPU (unified memory)"),
    QT_TRANSLATE_NOOP("Core", "Free now: RAM {ram}."),
    QT_TRANSLATE_NOOP("Core", "Free now: RAM {ram}, {gpus} (GPU memory from {source})."),
    QT_TRANSLATE_NOOP("Core", "Apple's unified-memory rule"),
    QT_TRANSLATE_NOOP("Core", "unknown"),
    QT_TRANSLATE_NOOP("Core", "fits on GPU"),
    QT_TRANSLATE_NOOP("Core", "partial offload"),
    QT_TRANSLATE_NOOP("Core", "CPU only"),
    QT_TRANSLATE_NOOP("Core", "too large"),
    QT_TRANSLATE_NOOP("Core", "partial offload: {gpu_layers} of {layers} layers"),
    QT_TRANSLATE_NOOP(
        "Core", "needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}); {gpu} has {free} free"
    ),
    QT_TRANSLATE_NOOP(
        "Core", "needs {total}; {n} of {layers} layers fit in {gpu}'s {free} free, the rest ({rest}) runs from RAM"
    ),
    QT_TRANSLATE_NOOP("Core", "needs {total} of the {free} of unified memory Metal can use"),
    QT_TRANSLATE_NOOP(
        "Core",
        "needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}) of the {ram} of RAM a model can use here",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "needs {total} (weights {weights} + KV cache {kv} at {context}K context), more than this machine's {ram} usable RAM{gpu}",
    ),
    QT_TRANSLATE_NOOP("Core", " and {gpu}'s {free}"),
    QT_TRANSLATE_NOOP("Core", "about {n} tokens/s"),
    QT_TRANSLATE_NOOP(
        "Core", "The largest distill that runs at a usable speed here ({fit}, {speed}, {context}K context of thinking)."
    ),
    # ---- downloads -----------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "'{text}' is not a Hugging Face repository id (expected org/name or a URL)."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{what}: the repository is gated or private. Accept its terms on huggingface.co, then set HF_TOKEN "
        "(or run `hf auth login`) and try again.",
    ),
    QT_TRANSLATE_NOOP("Core", "{what}: no such repository (or it is private). Check the name."),
    QT_TRANSLATE_NOOP("Core", "{what}: the repository has no such file."),
    QT_TRANSLATE_NOOP("Core", "{what}: no such revision."),
    QT_TRANSLATE_NOOP("Core", "{what}: offline mode is on (HF_HUB_OFFLINE)."),
    QT_TRANSLATE_NOOP("Core", "{what}: Hugging Face answered with an error (HTTP {code}). Try again later."),
    QT_TRANSLATE_NOOP("Core", "{what}: HTTP {code}."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{what}: cannot reach {endpoint} ({error}). Check your connection; a later pull resumes where this one stopped.",
    ),
    QT_TRANSLATE_NOOP(
        "Core", "{what}: R1 Desk is offline (HF_HUB_OFFLINE is set). Models already downloaded still work."
    ),
    QT_TRANSLATE_NOOP(
        "Core", "{repo} has no GGUF files. R1 Desk runs GGUF models; look for a repository whose name ends in -GGUF."
    ),
    QT_TRANSLATE_NOOP("Core", "{repo}/{file}: the server's answer lacks the commit or checksum headers."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The download needs {need}, plus {margin} kept free for everything else, but only {free} is free at "
        "{folder}. Free some space, or choose another models folder in the settings.",
    ),
    QT_TRANSLATE_NOOP("Core", "Download cancelled; it will resume from here."),
    QT_TRANSLATE_NOOP("Core", "{file}: cannot write {part}: {why}."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The models folder {folder} cannot be used: {path} is a file, not a folder. Check HF_HOME and HF_HUB_CACHE "
        "(or the models folder in the settings).",
    ),
    QT_TRANSLATE_NOOP("Core", "Download cancelled at {done} of {total} MB; the next pull resumes from there."),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file}: the connection keeps failing ({error}); {done} of {total} MB are saved and the next pull "
        "resumes from there.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{file} failed its checksum (sha256 {got}…, expected {expected}…; {done} of {total} bytes): the "
        "download was corrupted. It was deleted; pull it again.",
    ),
    QT_TRANSLATE_NOOP(
        "Core",
        "{url}: access denied (HTTP {code}). The repository is gated or private: accept its terms on "
        "huggingface.co and set HF_TOKEN.",
    ),
    QT_TRANSLATE_NOOP("Core", "{url}: not found (HTTP 404)."),
    # ---- the local API server ------------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "Loading {model} for an API request…"),
    # ---- model checks (MATH-500) ----------------------------------------------------------------
    QT_TRANSLATE_NOOP("Core", "No model is loaded to check."),
    QT_TRANSLATE_NOOP("Core", "The problems shipped with R1 Desk ({path}) cannot be read: {why}. Reinstall R1 Desk."),
    QT_TRANSLATE_NOOP("Core", "No suite called '{name}'. Suites: {names}."),
    QT_TRANSLATE_NOOP(
        "Core",
        "The check's result could not be saved to {path} ({why}); the samples saved before it are kept.",
    ),
    QT_TRANSLATE_NOOP("Core", "The earlier results {path} could not be set aside ({why})."),
)

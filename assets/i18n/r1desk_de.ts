<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>The model process has not started yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with GPU offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama.cpp {llama_cpp} through llama-cpp-python {version}&lt;br&gt;Backend: {backend} ({offload})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DeepSeek-R1 reasoning models on your own computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your chats and settings: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About R1 Desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddFromHub</name>
    <message>
        <source>Add from Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository id or URL (org/name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list that repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF files in {repo}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Answer</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssistantMessageWidget</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write another answer to the same message (this one is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tokens} tokens · {speed} tok/s · first token {ttft} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;think&gt; forced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer finished: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer ended without text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Competition-style math on almost any machine; weak at code and general chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT (base model: Apache-2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong math for its size; fits an 8 GB GPU at Q4_K_M.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balanced math and code with Llama&apos;s broader general knowledge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT (base model: Llama 3.1 Community License)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest 8B distill (May 2025): much stronger math than the first 8B distills; thinks longer (up to 64K tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the model card, not the R1 paper; its LiveCodeBench uses a later window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweet spot for desktop coding: LiveCodeBench 53.1, above DeepSeek-V3&apos;s 42.2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best of the Qwen distills; needs a 24 GB GPU or a lot of RAM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest distill: the best GPQA and MATH-500 scores; workstation class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT (base model: Llama 3.3 Community License)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>This server decides whether the model thinks: Deep Thinking off cannot be passed to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server cannot turn a reasoning into an answer midway: Answer now stopped it instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Stop the answer first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model first: {choose} or {open}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your message… {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no answer to copy yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the answer to finish first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no answer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last answer has no reasoning to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatDeletion</name>
    <message>
        <source>Stop the answer before deleting this chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a chat to delete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatFiles</name>
    <message>
        <source>chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R1 Desk chats (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a chat to export it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your messages and the model&apos;s answers; Tab moves through each answer&apos;s buttons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>&amp;New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chat as &amp;Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chat as &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import chat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy last answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the &amp;message box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the c&amp;onversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Collapse when the answer starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always &amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always c&amp;losed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As I last &amp;left it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the last &amp;reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;generate the last answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About R1 Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask anything — Enter to send, Shift+Enter for a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends; Shift+Enter starts a new line; Tab moves on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message: sending adds a new version of it; the old one and its answers are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: the model reasons before answering. Off: it answers directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking budget: close the reasoning after this many tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solve once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solve × </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solve k times: sample k answers one after another and show the majority of their boxed answers (the R1 paper&apos;s cons@k; the Math preset asks for a boxed answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solve k times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop thinking and write the answer ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New chat ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search chats ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search titles, messages, answers and reasoning ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Titles, messages, answers and reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the chat; F2 renames it; Delete deletes it (Undo is offered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chats match “{query}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hit the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: repeating itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is not an R1 Desk conversation export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export has a message that follows one listed after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export has a message whose active has the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export has a message without a valid role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export has a message that cannot be read ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export has a message whose {field} has the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the chats database {path}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was written by a newer R1 Desk (schema {version}); update the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context length must be between 256 and 1,048,576 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU layers must be automatic, -1 (all) or a number of layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads must be automatic or between 1 and 512.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash attention is on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The KV-cache type must be one of {types}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thinking budget must be off or at least 16 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loop guard is on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preset must be a preset&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown thinking-pane behaviour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remembered thinking pane is open, closed or not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forcing the reasoning open is on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The theme must be system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The font size must be between 0 (system) and 48.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language must be system, en or de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The models folder must be a folder&apos;s path (or empty for the Hugging Face cache).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chats database must be a file&apos;s path (or empty for the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last model must be a file&apos;s path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local server is on or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local server&apos;s port must be between 1024 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quantized KV cache (q8_0, q4_0) needs flash attention on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file could not be read ({why}); it was moved to {backup} and the defaults are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file was not a settings object; it was moved to {backup} and the defaults are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some settings had values that cannot be used ({names}); they were reset to their defaults. The old file was saved as {backup}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your presets file was invalid ({why}); it was moved to {backup}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset called &apos;{name}&apos;. Presets: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a built-in preset; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have no preset called &apos;{name}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation has no user message to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R1 models work best without a system prompt, so it was put at the start of the first message instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown server kind {kind} (one of {kinds}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model names cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https:// and name a host, e.g. http://gpu-box:8000/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the API key in the key field, not in the URL: a URL is shown and saved in the clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An endpoint named {name} already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: each endpoint must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: unknown field(s) {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: an endpoint needs a &apos;name&apos; and a &apos;base_url&apos; (text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: &apos;models&apos; must be a list of names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: two endpoints are named {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available here ({why}), so the key cannot be saved. Set it in the environment instead: {env}=… before starting R1 Desk (or --api-key-env VAR with the r1desk command).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keyring package is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no backend such as GNOME Keyring, KWallet, the macOS Keychain or Windows Credential Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--api-key-env {var}: the environment variable {var} is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model file not found: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: permission denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a GGUF model file (it is only {size} bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a GGUF model file{hint}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (it looks like a web page: the download may have failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} uses GGUF version {version}; this app reads versions 2 and 3. Download a newer conversion of the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete: {why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header ends early (the file is truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a text field claims {n} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array claims {n} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown metadata type {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header claims {tensors} tensors and {entries} metadata entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tensor {name} claims {n} dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid alignment {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tensor {name} has a shape that does not fit its type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} uses tensor type {type} (in {tensor}), which this version of the app does not know. Update R1 Desk, or use another quantization of the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is incomplete: its tensor data ends {missing} past the end of the file ({size} on disk). The download was probably interrupted; download it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying needs {need} GB; {free} GB is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} from {org}/{repo} is not downloaded. Run: r1desk pull {org}/{repo} --file {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model file not found: {spec} (not a file, and not a catalog id; see `r1desk models`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} {quant} is not downloaded yet. Run: r1desk pull {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is not in the catalog. Known models: {ids}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} has no {quant} file in the catalog; it has {quants}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load on the GPU ({why}); loading on the CPU instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model process did not start properly ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model process stopped answering while {doing}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model process crashed while {doing} ({how}).{said} This is usually too little memory or a GPU driver fault; try a smaller model, a shorter context or fewer GPU layers. You can load a model again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rendering the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signal {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> llama.cpp said: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A context of {n} tokens is too short to chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown KV-cache type {type} (use f16, q8_0 or q4_0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is busy ({doing}); stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} with a context of {n} tokens needs about {need} GB (model {model} GB + KV cache {kv} GB), but this machine has {total} GB of memory. Choose a shorter context, the q8_0 KV cache, or a smaller model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} uses the model architecture &apos;{arch}&apos;, which this build of llama.cpp does not support. Update llama-cpp-python or choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a context of {n} tokens for {file}: not enough memory. Choose a shorter context length, a KV-cache type of q8_0, or a smaller model.{said}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama.cpp could not load {file}.{said}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It said: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model was opened for its vocabulary only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation is {n} tokens long, more than the context of {context} tokens. Start a new chat, or load the model with a longer context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation failed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} requests are already waiting for the model; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled while it waited for the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote: {host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other OpenAI-compatible server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llama-cpp-python server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} has no model named {model}; it offers {models}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} renders the prompt itself, so it cannot be shown here; use a local model for that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remote model is busy answering; stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer from {host} ended early; what arrived is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} refused the API key (401). Set the endpoint&apos;s key in the Endpoints tab, or {env}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} does not let this API key use {model} (403).{said}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} has no model named {model} (404), or the base URL is wrong (most servers need it to end in /v1). Test the connection in the Endpoints tab to see what it offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (it asks to wait {seconds} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} is busy and asked us to slow down (429){after}. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} failed with a server error ({status}).{said}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} refused the request ({status}).{said}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} stopped sending mid-answer (no data for too long).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{host} reported an error mid-answer: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking to {host} failed: {error}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({why}). R1 Desk checks HTTPS against the system&apos;s trust store; for a private CA, point SSL_CERT_FILE at its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secure (TLS) connection to {host} failed ({why}); is it an https:// server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name in {url} could not be found. Check the URL and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing answers at {host} (connection refused). Is the server running, on that port?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to {host} dropped mid-answer; what arrived is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to {host}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cpu}, {cores}, {ram}{gpu}; llama.cpp backend: {backend}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} GiB RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAM unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {gpu} ({n} GiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, no usable GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple GPU (unified memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fits on GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial offload: {gpu_layers} of {layers} layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}); {gpu} has {free} free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {total}; {n} of {layers} layers fit in {gpu}&apos;s {free} free, the rest ({rest}) runs from RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {total} of the {free} of unified memory Metal can use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}) of the {ram} of RAM a model can use here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} at {context}K context), more than this machine&apos;s {ram} usable RAM{gpu}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and {gpu}&apos;s {free}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {n} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest distill that runs at a usable speed here ({fit}, {speed}, {context}K context of thinking).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a Hugging Face repository id (expected org/name or a URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: the repository is gated or private. Accept its terms on huggingface.co, then set HF_TOKEN (or run `hf auth login`) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: no such repository (or it is private). Check the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: the repository has no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: no such revision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: offline mode is on (HF_HUB_OFFLINE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: Hugging Face answered with an error (HTTP {code}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: HTTP {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: cannot reach {endpoint} ({error}). Check your connection; a later pull resumes where this one stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: R1 Desk is offline (HF_HUB_OFFLINE is set). Models already downloaded still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo} has no GGUF files. R1 Desk runs GGUF models; look for a repository whose name ends in -GGUF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repo}/{file}: the server&apos;s answer lacks the commit or checksum headers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download needs {need} GB, but only {free} GB is free at {folder}. Free some space, or choose another models folder in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download cancelled; it will resume from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download cancelled at {done} of {total} MB; the next pull resumes from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: the connection keeps failing ({error}); {done} of {total} MB are saved and the next pull resumes from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} failed its checksum (sha256 {got}…, expected {expected}…; {done} of {total} bytes): the download was corrupted. It was deleted; pull it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url}: access denied (HTTP {code}). The repository is gated or private: accept its terms on huggingface.co and set HF_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url}: not found (HTTP 404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {model} for an API request…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Downloading {names}: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {names}: {percent}% · {speed} MB/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadStatus</name>
    <message>
        <source>{name} downloaded and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download of {name} failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Nothing was downloaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kept} of {total} is on disk; the download resumes from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kept} is on disk; the download resumes from there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Download and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model picker ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model file on this computer ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DeepSeek-R1 model runs on this computer. Ask it something hard: it thinks first, and you can watch its reasoning in the Thinking pane. Nothing leaves your machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded yet: {choose}, or {open}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline: downloading needs a connection to Hugging Face. Models already on this computer still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The best fit for this machine: {model}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download did not finish. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is on this computer yet. Open a GGUF file you already have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R1 Desk runs DeepSeek-R1 reasoning models privately on your computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointsTab</name>
    <message>
        <source>A key is stored in the system keyring (type a new one to replace it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stored key: R1DESK_API_KEY from the environment is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key: fine for servers that need none (llama-server, vLLM and Ollama by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model names, comma-separated (Test connection fills this in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key (kept in the system keyring, never shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keyring; a stored key is never shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a server: its base URL, then Test connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http:// to another machine: the API key and your chats cross the network unencrypted. Use https:// (or an SSH tunnel) outside a trusted network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}. Its models are in the Models tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {name} and its stored key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to {host}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(it lists no models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected in {ms} ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It looks like {server}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Downloading {model}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer; while editing a message, cancel the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move through the chat list, then open the chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the chat list: delete the chat (Undo is offered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move between controls (in the conversation: between each answer&apos;s buttons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press the focused button; open or close a focused thinking pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a dialog with tabs: the next tab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>The language changes when R1 Desk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalServer</name>
    <message>
        <source>The local server could not start: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n answer(s) were interrupted when the app last closed; they are marked.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer before reloading the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the answer before changing the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the model?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These changes take effect when the model is loaded again. Reload it now?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemoryBar</name>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory needed compared with this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights {weights} + KV cache {kv} + buffers {buffers} = {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs {size}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking &amp;pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>{model} on {host}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>8K context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>32K context (R1&apos;s thinking)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>native (128K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under 5 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under 10 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>under 20 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline: downloading needs a connection to Hugging Face. Models on this computer still load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length for the memory estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the files that are too large for this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest download size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models and their quantizations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys move through the list; Right opens a group; Enter loads an installed file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the selected model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from Hugging Face…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local models or remote servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended for this machine: {model} ({size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model in the catalog runs at a usable speed here; the smallest ones still work, slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a quantization on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usable RAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading needs a connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too large for this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} {detail}: it will not run on this machine. Download {size} anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {model} from this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download failed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading {file} from {repo}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <source>{model} loaded in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{message}

{model} is still loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Picker</name>
    <message>
        <source>({n} parts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{verdict}: {detail}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {speed} tokens/s (estimate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} of {total} · {speed} MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial: {gpu}/{layers} layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this computer ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be read as a GGUF model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded from {repo} (the Hugging Face cache).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened from disk; Remove only takes it off this list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {file} ({size}) from this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take {file} off the list? The file itself stays where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(remote)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote: {host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on {url}, not on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no models: Test connection in the Endpoints tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep Thinking off is passed to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server decides whether the model thinks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer now continues with an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer now stops the reasoning (the server cannot continue it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS, certificate checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP: not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on {host} ({kind}), not on this machine: memory and speed are the server&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>The DeepSeek-R1 paper&apos;s settings: temperature 0.6, top-p 0.95, nothing else, up to 32,768 new tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper&apos;s settings plus the model card&apos;s math directive, so the final answer is boxed. The directive stays in English whatever the window&apos;s language: it is the sentence the models were trained with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper&apos;s settings (as used for LiveCodeBench), asking for the complete program in one code block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The low end of the model cards&apos; range: steadier, less varied reasoning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The high end of the model cards&apos; range: more varied ideas, for brainstorming and sampling several answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasoningView</name>
    <message>
        <source>The model&apos;s reasoning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Majority answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Solved %n time(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Solving %n time(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{number}. writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no boxed answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Majority: no sample gave a boxed answer ({done} of {planned} samples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Majority: {answer} ({votes} of {done} votes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerIndicator</name>
    <message>
        <source>Local API server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Continue config (config.yaml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy aider command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy curl command (streams the reasoning)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local server settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue config copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aider command copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curl command copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(key required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API request running · your answer is queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API request running · {n} queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API request running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n API request(s) queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>OpenAI-compatible API at {url}
Click for the URL and ready-to-paste configurations.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerTab</name>
    <message>
        <source>Serve the loaded model to editors and scripts on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: any program on this computer may connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local server on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An OpenAI-compatible API (Continue, Cline, aider, Open WebUI, scripts) on {host} only: other computers cannot reach it. The window and the API share the loaded model and take turns: one answer at a time. The key is stored apart from the settings file; the environment variable {env} overrides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Collapse when the answer starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always collapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As I last left it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded; this length is used for the next one (at most the model&apos;s own).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force now: {n} tokens, as set here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force now: {n} tokens, the most {model} was trained for (the {set} set here is more than it can use).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In force now: {n} tokens, as the model was loaded; this setting applies after a reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic (all that fit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic (physical cores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash attention (less memory at long contexts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reasoning that repeats itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make R1 models think: start the answer with &lt;think&gt; when the model file does not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KV-cache type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R1 thinks long: 32K tokens of context is what the paper used. Changes here reload the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to every message, in English: the models were trained with these words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appended instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper&apos;s presets are read-only; change the name to save a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as my preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system ({size} pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text size of the whole window; View ▸ Font size changes it too ({larger}, {smaller})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when R1 Desk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Hugging Face cache (shared with other tools)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chats database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check these settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every key the window knows, and what it does</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>R1 Desk cannot open its chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the model picker ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs on {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(GPU offload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context {used} / {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens of this chat the model reads for its next answer, of the context it was loaded with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed} tok/s · {tokens} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{speed} tok/s · first token {ttft} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>Thinking pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning tokens against the budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking unfinished · {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought for {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Open. Press Space to hide the reasoning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed. Press Space to show the reasoning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking pane: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tokens} / {budget} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{size} GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserMessageWidget</name>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this message and send it again (this version is kept)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserText</name>
    <message>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VersionSwitch</name>
    <message>
        <source>Show the previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {index} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

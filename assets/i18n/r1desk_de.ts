<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>The model process has not started yet.</source>
        <translation>Der Modellprozess ist noch nicht gestartet.</translation>
    </message>
    <message>
        <source>with GPU offload</source>
        <translation>mit GPU-Auslagerung</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>llama.cpp {llama_cpp} through llama-cpp-python {version}&lt;br&gt;Backend: {backend} ({offload})</source>
        <translation>llama.cpp {llama_cpp} über llama-cpp-python {version}&lt;br&gt;Backend: {backend} ({offload})</translation>
    </message>
    <message>
        <source>version unknown</source>
        <translation>Version unbekannt</translation>
    </message>
    <message>
        <source>DeepSeek-R1 reasoning models on your own computer.</source>
        <translation>DeepSeek-R1-Denkmodelle auf Ihrem eigenen Computer.</translation>
    </message>
    <message>
        <source>Your chats and settings: {folder}</source>
        <translation>Ihre Chats und Einstellungen: {folder}</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About R1 Desk</source>
        <translation>Über R1 Desk</translation>
    </message>
</context>
<context>
    <name>AddFromHub</name>
    <message>
        <source>Add from Hugging Face</source>
        <translation>Von Hugging Face hinzufügen</translation>
    </message>
    <message>
        <source>Repository id or URL (org/name):</source>
        <translation>Repository-ID oder URL (org/name):</translation>
    </message>
    <message>
        <source>Cannot list that repository</source>
        <translation>Dieses Repository lässt sich nicht auflisten</translation>
    </message>
    <message>
        <source>{n} parts</source>
        <translation>{n} Teile</translation>
    </message>
    <message>
        <source>GGUF files in {repo}</source>
        <translation>GGUF-Dateien in {repo}</translation>
    </message>
    <message>
        <source>Download:</source>
        <translation>Herunterladen:</translation>
    </message>
</context>
<context>
    <name>Answer</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <source>Insert into composer</source>
        <translation>Ins Nachrichtenfeld einfügen</translation>
    </message>
    <message>
        <source>Final answer</source>
        <translation>Endgültige Antwort</translation>
    </message>
    <message>
        <source>Shown as written: this formula has {value} characters, more than the {limit} that are typeset.</source>
        <translation>Wie geschrieben gezeigt: Diese Formel hat {value} Zeichen, mehr als die {limit}, die gesetzt werden.</translation>
    </message>
    <message>
        <source>Shown as written: this formula nests {value} levels deep, more than the {limit} that are typeset.</source>
        <translation>Wie geschrieben gezeigt: Diese Formel ist {value} Ebenen tief verschachtelt, mehr als die {limit}, die gesetzt werden.</translation>
    </message>
    <message>
        <source>Shown as written: typesetting this formula took longer than {limit} s.</source>
        <translation>Wie geschrieben gezeigt: Das Setzen dieser Formel dauerte länger als {limit} s.</translation>
    </message>
    <message>
        <source>Shown as written: this formula&apos;s image would be too large to draw.</source>
        <translation>Wie geschrieben gezeigt: Das Bild dieser Formel wäre zu groß zum Zeichnen.</translation>
    </message>
    <message>
        <source>Shown as written: the typesetter does not know {command}.</source>
        <translation>Wie geschrieben gezeigt: Der Formelsatz kennt {command} nicht.</translation>
    </message>
    <message>
        <source>Shown as written: the typesetter cannot read this formula.</source>
        <translation>Wie geschrieben gezeigt: Der Formelsatz kann diese Formel nicht lesen.</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>AssistantMessageWidget</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the answer</source>
        <translation>Die Antwort kopieren</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Write another answer to the same message (this one is kept)</source>
        <translation>Eine weitere Antwort auf dieselbe Nachricht schreiben (diese bleibt erhalten)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete this answer</source>
        <translation>Diese Antwort löschen</translation>
    </message>
    <message>
        <source>Use the reasoning&apos;s last line</source>
        <translation>Letzte Zeile des Denkens übernehmen</translation>
    </message>
    <message>
        <source>The model stopped before it answered: take the last line of its reasoning as the answer</source>
        <translation>Das Modell hat aufgehört, bevor es geantwortet hat: die letzte Zeile seines Denkprozesses als Antwort übernehmen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>{tokens} tokens · {speed} tok/s · first token {ttft} s</source>
        <translation>{tokens} Token · {speed} Tok./s · erstes Token nach {ttft} s</translation>
    </message>
    <message>
        <source>&lt;think&gt; forced</source>
        <translation>&lt;think&gt; erzwungen</translation>
    </message>
    <message>
        <source>Answer finished: {answer}</source>
        <translation>Antwort fertig: {answer}</translation>
    </message>
    <message>
        <source>The answer ended without text.</source>
        <translation>Die Antwort endete ohne Text.</translation>
    </message>
</context>
<context>
    <name>Attach</name>
    <message>
        <source>Cannot attach {path}: {why}.</source>
        <translation>{path} lässt sich nicht anhängen: {why}.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %Ln more</source>
        <translation>
            <numerusform>; und %Ln weitere</numerusform>
            <numerusform>; und %Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %Ln: {files}.</source>
        <translation>
            <numerusform>%Ln ausgelassen: {files}.</numerusform>
            <numerusform>%Ln ausgelassen: {files}.</numerusform>
        </translation>
    </message>
    <message>
        <source>earlier turns {history}, attachments {attachments}, your message {words}</source>
        <translation>frühere Runden {history}, Anhänge {attachments}, Ihre Nachricht {words}</translation>
    </message>
    <message>
        <source>attachments {attachments}, your message {words}</source>
        <translation>Anhänge {attachments}, Ihre Nachricht {words}</translation>
    </message>
    <message>
        <source>chat template {n}</source>
        <translation>Chat-Vorlage {n}</translation>
    </message>
    <message numerus="yes">
        <source>Prompt: %Ln token(s) of the {context}-token context</source>
        <translation>
            <numerusform>Prompt: %Ln Token vom Kontext mit {context} Token</numerusform>
            <numerusform>Prompt: %Ln Token vom Kontext mit {context} Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Prompt: %Ln token(s) (the server does not say its context)</source>
        <translation>
            <numerusform>Prompt: %Ln Token (der Server nennt seinen Kontext nicht)</numerusform>
            <numerusform>Prompt: %Ln Token (der Server nennt seinen Kontext nicht)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reasoning reserve: %Ln token(s) (the thinking budget)</source>
        <translation>
            <numerusform>Reserve zum Nachdenken: %Ln Token (das Denkbudget)</numerusform>
            <numerusform>Reserve zum Nachdenken: %Ln Token (das Denkbudget)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reasoning reserve: %Ln token(s) (up to {max} new tokens, capped by what is left)</source>
        <translation>
            <numerusform>Reserve zum Nachdenken: %Ln Token (bis zu {max} neue Token, begrenzt durch den Rest)</numerusform>
            <numerusform>Reserve zum Nachdenken: %Ln Token (bis zu {max} neue Token, begrenzt durch den Rest)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Free after both: %Ln token(s)</source>
        <translation>
            <numerusform>Danach frei: %Ln Token</numerusform>
            <numerusform>Danach frei: %Ln Token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Does not fit: a reply needs at least %Ln token(s), {left} are left</source>
        <translation>
            <numerusform>Passt nicht: Eine Antwort braucht mindestens %Ln Token, übrig sind {left}</numerusform>
            <numerusform>Passt nicht: Eine Antwort braucht mindestens %Ln Token, übrig sind {left}</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated from the text&apos;s length (the server counts with its own tokenizer).</source>
        <translation>Aus der Textlänge geschätzt (der Server zählt mit seinem eigenen Tokenizer).</translation>
    </message>
    <message>
        <source>Counted with the model&apos;s tokenizer.</source>
        <translation>Mit dem Tokenizer des Modells gezählt.</translation>
    </message>
    <message>
        <source>This message does not fit: the prompt is {prompt} tokens ({parts}), more than the model&apos;s context of {context}.</source>
        <translation>Diese Nachricht passt nicht: Der Prompt hat {prompt} Token ({parts}), mehr als der Kontext des Modells von {context}.</translation>
    </message>
    <message>
        <source>This message does not fit: the prompt is {prompt} tokens ({parts}) and the thinking budget needs at least {needed} more, but the model&apos;s context holds {context}.</source>
        <translation>Diese Nachricht passt nicht: Der Prompt hat {prompt} Token ({parts}) und das Denkbudget braucht mindestens {needed} weitere, aber der Kontext des Modells fasst {context}.</translation>
    </message>
    <message>
        <source>This message does not fit: the prompt is {prompt} tokens ({parts}) and a reply needs at least {needed} more, but the model&apos;s context holds {context}.</source>
        <translation>Diese Nachricht passt nicht: Der Prompt hat {prompt} Token ({parts}) und eine Antwort braucht mindestens {needed} weitere, aber der Kontext des Modells fasst {context}.</translation>
    </message>
    <message numerus="yes">
        <source>Leave out the oldest %Ln turn(s) and send</source>
        <translation>
            <numerusform>Ohne die %Ln älteste Runde senden</numerusform>
            <numerusform>Ohne die %Ln ältesten Runden senden</numerusform>
        </translation>
    </message>
    <message>
        <source>They stay in the chat, but the model no longer reads them.</source>
        <translation>Sie bleiben im Chat, aber das Modell liest sie nicht mehr.</translation>
    </message>
    <message>
        <source>Send without the attachments</source>
        <translation>Ohne Anhänge senden</translation>
    </message>
    <message numerus="yes">
        <source>They take %Ln token(s).</source>
        <translation>
            <numerusform>Sie belegen %Ln Token.</numerusform>
            <numerusform>Sie belegen %Ln Token.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the attachments</source>
        <translation>Anhänge entfernen</translation>
    </message>
    <message numerus="yes">
        <source>They take %Ln token(s); without them it still does not fit.</source>
        <translation>
            <numerusform>Sie belegen %Ln Token; auch ohne sie passt es nicht.</numerusform>
            <numerusform>Sie belegen %Ln Token; auch ohne sie passt es nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reload with a {size}-token context</source>
        <translation>Mit {size} Token Kontext neu laden</translation>
    </message>
    <message>
        <source>Memory: {detail}.</source>
        <translation>Speicher: {detail}.</translation>
    </message>
    <message>
        <source>A {size}-token context {detail}.</source>
        <translation>Ein Kontext mit {size} Token {detail}.</translation>
    </message>
    <message>
        <source>The reply may be cut off when the context is full.</source>
        <translation>Die Antwort kann abbrechen, wenn der Kontext voll ist.</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Trotzdem senden</translation>
    </message>
    <message numerus="yes">
        <source>Leave out {file} (%Ln token(s))</source>
        <translation>
            <numerusform>{file} weglassen (%Ln Token)</numerusform>
            <numerusform>{file} weglassen (%Ln Token)</numerusform>
        </translation>
    </message>
    <message>
        <source>Then it fits.</source>
        <translation>Dann passt sie.</translation>
    </message>
    <message>
        <source>Alone, that is not enough.</source>
        <translation>Das allein reicht nicht.</translation>
    </message>
    <message numerus="yes">
        <source>Leaving out the %Ln largest file(s) makes it fit.</source>
        <translation>
            <numerusform>Ohne die %Ln größte Datei passt sie.</numerusform>
            <numerusform>Ohne die %Ln größten Dateien passt sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Leaving out {file} makes it fit.</source>
        <translation>Ohne {file} passt sie.</translation>
    </message>
    <message numerus="yes">
        <source>Even without its %Ln largest file(s) it does not fit.</source>
        <translation>
            <numerusform>Selbst ohne ihre %Ln größte Datei passt sie nicht.</numerusform>
            <numerusform>Selbst ohne ihre %Ln größten Dateien passt sie nicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln item(s) to attach…</source>
        <translation>
            <numerusform>Lese %Ln Element zum Anhängen …</numerusform>
            <numerusform>Lese %Ln Elemente zum Anhängen …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached %Ln file(s).</source>
        <translation>
            <numerusform>%Ln Datei angehängt.</numerusform>
            <numerusform>%Ln Dateien angehängt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The oldest %Ln turn(s) stay in the chat but are no longer sent.</source>
        <translation>
            <numerusform>Die %Ln älteste Runde bleibt im Chat, wird aber nicht mehr gesendet.</numerusform>
            <numerusform>Die %Ln ältesten Runden bleiben im Chat, werden aber nicht mehr gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reloading with a {size}-token context; your message waits in the composer.</source>
        <translation>Lade neu mit {size} Token Kontext; Ihre Nachricht wartet im Nachrichtenfeld.</translation>
    </message>
</context>
<context>
    <name>AttachController</name>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Attach a folder</source>
        <translation>Einen Ordner anhängen</translation>
    </message>
    <message>
        <source>skipped {file}</source>
        <translation>ausgelassen: {file}</translation>
    </message>
</context>
<context>
    <name>AttachmentBar</name>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>Ausgelassene Dateien</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Remove {name}</source>
        <translation>{name} entfernen</translation>
    </message>
    <message>
        <source>Attached {name}, {detail}</source>
        <translation>Angehängt: {name}, {detail}</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Competition-style math on almost any machine; weak at code and general chat.</source>
        <translation>Wettbewerbsmathematik auf fast jedem Rechner; schwach bei Code und allgemeinem Chat.</translation>
    </message>
    <message>
        <source>MIT (base model: Apache-2.0)</source>
        <translation>MIT (Basismodell: Apache-2.0)</translation>
    </message>
    <message>
        <source>Strong math for its size; fits an 8 GB GPU at Q4_K_M.</source>
        <translation>Starke Mathematik für seine Größe; passt als Q4_K_M auf eine 8-GB-GPU.</translation>
    </message>
    <message>
        <source>Balanced math and code with Llama&apos;s broader general knowledge.</source>
        <translation>Ausgewogen bei Mathematik und Code, mit dem breiteren Allgemeinwissen von Llama.</translation>
    </message>
    <message>
        <source>MIT (base model: Llama 3.1 Community License)</source>
        <translation>MIT (Basismodell: Llama 3.1 Community License)</translation>
    </message>
    <message>
        <source>The newest 8B distill (May 2025): much stronger math than the first 8B distills; thinks longer (up to 64K tokens).</source>
        <translation>Das neueste 8B-Destillat (Mai 2025): viel stärker in Mathematik als die ersten 8B-Destillate; denkt länger (bis zu 64K Token).</translation>
    </message>
    <message>
        <source>From the model card, not the R1 paper; its LiveCodeBench uses a later window.</source>
        <translation>Aus der Modellkarte, nicht aus dem R1-Paper; sein LiveCodeBench nutzt einen späteren Zeitraum.</translation>
    </message>
    <message>
        <source>MIT</source>
        <translation>MIT</translation>
    </message>
    <message>
        <source>The sweet spot for desktop coding: LiveCodeBench 53.1, above DeepSeek-V3&apos;s 42.2.</source>
        <translation>Der ideale Kompromiss fürs Programmieren am Desktop: LiveCodeBench 53,1, über den 42,2 von DeepSeek-V3.</translation>
    </message>
    <message>
        <source>Best of the Qwen distills; needs a 24 GB GPU or a lot of RAM.</source>
        <translation>Das beste der Qwen-Destillate; braucht eine 24-GB-GPU oder viel RAM.</translation>
    </message>
    <message>
        <source>The largest distill: the best GPQA and MATH-500 scores; workstation class.</source>
        <translation>Das größte Destillat: die besten GPQA- und MATH-500-Werte; Workstation-Klasse.</translation>
    </message>
    <message>
        <source>MIT (base model: Llama 3.3 Community License)</source>
        <translation>MIT (Basismodell: Llama 3.3 Community License)</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>This server decides whether the model thinks: Deep Thinking off cannot be passed to it.</source>
        <translation>Dieser Server entscheidet selbst, ob das Modell nachdenkt: „Nachdenken aus“ lässt sich ihm nicht übergeben.</translation>
    </message>
    <message>
        <source>This server cannot turn a reasoning into an answer midway: Answer now stopped it instead.</source>
        <translation>Dieser Server kann einen Denkprozess nicht mittendrin in eine Antwort überführen: „Jetzt antworten“ hat ihn stattdessen gestoppt.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>Stop the answer first (Esc).</source>
        <translation>Stoppen Sie zuerst die Antwort (Esc).</translation>
    </message>
    <message>
        <source>Load a model first: {choose} or {open}.</source>
        <translation>Laden Sie zuerst ein Modell: {choose} oder {open}.</translation>
    </message>
    <message>
        <source>{problem} Your message was not sent; it is still in the box below.</source>
        <translation>{problem} Ihre Nachricht wurde nicht gesendet; sie steht noch im Feld unten.</translation>
    </message>
    <message>
        <source>{problem} The answer goes on in memory and is saved when there is room again.</source>
        <translation>{problem} Die Antwort läuft im Arbeitsspeicher weiter und wird gespeichert, sobald wieder Platz ist.</translation>
    </message>
    <message>
        <source>The chats database cannot be written.</source>
        <translation>Die Chat-Datenbank lässt sich nicht schreiben.</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) kept in memory, saved as soon as there is room again.</source>
        <translation>
            <numerusform>%n Antwort liegt im Arbeitsspeicher und wird gespeichert, sobald wieder Platz ist.</numerusform>
            <numerusform>%n Antworten liegen im Arbeitsspeicher und werden gespeichert, sobald wieder Platz ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disk has room again: every answer is saved.</source>
        <translation>Auf dem Datenträger ist wieder Platz: Alle Antworten sind gespeichert.</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>wird gestoppt …</translation>
    </message>
    <message>
        <source>Answer copied.</source>
        <translation>Antwort kopiert.</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>{path} gespeichert.</translation>
    </message>
    <message>
        <source>There is no answer to copy yet.</source>
        <translation>Es gibt noch keine Antwort zum Kopieren.</translation>
    </message>
    <message>
        <source>Wait for the answer to finish first.</source>
        <translation>Warten Sie, bis die Antwort fertig ist.</translation>
    </message>
    <message>
        <source>There is no answer yet.</source>
        <translation>Es gibt noch keine Antwort.</translation>
    </message>
    <message>
        <source>The last answer has no reasoning to show.</source>
        <translation>Die letzte Antwort hat keinen Denkprozess zum Anzeigen.</translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation>Code kopiert.</translation>
    </message>
</context>
<context>
    <name>ChatDeletion</name>
    <message>
        <source>Stop the answer before deleting this chat.</source>
        <translation>Stoppen Sie die Antwort, bevor Sie diesen Chat löschen.</translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>„{title}“ gelöscht.</translation>
    </message>
    <message>
        <source>Open a chat to delete it.</source>
        <translation>Öffnen Sie einen Chat, um ihn zu löschen.</translation>
    </message>
    <message>
        <source>Restored “{title}”.</source>
        <translation>„{title}“ wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>ChatFiles</name>
    <message>
        <source>chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Chat exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}.</source>
        <translation>{path} konnte nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Import chat</source>
        <translation>Chat importieren</translation>
    </message>
    <message>
        <source>R1 Desk chats (*.json)</source>
        <translation>R1-Desk-Chats (*.json)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Open a chat to export it.</source>
        <translation>Öffnen Sie einen Chat, um ihn zu exportieren.</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportiert nach {path}.</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>Your messages and the model&apos;s answers; Tab moves through each answer&apos;s buttons</source>
        <translation>Ihre Nachrichten und die Antworten des Modells; Tab wandert durch die Schaltflächen jeder Antwort</translation>
    </message>
    <message numerus="yes">
        <source>Show %Ln earlier message(s)</source>
        <translation>
            <numerusform>%Ln frühere Nachricht anzeigen</numerusform>
            <numerusform>%Ln frühere Nachrichten anzeigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>{n} %</source>
        <translation>{n} %</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{suite}: no sample finished yet.</source>
        <translation>{suite}: noch keine Antwort fertig.</translation>
    </message>
    <message>
        <source>{suite} pass@1 {pass1}</source>
        <translation>{suite} pass@1 {pass1}</translation>
    </message>
    <message>
        <source>(k = {k}, {n} of {total} problems)</source>
        <translation>(k = {k}, {n} von {total} Aufgaben)</translation>
    </message>
    <message>
        <source>(k = {k})</source>
        <translation>(k = {k})</translation>
    </message>
    <message>
        <source>paper {figure} % (full model)</source>
        <translation>Paper {figure} % (volles Modell)</translation>
    </message>
    <message>
        <source>This check is complete for this model and load.</source>
        <translation>Diese Prüfung ist für dieses Modell und diese Ladeeinstellungen abgeschlossen.</translation>
    </message>
    <message>
        <source>The speed could not be measured, so there is no estimate.</source>
        <translation>Die Geschwindigkeit ließ sich nicht messen, daher gibt es keine Schätzung.</translation>
    </message>
    <message>
        <source>About {time} on this machine: {samples} answers at {speed} tokens/s</source>
        <translation>Etwa {time} auf diesem Rechner: {samples} Antworten bei {speed} Tokens/s</translation>
    </message>
    <message>
        <source>(measured on this model&apos;s answers so far)</source>
        <translation>(gemessen an den bisherigen Antworten dieses Modells)</translation>
    </message>
    <message>
        <source>(measured just now on a short answer)</source>
        <translation>(eben an einer kurzen Antwort gemessen)</translation>
    </message>
    <message>
        <source>with this model&apos;s own answer lengths so far.</source>
        <translation>mit den bisherigen Antwortlängen dieses Modells.</translation>
    </message>
    <message>
        <source>assuming about {tokens} tokens per answer: roughly what R1 distills write on MATH-500, not measured here. Long answers run a little slower than the measurement, so take it as the least it will take.</source>
        <translation>bei angenommenen etwa {tokens} Tokens pro Antwort: ungefähr so viel schreiben R1-Distills bei MATH-500, hier nicht gemessen. Lange Antworten laufen etwas langsamer als die Messung, also ist das die Mindestdauer.</translation>
    </message>
    <message>
        <source>{n} of {total} answers are already stored from an earlier run.</source>
        <translation>{n} von {total} Antworten sind aus einem früheren Lauf schon gespeichert.</translation>
    </message>
    <message>
        <source>{quant}: {result}</source>
        <translation>{quant}: {result}</translation>
    </message>
    <message>
        <source>Another model was loaded, so the check stopped; its results are kept.</source>
        <translation>Ein anderes Modell wurde geladen, daher wurde die Prüfung angehalten; ihre Ergebnisse bleiben erhalten.</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check this model</source>
        <translation>Dieses Modell prüfen</translation>
    </message>
    <message>
        <source>Does this model still reason? It solves MATH-500 problems the way the DeepSeek-R1 paper measured it (the Math preset, up to 32,768 new tokens, k answers per problem) and the answers are checked against the reference. Every finished answer is saved at once, so you can stop and resume.</source>
        <translation>Denkt dieses Modell noch richtig? Es löst MATH-500-Aufgaben so, wie das DeepSeek-R1-Paper gemessen hat (die Vorgabe „Math“, bis zu 32.768 neue Tokens, k Antworten pro Aufgabe), und die Antworten werden mit der Lösung verglichen. Jede fertige Antwort wird sofort gespeichert: Sie können anhalten und später fortsetzen.</translation>
    </message>
    <message>
        <source>{suite} ({n} problems)</source>
        <translation>{suite} ({n} Aufgaben)</translation>
    </message>
    <message>
        <source>Answers per problem</source>
        <translation>Antworten pro Aufgabe</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Answers per problem (k)</source>
        <translation>Antworten pro Aufgabe (k)</translation>
    </message>
    <message>
        <source>Time estimate</source>
        <translation>Zeitschätzung</translation>
    </message>
    <message>
        <source>Check progress</source>
        <translation>Fortschritt der Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Measuring this machine&apos;s speed…</source>
        <translation>Geschwindigkeit dieses Rechners wird gemessen …</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Wird geschätzt …</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Problem {i} of {n} · level {level} · {subject} · answer {j} of {k}</source>
        <translation>Aufgabe {i} von {n} · Stufe {level} · {subject} · Antwort {j} von {k}</translation>
    </message>
    <message>
        <source>Correct so far: {right} of {n} answers</source>
        <translation>Bisher richtig: {right} von {n} Antworten</translation>
    </message>
    <message>
        <source>pass@1 {pass1}</source>
        <translation>pass@1 {pass1}</translation>
    </message>
    <message>
        <source>± {hw} (95 % interval)</source>
        <translation>± {hw} (95-%-Intervall)</translation>
    </message>
    <message>
        <source>{elapsed} elapsed</source>
        <translation>{elapsed} vergangen</translation>
    </message>
    <message>
        <source>this answer: {n} tokens</source>
        <translation>diese Antwort: {n} Tokens</translation>
    </message>
    <message>
        <source>about {left} left</source>
        <translation>noch etwa {left}</translation>
    </message>
    <message>
        <source>Stopped. {n} answers are saved; Resume continues where it stopped.</source>
        <translation>Angehalten. {n} Antworten sind gespeichert; „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
</context>
<context>
    <name>Code</name>
    <message>
        <source>Save code as</source>
        <translation>Code speichern unter</translation>
    </message>
    <message>
        <source>Could not write {path}: {why}.</source>
        <translation>{path} ließ sich nicht schreiben: {why}.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>&amp;New chat</source>
        <translation>&amp;Neuer Chat</translation>
    </message>
    <message>
        <source>&amp;Open GGUF file…</source>
        <translation>GGUF-Datei ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>&amp;Projekt öffnen…</translation>
    </message>
    <message>
        <source>Export chat as &amp;Markdown…</source>
        <translation>Chat als &amp;Markdown exportieren …</translation>
    </message>
    <message>
        <source>Export chat as &amp;JSON…</source>
        <translation>Chat als &amp;JSON exportieren …</translation>
    </message>
    <message>
        <source>&amp;Import chat…</source>
        <translation>Chat &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Attach files…</source>
        <translation>&amp;Dateien anhängen …</translation>
    </message>
    <message>
        <source>Attach a fo&amp;lder…</source>
        <translation>&amp;Ordner anhängen …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Copy last answer</source>
        <translation>Letzte Antwort &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Rename chat</source>
        <translation>Chat &amp;umbenennen</translation>
    </message>
    <message>
        <source>&amp;Delete chat</source>
        <translation>Chat &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>Löschen &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Search chats</source>
        <translation>Chats &amp;durchsuchen</translation>
    </message>
    <message>
        <source>Go to the &amp;message box</source>
        <translation>Zum &amp;Nachrichtenfeld</translation>
    </message>
    <message>
        <source>Go to the c&amp;onversation</source>
        <translation>Zum &amp;Gespräch</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Larger</source>
        <translation>&amp;Größer</translation>
    </message>
    <message>
        <source>&amp;Smaller</source>
        <translation>&amp;Kleiner</translation>
    </message>
    <message>
        <source>&amp;Default size</source>
        <translation>&amp;Standardgröße</translation>
    </message>
    <message>
        <source>&amp;Collapse when the answer starts</source>
        <translation>&amp;Einklappen, sobald die Antwort beginnt</translation>
    </message>
    <message>
        <source>Always &amp;open</source>
        <translation>Immer &amp;offen</translation>
    </message>
    <message>
        <source>Always c&amp;losed</source>
        <translation>Immer &amp;zu</translation>
    </message>
    <message>
        <source>As I last l&amp;eft it</source>
        <translation>Wie ich ihn zuletzt &amp;gelassen habe</translation>
    </message>
    <message>
        <source>Show or hide the last &amp;reasoning</source>
        <translation>Letzten Denkprozess &amp;anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>&amp;Choose model…</source>
        <translation>Modell &amp;wählen …</translation>
    </message>
    <message>
        <source>&amp;Reload model</source>
        <translation>Modell &amp;neu laden</translation>
    </message>
    <message>
        <source>C&amp;heck this model…</source>
        <translation>Dieses Modell &amp;prüfen …</translation>
    </message>
    <message>
        <source>&amp;Answer now</source>
        <translation>&amp;Jetzt antworten</translation>
    </message>
    <message>
        <source>Re&amp;generate the last answer</source>
        <translation>Letzte Antwort neu &amp;erzeugen</translation>
    </message>
    <message>
        <source>S&amp;top the answer</source>
        <translation>Antwort &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>&amp;Datenordner öffnen</translation>
    </message>
    <message>
        <source>&amp;About R1 Desk</source>
        <translation>Ü&amp;ber R1 Desk</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Ask anything — Enter to send, Shift+Enter for a new line</source>
        <translation>Fragen Sie etwas – Eingabe sendet, Umschalt+Eingabe für eine neue Zeile</translation>
    </message>
    <message>
        <source>Ask anything</source>
        <translation>Fragen Sie etwas</translation>
    </message>
    <message>
        <source>Message to the model</source>
        <translation>Nachricht an das Modell</translation>
    </message>
    <message>
        <source>Enter sends; Shift+Enter starts a new line; Tab moves on</source>
        <translation>Eingabe sendet; Umschalt+Eingabe beginnt eine neue Zeile; Tab geht weiter</translation>
    </message>
    <message>
        <source>Editing your message: sending adds a new version of it; the old one and its answers are kept.</source>
        <translation>Sie bearbeiten Ihre Nachricht: Senden fügt eine neue Fassung hinzu; die alte und ihre Antworten bleiben erhalten.</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Bearbeiten abbrechen</translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation>Die Nachricht so lassen, wie sie war (Esc)</translation>
    </message>
    <message>
        <source>Deep Thinking</source>
        <translation>Nachdenken</translation>
    </message>
    <message>
        <source>On: the model reasons before answering. Off: it answers directly.</source>
        <translation>An: Das Modell denkt vor der Antwort nach. Aus: Es antwortet direkt.</translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation>Sampling-Voreinstellung</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Thinking budget: close the reasoning after this many tokens</source>
        <translation>Denkbudget: den Denkprozess nach so vielen Token beenden</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>Denkbudget</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Solve once</source>
        <translation>Einmal lösen</translation>
    </message>
    <message>
        <source>Solve × </source>
        <translation>Lösen × </translation>
    </message>
    <message>
        <source>Solve k times: sample k answers one after another and show the majority of their boxed answers (the R1 paper&apos;s cons@k; the Math preset asks for a boxed answer)</source>
        <translation>k-mal lösen: k Antworten nacheinander erzeugen und die Mehrheit ihrer eingerahmten Antworten zeigen (cons@k aus dem R1-Paper; die Voreinstellung „Math“ verlangt eine eingerahmte Antwort)</translation>
    </message>
    <message>
        <source>Solve k times</source>
        <translation>k-mal lösen</translation>
    </message>
    <message>
        <source>Answer now</source>
        <translation>Jetzt antworten</translation>
    </message>
    <message>
        <source>Stop thinking and write the answer ({key})</source>
        <translation>Mit dem Nachdenken aufhören und die Antwort schreiben ({key})</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <source>Attach files or a folder (or drop them on the window)</source>
        <translation>Dateien oder einen Ordner anhängen (oder auf das Fenster ziehen)</translation>
    </message>
    <message>
        <source>Attach files or a folder</source>
        <translation>Dateien oder einen Ordner anhängen</translation>
    </message>
    <message>
        <source>Files…</source>
        <translation>Dateien …</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>More options: preset, thinking budget, solve k times</source>
        <translation>Weitere Optionen: Voreinstellung, Denkbudget, k-mal lösen</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>Weitere Optionen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>Die Antwort stoppen (Esc)</translation>
    </message>
    <message>
        <source>Sampling preset: {description}</source>
        <translation>Sampling-Voreinstellung: {description}</translation>
    </message>
    <message>
        <source>Preset: {name}</source>
        <translation>Voreinstellung: {name}</translation>
    </message>
    <message>
        <source>Thinking budget: {value}</source>
        <translation>Denkbudget: {value}</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} Token</translation>
    </message>
    <message>
        <source>On, but {model} answered without reasoning: it may not be a reasoning model.</source>
        <translation>An, aber {model} hat ohne Nachdenken geantwortet: Es ist vielleicht kein Denkmodell.</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>Context use</source>
        <translation>Kontextnutzung</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Token</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>New chat ({key})</source>
        <translation>Neuer Chat ({key})</translation>
    </message>
    <message>
        <source>Search chats ({key})</source>
        <translation>Chats durchsuchen ({key})</translation>
    </message>
    <message>
        <source>Search titles, messages, answers and reasoning ({key})</source>
        <translation>Titel, Nachrichten, Antworten und Denkprozesse durchsuchen ({key})</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Gespräche durchsuchen</translation>
    </message>
    <message>
        <source>Titles, messages, answers and reasoning</source>
        <translation>Titel, Nachrichten, Antworten und Denkprozesse</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gespräche</translation>
    </message>
    <message>
        <source>Enter opens the chat; F2 renames it; Delete deletes it (Undo is offered)</source>
        <translation>Eingabe öffnet den Chat; F2 benennt ihn um; Entf löscht ihn (Rückgängig wird angeboten)</translation>
    </message>
    <message>
        <source>No chats match “{query}”.</source>
        <translation>Keine Chats passen zu „{query}“.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Imported chat</source>
        <translation>Importierter Chat</translation>
    </message>
    <message>
        <source>hit the token limit</source>
        <translation>Token-Grenze erreicht</translation>
    </message>
    <message>
        <source>stopped: repeating itself</source>
        <translation>gestoppt: wiederholt sich</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>No conversation {id}.</source>
        <translation>Kein Gespräch {id}.</translation>
    </message>
    <message>
        <source>This file is not an R1 Desk conversation export.</source>
        <translation>Diese Datei ist kein exportiertes R1-Desk-Gespräch.</translation>
    </message>
    <message>
        <source>The export has a message that follows one listed after it.</source>
        <translation>Der Export enthält eine Nachricht, die auf eine später aufgeführte folgt.</translation>
    </message>
    <message>
        <source>The export has a message whose active has the wrong type.</source>
        <translation>Der Export enthält eine Nachricht, deren Feld „active“ den falschen Typ hat.</translation>
    </message>
    <message>
        <source>The export has a message without a valid role.</source>
        <translation>Der Export enthält eine Nachricht ohne gültige Rolle.</translation>
    </message>
    <message>
        <source>The export has a message that cannot be read ({why}).</source>
        <translation>Der Export enthält eine Nachricht, die sich nicht lesen lässt ({why}).</translation>
    </message>
    <message>
        <source>The export has a message whose {field} has the wrong type.</source>
        <translation>Der Export enthält eine Nachricht, deren Feld „{field}“ den falschen Typ hat.</translation>
    </message>
    <message>
        <source>Cannot open the chats database {path}: {why}</source>
        <translation>Die Chat-Datenbank {path} lässt sich nicht öffnen: {why}</translation>
    </message>
    <message>
        <source>{path} was written by a newer R1 Desk (schema {version}); update the app.</source>
        <translation>{path} wurde von einem neueren R1 Desk geschrieben (Schema {version}); aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>The chats database {path} cannot be written: {why}.</source>
        <translation>Die Chat-Datenbank {path} lässt sich nicht schreiben: {why}.</translation>
    </message>
    <message>
        <source>The chats database {path} is damaged ({why}) and could not be set aside ({error}).</source>
        <translation>Die Chat-Datenbank {path} ist beschädigt ({why}) und ließ sich nicht beiseitelegen ({error}).</translation>
    </message>
    <message>
        <source>The disk is full: the chats database ({folder}) cannot be written. Free some space.</source>
        <translation>Der Datenträger ist voll: Die Chat-Datenbank ({folder}) lässt sich nicht schreiben. Geben Sie etwas Platz frei.</translation>
    </message>
    <message>
        <source>Recovered chat</source>
        <translation>Wiederhergestellter Chat</translation>
    </message>
    <message>
        <source>Cannot attach {path}: no such file or folder.</source>
        <translation>{path} lässt sich nicht anhängen: Datei oder Ordner gibt es nicht.</translation>
    </message>
    <message>
        <source>could not be read ({why})</source>
        <translation>nicht lesbar ({why})</translation>
    </message>
    <message>
        <source>could not be listed ({why})</source>
        <translation>nicht auflistbar ({why})</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine normale Datei</translation>
    </message>
    <message>
        <source>too large ({size}; the limit is {limit})</source>
        <translation>zu groß ({size}; die Grenze ist {limit})</translation>
    </message>
    <message>
        <source>binary (it contains NUL bytes)</source>
        <translation>binär (enthält NUL-Bytes)</translation>
    </message>
    <message>
        <source>binary or not UTF-8 text</source>
        <translation>binär oder kein UTF-8-Text</translation>
    </message>
    <message>
        <source>version-control data</source>
        <translation>Versionsverwaltungsdaten</translation>
    </message>
    <message>
        <source>a link to a folder (not followed)</source>
        <translation>ein Link auf einen Ordner (nicht verfolgt)</translation>
    </message>
    <message>
        <source>ignored by .gitignore</source>
        <translation>von .gitignore ausgeschlossen</translation>
    </message>
    <message>
        <source>its name has a line break</source>
        <translation>der Name enthält einen Zeilenumbruch</translation>
    </message>
    <message>
        <source>over the {n}-file limit of one attachment</source>
        <translation>über der Grenze von {n} Dateien pro Anhang</translation>
    </message>
    <message>
        <source>the attachment already holds {size}, more than any context</source>
        <translation>der Anhang hat schon {size}, mehr als jeder Kontext fasst</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} Bytes</translation>
    </message>
    <message>
        <source>The context length must be between 256 and 1,048,576 tokens.</source>
        <translation>Die Kontextlänge muss zwischen 256 und 1.048.576 Token liegen.</translation>
    </message>
    <message>
        <source>GPU layers must be automatic, -1 (all) or a number of layers.</source>
        <translation>GPU-Schichten: automatisch, -1 (alle) oder eine Anzahl von Schichten.</translation>
    </message>
    <message>
        <source>Threads must be automatic or between 1 and 512.</source>
        <translation>Threads: automatisch oder zwischen 1 und 512.</translation>
    </message>
    <message>
        <source>The KV-cache type must be one of {types}.</source>
        <translation>Der KV-Cache-Typ muss einer von {types} sein.</translation>
    </message>
    <message>
        <source>The thinking budget must be off or at least 16 tokens.</source>
        <translation>Das Denkbudget muss aus sein oder mindestens 16 Token betragen.</translation>
    </message>
    <message>
        <source>The loop guard is on or off.</source>
        <translation>Der Schleifenschutz ist an oder aus.</translation>
    </message>
    <message>
        <source>The preset must be a preset&apos;s name.</source>
        <translation>Die Voreinstellung muss der Name einer Voreinstellung sein.</translation>
    </message>
    <message>
        <source>Unknown thinking-pane behaviour.</source>
        <translation>Unbekanntes Verhalten des Denkbereichs.</translation>
    </message>
    <message>
        <source>The remembered thinking pane is open, closed or not set.</source>
        <translation>Der gemerkte Denkbereich ist offen, zu oder nicht gesetzt.</translation>
    </message>
    <message>
        <source>Forcing the reasoning open is on or off.</source>
        <translation>Das Erzwingen des Denkprozesses ist an oder aus.</translation>
    </message>
    <message>
        <source>The theme must be system, light or dark.</source>
        <translation>Das Farbschema muss „system“, „light“ oder „dark“ sein.</translation>
    </message>
    <message>
        <source>The font size must be between 0 (system) and 48.</source>
        <translation>Die Schriftgröße muss zwischen 0 (System) und 48 liegen.</translation>
    </message>
    <message>
        <source>The language must be system, en or de.</source>
        <translation>Die Sprache muss „system“, „en“ oder „de“ sein.</translation>
    </message>
    <message>
        <source>The largest file to attach must be between 1 and 100,000 KB.</source>
        <translation>Die größte anzuhängende Datei muss zwischen 1 und 100.000 KB liegen.</translation>
    </message>
    <message>
        <source>The models folder must be a folder&apos;s path (or empty for the Hugging Face cache).</source>
        <translation>Der Modellordner muss der Pfad eines Ordners sein (oder leer für den Hugging-Face-Cache).</translation>
    </message>
    <message>
        <source>The chats database must be a file&apos;s path (or empty for the default).</source>
        <translation>Die Chat-Datenbank muss der Pfad einer Datei sein (oder leer für die Vorgabe).</translation>
    </message>
    <message>
        <source>The last model must be a file&apos;s path.</source>
        <translation>Das letzte Modell muss der Pfad einer Datei sein.</translation>
    </message>
    <message>
        <source>The local server is on or off.</source>
        <translation>Der lokale Server ist an oder aus.</translation>
    </message>
    <message>
        <source>The local server&apos;s port must be between 1024 and 65535.</source>
        <translation>Der Port des lokalen Servers muss zwischen 1024 und 65535 liegen.</translation>
    </message>
    <message>
        <source>A quantized KV cache (q8_0, q4_0) needs flash attention on.</source>
        <translation>Ein quantisierter KV-Cache (q8_0, q4_0) braucht eingeschaltete Flash Attention.</translation>
    </message>
    <message>
        <source>Your settings file could not be read ({why}); it was moved to {backup} and the defaults are used.</source>
        <translation>Ihre Einstellungsdatei ließ sich nicht lesen ({why}); sie wurde nach {backup} verschoben, und die Vorgaben gelten.</translation>
    </message>
    <message>
        <source>Your settings file was not a settings object; it was moved to {backup} and the defaults are used.</source>
        <translation>Ihre Einstellungsdatei enthielt kein Einstellungsobjekt; sie wurde nach {backup} verschoben, und die Vorgaben gelten.</translation>
    </message>
    <message>
        <source>Some settings had values that cannot be used ({names}); they were reset to their defaults. The old file was saved as {backup}.</source>
        <translation>Einige Einstellungen hatten unbrauchbare Werte ({names}); sie wurden auf ihre Vorgaben zurückgesetzt. Die alte Datei wurde als {backup} gesichert.</translation>
    </message>
    <message>
        <source>The download needs {need}, plus {margin} kept free for everything else, but only {free} is free at {folder}. Free some space, or choose another models folder in the settings.</source>
        <translation>Der Download braucht {need}, dazu {margin} Reserve für alles andere, aber in {folder} sind nur {free} frei. Geben Sie Platz frei oder wählen Sie in den Einstellungen einen anderen Modellordner.</translation>
    </message>
    <message>
        <source>No preset called &apos;{name}&apos;. Presets: {names}.</source>
        <translation>Keine Voreinstellung namens „{name}“. Voreinstellungen: {names}.</translation>
    </message>
    <message>
        <source>ended while thinking: no answer</source>
        <translation>beim Nachdenken beendet: keine Antwort</translation>
    </message>
    <message>
        <source>answered early: Answer now</source>
        <translation>früher geantwortet: Jetzt antworten</translation>
    </message>
    <message>
        <source>reasoning cut: thinking budget reached</source>
        <translation>Denken gekürzt: Denkbudget erreicht</translation>
    </message>
    <message>
        <source>reasoning cut: it was repeating</source>
        <translation>Denken gekürzt: es wiederholte sich</translation>
    </message>
    <message>
        <source>Cannot attach {path}: {why}.</source>
        <translation>{path} lässt sich nicht anhängen: {why}.</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>Zugriff verweigert</translation>
    </message>
    <message>
        <source>too large (it grew past {limit} while it was read)</source>
        <translation>zu groß (beim Lesen über {limit} gewachsen)</translation>
    </message>
    <message>
        <source>a link (not followed)</source>
        <translation>ein Link (nicht verfolgt)</translation>
    </message>
    <message>
        <source>a link to a file outside its project (not followed; attach the file itself)</source>
        <translation>ein Link auf eine Datei außerhalb seines Projekts (nicht verfolgt; hängen Sie die Datei selbst an)</translation>
    </message>
    <message>
        <source>line {n} is not a pattern git can read (that rule is not used)</source>
        <translation>Zeile {n} ist kein Muster, das git lesen kann (diese Regel gilt nicht)</translation>
    </message>
    <message>
        <source>{why}: its rules are not used</source>
        <translation>{why}: ihre Regeln gelten nicht</translation>
    </message>
    <message>
        <source>and {n} more in it: {why}</source>
        <translation>und {n} weitere darin: {why}</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>und {n} weitere</translation>
    </message>
    <message>
        <source>The export has a message whose {field} is out of range ({value}).</source>
        <translation>Der Export enthält eine Nachricht, deren Feld „{field}“ außerhalb des gültigen Bereichs liegt ({value}).</translation>
    </message>
    <message>
        <source>The export has a message whose statistics&apos; {field} is {value}.</source>
        <translation>Der Export enthält eine Nachricht, deren Statistikwert „{field}“ {value} ist.</translation>
    </message>
    <message>
        <source>The export has a {field} that is not valid text (a lone surrogate).</source>
        <translation>Der Export enthält im Feld „{field}“ keinen gültigen Text (ein einzelnes Surrogat).</translation>
    </message>
    <message>
        <source>The export&apos;s version should be a whole number, not {value}.</source>
        <translation>Die Version des Exports muss eine ganze Zahl sein, nicht {value}.</translation>
    </message>
    <message>
        <source>The export was written by a newer R1 Desk (format {version}); update the app to import it.</source>
        <translation>Der Export stammt von einer neueren R1-Desk-Version (Format {version}); aktualisieren Sie die App, um ihn zu importieren.</translation>
    </message>
    <message>
        <source>{path} is not written: {why}.</source>
        <translation>{path} wird nicht geschrieben: {why}.</translation>
    </message>
    <message>
        <source>its name holds a NUL character</source>
        <translation>sein Name enthält ein NUL-Zeichen</translation>
    </message>
    <message>
        <source>it is an absolute path</source>
        <translation>es ist ein absoluter Pfad</translation>
    </message>
    <message>
        <source>it holds a backslash (paths inside the project are written with /)</source>
        <translation>er enthält einen Backslash (Pfade im Projekt werden mit / geschrieben)</translation>
    </message>
    <message>
        <source>it names no file</source>
        <translation>er nennt keine Datei</translation>
    </message>
    <message>
        <source>it leads out of the project folder (..)</source>
        <translation>er führt aus dem Projektordner hinaus (..)</translation>
    </message>
    <message>
        <source>it is inside .git, git&apos;s own data</source>
        <translation>er liegt in .git, den eigenen Daten von git</translation>
    </message>
    <message>
        <source>a link on its way leads out of the project folder</source>
        <translation>ein Link auf dem Weg führt aus dem Projektordner hinaus</translation>
    </message>
    <message>
        <source>{path} cannot be edited: {why}.</source>
        <translation>{path} lässt sich nicht bearbeiten: {why}.</translation>
    </message>
    <message>
        <source>The SEARCH text of edit {n} is not in {path} as it is on disk.</source>
        <translation>Der SEARCH-Text von Änderung {n} steht nicht in {path}, wie die Datei auf der Festplatte ist.</translation>
    </message>
    <message>
        <source>{path} changed on disk since this diff was made; look at it again.</source>
        <translation>{path} wurde auf der Festplatte geändert, seit dieser Diff erstellt wurde; sehen Sie ihn sich noch einmal an.</translation>
    </message>
    <message>
        <source>{path}: there is no proposed text to write.</source>
        <translation>{path}: Es gibt keinen vorgeschlagenen Text zum Schreiben.</translation>
    </message>
    <message>
        <source>{path} changed on disk since it was attached, so the answer was written against text that is no longer there; attach it again and ask again.</source>
        <translation>{path} wurde auf der Festplatte geändert, seit die Datei angehängt wurde; die Antwort bezieht sich also auf Text, der nicht mehr da ist. Hängen Sie sie neu an und fragen Sie noch einmal.</translation>
    </message>
    <message>
        <source>Could not write {path}: {why}.</source>
        <translation>{path} ließ sich nicht schreiben: {why}.</translation>
    </message>
    <message>
        <source>Could not remove {path}: {why}.</source>
        <translation>{path} ließ sich nicht entfernen: {why}.</translation>
    </message>
    <message>
        <source>{path} changed since the edit was applied; it was left as it is.</source>
        <translation>{path} wurde geändert, seit die Änderung angewendet wurde; die Datei bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>over the {n}-file limit of a project listing</source>
        <translation>über der Grenze von {n} Dateien einer Projektliste</translation>
    </message>
    <message>
        <source>The block for {path} leaves parts of the file out (&quot;{line}&quot;): written, it would delete them. Ask for the whole file, or for SEARCH/REPLACE edits.</source>
        <translation>Der Block für {path} lässt Teile der Datei aus („{line}“): Geschrieben würde er sie löschen. Bitten Sie um die ganze Datei oder um SEARCH/REPLACE-Änderungen.</translation>
    </message>
    <message>
        <source>Flash attention is auto, on or off.</source>
        <translation>Flash Attention ist automatisch, an oder aus.</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a built-in preset; choose another name.</source>
        <translation>„{name}“ ist eine eingebaute Voreinstellung; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>You have no preset called &apos;{name}&apos;.</source>
        <translation>Sie haben keine Voreinstellung namens „{name}“.</translation>
    </message>
    <message>
        <source>The conversation has no user message to answer.</source>
        <translation>Das Gespräch enthält keine Nachricht, auf die geantwortet werden kann.</translation>
    </message>
    <message>
        <source>R1 models work best without a system prompt, so it was put at the start of the first message instead.</source>
        <translation>R1-Modelle arbeiten am besten ohne Systemprompt; er wurde deshalb an den Anfang der ersten Nachricht gesetzt.</translation>
    </message>
    <message>
        <source>Cannot read {path}: it is nested too deeply to be an endpoints file.</source>
        <translation>{path} lässt sich nicht lesen: Die Datei ist zu tief verschachtelt für eine Endpunktdatei.</translation>
    </message>
    <message>
        <source>Give the endpoint a name.</source>
        <translation>Geben Sie dem Endpunkt einen Namen.</translation>
    </message>
    <message>
        <source>Unknown server kind {kind} (one of {kinds}).</source>
        <translation>Unbekannte Serverart {kind} (eine von {kinds}).</translation>
    </message>
    <message>
        <source>Model names cannot be empty.</source>
        <translation>Modellnamen dürfen nicht leer sein.</translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https:// and name a host, e.g. http://gpu-box:8000/v1.</source>
        <translation>Die Basis-URL muss mit http:// oder https:// beginnen und einen Host nennen, z. B. http://gpu-box:8000/v1.</translation>
    </message>
    <message>
        <source>Put the API key in the key field, not in the URL: a URL is shown and saved in the clear.</source>
        <translation>Tragen Sie den API-Schlüssel in das Schlüsselfeld ein, nicht in die URL: Eine URL wird im Klartext angezeigt und gespeichert.</translation>
    </message>
    <message>
        <source>An endpoint named {name} already exists.</source>
        <translation>Ein Endpunkt namens {name} existiert bereits.</translation>
    </message>
    <message>
        <source>{file}: each endpoint must be an object.</source>
        <translation>{file}: Jeder Endpunkt muss ein Objekt sein.</translation>
    </message>
    <message>
        <source>{file}: unknown field(s) {fields}.</source>
        <translation>{file}: unbekannte Felder {fields}.</translation>
    </message>
    <message>
        <source>{file}: an endpoint needs a &apos;name&apos; and a &apos;base_url&apos; (text).</source>
        <translation>{file}: Ein Endpunkt braucht „name“ und „base_url“ (Text).</translation>
    </message>
    <message>
        <source>{file}: &apos;models&apos; must be a list of names.</source>
        <translation>{file}: „models“ muss eine Liste von Namen sein.</translation>
    </message>
    <message>
        <source>{file}: two endpoints are named {name}.</source>
        <translation>{file}: Zwei Endpunkte heißen {name}.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}</source>
        <translation>{path} lässt sich nicht lesen: {why}</translation>
    </message>
    <message>
        <source>No system keyring is available here ({why}), so the key cannot be saved. Set it in the environment instead: {env}=… before starting R1 Desk (or --api-key-env VAR with the r1desk command).</source>
        <translation>Hier gibt es keinen Systemschlüsselbund ({why}), daher kann der Schlüssel nicht gespeichert werden. Setzen Sie ihn stattdessen in der Umgebung: {env}=… vor dem Start von R1 Desk (oder --api-key-env VAR beim Befehl r1desk).</translation>
    </message>
    <message>
        <source>the keyring package is not installed</source>
        <translation>das Paket keyring ist nicht installiert</translation>
    </message>
    <message>
        <source>no backend such as GNOME Keyring, KWallet, the macOS Keychain or Windows Credential Manager</source>
        <translation>kein Backend wie GNOME Keyring, KWallet, der macOS-Schlüsselbund oder die Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>--api-key-env {var}: the environment variable {var} is not set.</source>
        <translation>--api-key-env {var}: Die Umgebungsvariable {var} ist nicht gesetzt.</translation>
    </message>
    <message>
        <source>Model file not found: {path}</source>
        <translation>Modelldatei nicht gefunden: {path}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a model file.</source>
        <translation>{path} ist ein Ordner, keine Modelldatei.</translation>
    </message>
    <message>
        <source>Cannot read {path}: permission denied.</source>
        <translation>{path} lässt sich nicht lesen: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}.</source>
        <translation>{path} lässt sich nicht lesen: {why}.</translation>
    </message>
    <message>
        <source>{file} is not a GGUF model file (it is only {size} bytes).</source>
        <translation>{file} ist keine GGUF-Modelldatei (sie hat nur {size} Bytes).</translation>
    </message>
    <message>
        <source>{file} is not a GGUF model file{hint}.</source>
        <translation>{file} ist keine GGUF-Modelldatei{hint}.</translation>
    </message>
    <message>
        <source> (it looks like a web page: the download may have failed)</source>
        <translation> (sie sieht aus wie eine Webseite: Vielleicht ist der Download fehlgeschlagen)</translation>
    </message>
    <message>
        <source>{file} uses GGUF version {version}; this app reads versions 2 and 3. Download a newer conversion of the model.</source>
        <translation>{file} verwendet GGUF-Version {version}; diese App liest die Versionen 2 und 3. Laden Sie eine neuere Konvertierung des Modells herunter.</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete: {why}.</source>
        <translation>{file} ist beschädigt oder unvollständig: {why}.</translation>
    </message>
    <message>
        <source>the header ends early (the file is truncated)</source>
        <translation>der Header endet zu früh (die Datei ist abgeschnitten)</translation>
    </message>
    <message>
        <source>a text field claims {n} bytes</source>
        <translation>ein Textfeld gibt {n} Bytes an</translation>
    </message>
    <message>
        <source>an array claims {n} items</source>
        <translation>ein Array gibt {n} Einträge an</translation>
    </message>
    <message>
        <source>unknown metadata type {type}</source>
        <translation>unbekannter Metadatentyp {type}</translation>
    </message>
    <message>
        <source>the header claims {tensors} tensors and {entries} metadata entries</source>
        <translation>der Header gibt {tensors} Tensoren und {entries} Metadateneinträge an</translation>
    </message>
    <message>
        <source>tensor {name} claims {n} dimensions</source>
        <translation>Tensor {name} gibt {n} Dimensionen an</translation>
    </message>
    <message>
        <source>invalid alignment {n}</source>
        <translation>ungültige Ausrichtung {n}</translation>
    </message>
    <message>
        <source>tensor {name} has a shape that does not fit its type</source>
        <translation>Tensor {name} hat eine Form, die nicht zu seinem Typ passt</translation>
    </message>
    <message>
        <source>{file} uses tensor type {type} (in {tensor}), which this version of the app does not know. Update R1 Desk, or use another quantization of the model.</source>
        <translation>{file} verwendet den Tensortyp {type} (in {tensor}), den diese Version der App nicht kennt. Aktualisieren Sie R1 Desk oder verwenden Sie eine andere Quantisierung des Modells.</translation>
    </message>
    <message>
        <source>{file} is incomplete: its tensor data ends {missing} past the end of the file ({size} on disk). The download was probably interrupted; download it again.</source>
        <translation>{file} ist unvollständig: Die Tensordaten enden {missing} hinter dem Dateiende ({size} auf der Festplatte). Der Download wurde wohl unterbrochen; laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>{file} already exists.</source>
        <translation>{file} existiert bereits.</translation>
    </message>
    <message>
        <source>Copying needs {need} GB; {free} GB is free.</source>
        <translation>Das Kopieren braucht {need} GB; frei sind {free} GB.</translation>
    </message>
    <message>
        <source>Model file not found: {spec} (not a file, and not a catalog id; see `r1desk models`).</source>
        <translation>Modelldatei nicht gefunden: {spec} (keine Datei und keine Katalog-ID; siehe `r1desk models`).</translation>
    </message>
    <message>
        <source>{model} {quant} is not downloaded yet. Run: r1desk pull {key}</source>
        <translation>{model} {quant} ist noch nicht heruntergeladen. Ausführen: r1desk pull {key}</translation>
    </message>
    <message>
        <source>&apos;{id}&apos; is not in the catalog. Known models: {ids}.</source>
        <translation>„{id}“ steht nicht im Katalog. Bekannte Modelle: {ids}.</translation>
    </message>
    <message>
        <source>{model} has no {quant} file in the catalog; it has {quants}.</source>
        <translation>{model} hat im Katalog keine {quant}-Datei; es gibt {quants}.</translation>
    </message>
    <message>
        <source>Could not load on the GPU ({why}); loading on the CPU instead.</source>
        <translation>Laden auf die GPU fehlgeschlagen ({why}); es wird stattdessen auf die CPU geladen.</translation>
    </message>
    <message>
        <source>The model process did not start properly ({why}).</source>
        <translation>Der Modellprozess ist nicht richtig gestartet ({why}).</translation>
    </message>
    <message>
        <source>The model process stopped answering while {doing}.</source>
        <translation>Der Modellprozess antwortet nicht mehr (beim {doing}).</translation>
    </message>
    <message>
        <source>loading the model</source>
        <translation>Laden des Modells</translation>
    </message>
    <message>
        <source>loading {file}</source>
        <translation>Laden von {file}</translation>
    </message>
    <message>
        <source>rendering the prompt</source>
        <translation>Aufbereiten des Prompts</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>counting tokens</source>
        <translation>Zählen der Token</translation>
    </message>
    <message>
        <source>waiting for the next request</source>
        <translation>Warten auf die nächste Anfrage</translation>
    </message>
    <message>
        <source>signal {n}</source>
        <translation>Signal {n}</translation>
    </message>
    <message>
        <source>exit code {n}</source>
        <translation>Exit-Code {n}</translation>
    </message>
    <message>
        <source> llama.cpp said: {line}</source>
        <translation> llama.cpp meldete: {line}</translation>
    </message>
    <message>
        <source> llama.cpp&apos;s last words: {words}.</source>
        <translation> Die letzten Worte von llama.cpp: {words}.</translation>
    </message>
    <message>
        <source>SIGILL, an illegal instruction: this build of llama.cpp uses CPU instructions this machine cannot run. Rebuild llama-cpp-python without the host&apos;s native flags (see the README, GPU builds)</source>
        <translation>SIGILL, ein unzulässiger Befehl: Dieser Build von llama.cpp nutzt CPU-Befehle, die dieser Rechner nicht ausführen kann. Bauen Sie llama-cpp-python ohne die nativen Flags des Rechners neu (siehe README, GPU-Builds)</translation>
    </message>
    <message>
        <source>SIGABRT: llama.cpp stopped on a failed internal check</source>
        <translation>SIGABRT: llama.cpp hat nach einer fehlgeschlagenen internen Prüfung angehalten</translation>
    </message>
    <message>
        <source>SIGBUS: the model file changed or became unreadable while it was in use</source>
        <translation>SIGBUS: Die Modelldatei hat sich während der Nutzung geändert oder wurde unlesbar</translation>
    </message>
    <message>
        <source>SIGFPE: an arithmetic fault in llama.cpp</source>
        <translation>SIGFPE: ein Rechenfehler in llama.cpp</translation>
    </message>
    <message>
        <source>SIGKILL: it was killed from outside, most often by the system because memory ran out. Try a smaller model, a shorter context or fewer GPU layers</source>
        <translation>SIGKILL: Er wurde von außen beendet, meist vom System, weil der Speicher ausging. Versuchen Sie ein kleineres Modell, einen kürzeren Kontext oder weniger GPU-Schichten</translation>
    </message>
    <message>
        <source>SIGSEGV: a memory fault in llama.cpp or the GPU driver</source>
        <translation>SIGSEGV: ein Speicherfehler in llama.cpp oder im GPU-Treiber</translation>
    </message>
    <message>
        <source>Reading the prompt failed: {why}</source>
        <translation>Das Lesen des Prompts ist fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>{n} threads: this machine runs {cpus} at a time. More threads than that make llama.cpp many times slower; use 1 to {cpus}, or leave it unset for the physical cores.</source>
        <translation>{n} Threads: Dieser Rechner führt {cpus} gleichzeitig aus. Mehr Threads machen llama.cpp um ein Vielfaches langsamer; nehmen Sie 1 bis {cpus} oder lassen Sie das Feld leer für die physischen Kerne.</translation>
    </message>
    <message>
        <source>A context of {n} tokens is too short to chat.</source>
        <translation>Ein Kontext von {n} Token ist zu kurz zum Chatten.</translation>
    </message>
    <message>
        <source>Unknown KV-cache type {type} (use f16, q8_0 or q4_0).</source>
        <translation>Unbekannter KV-Cache-Typ {type} (verwenden Sie f16, q8_0 oder q4_0).</translation>
    </message>
    <message>
        <source>The {kv} KV cache needs flash attention, so flash attention is on for this load (choose the f16 KV cache to load without it).</source>
        <translation>Der KV-Cache {kv} braucht Flash Attention, deshalb ist Flash Attention für diesen Ladevorgang eingeschaltet (wählen Sie den KV-Cache f16, um ohne sie zu laden).</translation>
    </message>
    <message>
        <source>{file} cannot use the {kv} KV cache (its attention heads hold {n} values, not a multiple of {block}); it is loaded with the f16 KV cache.</source>
        <translation>{file} kann den KV-Cache {kv} nicht verwenden (seine Attention-Köpfe haben {n} Werte, kein Vielfaches von {block}); es wird mit dem KV-Cache f16 geladen.</translation>
    </message>
    <message>
        <source>{file} cannot use the {kv} KV cache (its attention heads do not hold whole blocks of it); choose the f16 KV cache. llama.cpp said: {said}</source>
        <translation>{file} kann den KV-Cache {kv} nicht verwenden (seine Attention-Köpfe fassen keine ganzen Blöcke davon); wählen Sie den KV-Cache f16. llama.cpp meldete: {said}</translation>
    </message>
    <message>
        <source>The model is busy ({doing}); stop it first.</source>
        <translation>Das Modell ist beschäftigt ({doing}); stoppen Sie es zuerst.</translation>
    </message>
    <message>
        <source>All {n} slots are answering; try again in a moment.</source>
        <translation>Alle {n} Plätze antworten gerade; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>The model was closed.</source>
        <translation>Das Modell wurde geschlossen.</translation>
    </message>
    <message>
        <source>{file} with a context of {n} tokens needs about {need} GB (model {model} GB + KV cache {kv} GB), but this machine has {total} GB of memory. Choose a shorter context, the q8_0 KV cache, or a smaller model.</source>
        <translation>{file} braucht mit einem Kontext von {n} Token etwa {need} GB (Modell {model} GB + KV-Cache {kv} GB), dieser Rechner hat aber {total} GB Speicher. Wählen Sie einen kürzeren Kontext, den KV-Cache q8_0 oder ein kleineres Modell.</translation>
    </message>
    <message>
        <source>{file} uses the model architecture &apos;{arch}&apos;, which this build of llama.cpp does not support. Update llama-cpp-python or choose another model.</source>
        <translation>{file} verwendet die Modellarchitektur „{arch}“, die dieser Build von llama.cpp nicht unterstützt. Aktualisieren Sie llama-cpp-python oder wählen Sie ein anderes Modell.</translation>
    </message>
    <message>
        <source>Could not create a context of {n} tokens for {file}: not enough memory. Choose a shorter context length, a KV-cache type of q8_0, or a smaller model.{said}</source>
        <translation>Ein Kontext von {n} Token für {file} ließ sich nicht anlegen: nicht genug Speicher. Wählen Sie eine kürzere Kontextlänge, den KV-Cache-Typ q8_0 oder ein kleineres Modell.{said}</translation>
    </message>
    <message>
        <source>llama.cpp could not load {file}.{said}</source>
        <translation>llama.cpp konnte {file} nicht laden.{said}</translation>
    </message>
    <message>
        <source> It said: {text}</source>
        <translation> Meldung: {text}</translation>
    </message>
    <message>
        <source>This model was opened for its vocabulary only.</source>
        <translation>Dieses Modell wurde nur für sein Vokabular geöffnet.</translation>
    </message>
    <message>
        <source>The conversation is {n} tokens long, more than the context of {context} tokens. Start a new chat, or load the model with a longer context.</source>
        <translation>Das Gespräch ist {n} Token lang, mehr als der Kontext von {context} Token. Beginnen Sie einen neuen Chat oder laden Sie das Modell mit einem längeren Kontext.</translation>
    </message>
    <message>
        <source>Generation failed: {why}</source>
        <translation>Die Erzeugung ist fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>{n} requests are already waiting for the model; try again in a moment.</source>
        <translation>Schon {n} Anfragen warten auf das Modell; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The request was cancelled while it waited for the model.</source>
        <translation>Die Anfrage wurde abgebrochen, während sie auf das Modell wartete.</translation>
    </message>
    <message>
        <source>remote: {host}</source>
        <translation>Server {host}</translation>
    </message>
    <message>
        <source>Other OpenAI-compatible server</source>
        <translation>Anderer OpenAI-kompatibler Server</translation>
    </message>
    <message>
        <source>llama-cpp-python server</source>
        <translation>llama-cpp-python-Server</translation>
    </message>
    <message>
        <source>{host} has no model named {model}; it offers {models}.</source>
        <translation>{host} hat kein Modell namens {model}; angeboten werden {models}.</translation>
    </message>
    <message>
        <source>Name one of the models {host} offers: {models}.</source>
        <translation>Nennen Sie eines der Modelle, die {host} anbietet: {models}.</translation>
    </message>
    <message>
        <source>{url} answered 404 (not found): the base URL is wrong (most servers need it to end in /v1).</source>
        <translation>{url} antwortete mit 404 (nicht gefunden): Die Basis-URL ist falsch (bei den meisten Servern muss sie auf /v1 enden).</translation>
    </message>
    <message>
        <source>{host} renders the prompt itself, so it cannot be shown here; use a local model for that.</source>
        <translation>{host} bereitet den Prompt selbst auf, daher lässt er sich hier nicht zeigen; nehmen Sie dafür ein lokales Modell.</translation>
    </message>
    <message>
        <source>The remote model is busy answering; stop it first.</source>
        <translation>Das Modell auf dem Server antwortet gerade; stoppen Sie es zuerst.</translation>
    </message>
    <message>
        <source>The answer from {host} ended early; what arrived is kept.</source>
        <translation>Die Antwort von {host} endete zu früh; was angekommen ist, bleibt erhalten.</translation>
    </message>
    <message>
        <source>{host} sent an answer in a shape R1 Desk cannot read ({why}); what arrived is kept.</source>
        <translation>{host} hat eine Antwort in einer Form gesendet, die R1 Desk nicht lesen kann ({why}); was angekommen ist, bleibt erhalten.</translation>
    </message>
    <message>
        <source>{host} went on past the {n} tokens asked for; the answer was cut there (what arrived is kept).</source>
        <translation>{host} hat über die angeforderten {n} Tokens hinaus weitergesendet; die Antwort wurde dort abgeschnitten (was angekommen ist, bleibt erhalten).</translation>
    </message>
    <message>
        <source>{host} answered the list of models in a shape R1 Desk cannot read.</source>
        <translation>{host} hat die Modellliste in einer Form geliefert, die R1 Desk nicht lesen kann.</translation>
    </message>
    <message>
        <source>{host} refused the API key (401). Set the endpoint&apos;s key in the Endpoints tab, or {env}.</source>
        <translation>{host} hat den API-Schlüssel abgelehnt (401). Setzen Sie den Schlüssel des Endpunkts im Reiter „Endpunkte“ oder {env}.</translation>
    </message>
    <message>
        <source>{host} does not let this API key use {model} (403).{said}</source>
        <translation>{host} erlaubt diesem API-Schlüssel {model} nicht (403).{said}</translation>
    </message>
    <message>
        <source>{host} has no model named {model} (404), or the base URL is wrong (most servers need it to end in /v1). Test the connection in the Endpoints tab to see what it offers.</source>
        <translation>{host} hat kein Modell namens {model} (404), oder die Basis-URL ist falsch (bei den meisten Servern muss sie auf /v1 enden). Testen Sie die Verbindung im Reiter „Endpunkte“, um zu sehen, was er anbietet.</translation>
    </message>
    <message>
        <source> (it asks to wait {seconds} s)</source>
        <translation> (er bittet, {seconds} s zu warten)</translation>
    </message>
    <message>
        <source>{host} is busy and asked us to slow down (429){after}. Try again later.</source>
        <translation>{host} ist ausgelastet und bittet um weniger Anfragen (429){after}. Versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>{host} failed with a server error ({status}).{said}</source>
        <translation>{host} ist mit einem Serverfehler gescheitert ({status}).{said}</translation>
    </message>
    <message>
        <source>{host} refused the request ({status}).{said}</source>
        <translation>{host} hat die Anfrage abgelehnt ({status}).{said}</translation>
    </message>
    <message>
        <source>{host} stopped sending mid-answer (no data for too long).</source>
        <translation>{host} hat mitten in der Antwort aufgehört zu senden (zu lange keine Daten).</translation>
    </message>
    <message>
        <source>{host} did not answer in time.</source>
        <translation>{host} hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>{host} sent no part of the answer within {seconds} s of the request: it may be busy with other requests, or stuck. The request was stopped.</source>
        <translation>{host} hat innerhalb von {seconds} s nach der Anfrage keinen Teil der Antwort geschickt: Der Server ist vielleicht mit anderen Anfragen beschäftigt oder hängt. Die Anfrage wurde beendet.</translation>
    </message>
    <message>
        <source>{host} is this R1 Desk&apos;s own local API server: as a remote it would wait for this window&apos;s own answer. Load the model here directly, or point the endpoint at another server.</source>
        <translation>{host} ist der eigene lokale API-Server dieses R1 Desk: Als externer Server würde er auf die Antwort dieses Fensters warten, die auf ihn wartet. Laden Sie das Modell hier direkt, oder geben Sie einen anderen Server an.</translation>
    </message>
    <message>
        <source>{host} reported an error mid-answer: {text}</source>
        <translation>{host} meldete mitten in der Antwort einen Fehler: {text}</translation>
    </message>
    <message>
        <source>Talking to {host} failed: {error}: {text}</source>
        <translation>Die Verbindung mit {host} ist fehlgeschlagen: {error}: {text}</translation>
    </message>
    <message>
        <source>The certificate of {host} could not be verified ({why}). R1 Desk checks HTTPS against the system&apos;s trust store; for a private CA, point SSL_CERT_FILE at its certificate.</source>
        <translation>Das Zertifikat von {host} ließ sich nicht prüfen ({why}). R1 Desk prüft HTTPS gegen den Zertifikatsspeicher des Systems; für eine private CA lassen Sie SSL_CERT_FILE auf ihr Zertifikat zeigen.</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to {host} failed ({why}); is it an https:// server?</source>
        <translation>Eine sichere (TLS-)Verbindung zu {host} ist fehlgeschlagen ({why}); ist es ein https://-Server?</translation>
    </message>
    <message>
        <source>The host name in {url} could not be found. Check the URL and your network.</source>
        <translation>Der Hostname in {url} wurde nicht gefunden. Prüfen Sie die URL und Ihr Netzwerk.</translation>
    </message>
    <message>
        <source>Nothing answers at {host} (connection refused). Is the server running, on that port?</source>
        <translation>Unter {host} antwortet nichts (Verbindung abgelehnt). Läuft der Server, und zwar auf diesem Port?</translation>
    </message>
    <message>
        <source>The connection to {host} dropped mid-answer; what arrived is kept.</source>
        <translation>Die Verbindung zu {host} ist mitten in der Antwort abgebrochen; was angekommen ist, bleibt erhalten.</translation>
    </message>
    <message>
        <source>Cannot connect to {host}.</source>
        <translation>Keine Verbindung zu {host}.</translation>
    </message>
    <message>
        <source>{cpu}, {cores}, {ram}, {gpu}; llama.cpp backend: {backend}</source>
        <translation>{cpu}, {cores}, {ram}, {gpu}; llama.cpp-Backend: {backend}</translation>
    </message>
    <message>
        <source>no usable GPU</source>
        <translation>keine nutzbare GPU</translation>
    </message>
    <message>
        <source>No model is loaded to check.</source>
        <translation>Es ist kein Modell zum Prüfen geladen.</translation>
    </message>
    <message>
        <source>The problems shipped with R1 Desk ({path}) cannot be read: {why}. Reinstall R1 Desk.</source>
        <translation>Die mit R1 Desk gelieferten Aufgaben ({path}) lassen sich nicht lesen: {why}. Installieren Sie R1 Desk neu.</translation>
    </message>
    <message>
        <source>No suite called &apos;{name}&apos;. Suites: {names}.</source>
        <translation>Keine Aufgabenreihe namens „{name}“. Reihen: {names}.</translation>
    </message>
    <message>
        <source>The check&apos;s result could not be saved to {path} ({why}); the samples saved before it are kept.</source>
        <translation>Das Ergebnis der Prüfung ließ sich nicht in {path} speichern ({why}); die zuvor gespeicherten Antworten bleiben erhalten.</translation>
    </message>
    <message>
        <source>The earlier results {path} could not be set aside ({why}).</source>
        <translation>Die früheren Ergebnisse {path} ließen sich nicht beiseitelegen ({why}).</translation>
    </message>
    <message>
        <source>{n} cores</source>
        <translation>{n} Kerne</translation>
    </message>
    <message>
        <source>Your presets file was unreadable ({why}); it was saved as {backup} in {folder}, and your own presets start empty.</source>
        <translation>Ihre Voreinstellungsdatei war unlesbar ({why}); sie wurde als {backup} in {folder} gesichert, und Ihre eigenen Voreinstellungen beginnen leer.</translation>
    </message>
    <message>
        <source>Your presets file {path} is unreadable ({why}); your own presets are not used.</source>
        <translation>Ihre Voreinstellungsdatei {path} ist unlesbar ({why}); Ihre eigenen Voreinstellungen werden nicht verwendet.</translation>
    </message>
    <message>
        <source>it is nested too deeply to be a presets file</source>
        <translation>sie ist zu tief verschachtelt für eine Voreinstellungsdatei</translation>
    </message>
    <message>
        <source>Model file not found: {spec} is not a file here, and read as a Hugging Face file ({file} from {org}/{name}) it is not downloaded. To get it: r1desk pull {org}/{name} --file {file}</source>
        <translation>Modelldatei nicht gefunden: {spec} ist hier keine Datei, und als Hugging-Face-Datei gelesen ({file} aus {org}/{name}) ist sie nicht heruntergeladen. Zum Herunterladen: r1desk pull {org}/{name} --file {file}</translation>
    </message>
    <message>
        <source>{file} does not say which model architecture it is (general.architecture).</source>
        <translation>{file} gibt seine Modellarchitektur nicht an (general.architecture).</translation>
    </message>
    <message>
        <source>{file} uses the model architecture &apos;{arch}&apos;, which llama.cpp does not know. R1 Desk runs the DeepSeek-R1 distills (llama, qwen2 and qwen3 architectures) and other models llama.cpp supports.</source>
        <translation>{file} verwendet die Modellarchitektur „{arch}“, die llama.cpp nicht kennt. R1 Desk führt die DeepSeek-R1-Destillate (Architekturen llama, qwen2 und qwen3) und andere von llama.cpp unterstützte Modelle aus.</translation>
    </message>
    <message>
        <source>{file} has no tensors: it holds no model weights (a vocabulary-only file?).</source>
        <translation>{file} hat keine Tensoren: Die Datei enthält keine Modellgewichte (nur ein Vokabular?).</translation>
    </message>
    <message>
        <source>{file} is not a usable model: {key} is {value}, more than llama.cpp can hold (at most {max}).</source>
        <translation>{file} ist kein brauchbares Modell: {key} ist {value}, mehr als llama.cpp fassen kann (höchstens {max}).</translation>
    </message>
    <message>
        <source>{file} is not a usable {arch} model: {what}. The file is damaged or was made wrongly.</source>
        <translation>{file} ist kein brauchbares {arch}-Modell: {what}. Die Datei ist beschädigt oder fehlerhaft erstellt.</translation>
    </message>
    <message>
        <source>The model process crashed while {doing} ({how}).{said} You can load a model again.</source>
        <translation>Der Modellprozess ist abgestürzt (beim {doing}, {how}).{said} Sie können wieder ein Modell laden.</translation>
    </message>
    <message>
        <source>{n} GiB RAM</source>
        <translation>{n} GiB RAM</translation>
    </message>
    <message>
        <source>RAM unknown</source>
        <translation>RAM unbekannt</translation>
    </message>
    <message>
        <source>unknown CPU</source>
        <translation>unbekannte CPU</translation>
    </message>
    <message>
        <source>Apple GPU (unified memory)</source>
        <translation>Apple-GPU (gemeinsamer Speicher)</translation>
    </message>
    <message>
        <source>Free now: RAM {ram}.</source>
        <translation>Jetzt frei: RAM {ram}.</translation>
    </message>
    <message>
        <source>Free now: RAM {ram}, {gpus} (GPU memory from {source}).</source>
        <translation>Jetzt frei: RAM {ram}, {gpus} (GPU-Speicher laut {source}).</translation>
    </message>
    <message>
        <source>Apple&apos;s unified-memory rule</source>
        <translation>Apples Regel für gemeinsamen Speicher</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>fits on GPU</source>
        <translation>passt auf die GPU</translation>
    </message>
    <message>
        <source>partial offload</source>
        <translation>teilweise ausgelagert</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>partial offload: {gpu_layers} of {layers} layers</source>
        <translation>teilweise ausgelagert: {gpu_layers} von {layers} Schichten</translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}); {gpu} has {free} free</source>
        <translation>braucht {total} (Gewichte {weights} + KV-Cache {kv} + Puffer {buffers}); {gpu} hat {free} frei</translation>
    </message>
    <message>
        <source>needs {total}; {n} of {layers} layers fit in {gpu}&apos;s {free} free, the rest ({rest}) runs from RAM</source>
        <translation>braucht {total}; {n} von {layers} Schichten passen in die {free}, die auf {gpu} frei sind, der Rest ({rest}) läuft aus dem RAM</translation>
    </message>
    <message>
        <source>needs {total} of the {free} of unified memory Metal can use</source>
        <translation>braucht {total} der {free} gemeinsamen Speichers, die Metal nutzen kann</translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} + buffers {buffers}) of the {ram} of RAM a model can use here</source>
        <translation>braucht {total} (Gewichte {weights} + KV-Cache {kv} + Puffer {buffers}) der {ram} RAM, die ein Modell hier nutzen kann</translation>
    </message>
    <message>
        <source>needs {total} (weights {weights} + KV cache {kv} at {context}K context), more than this machine&apos;s {ram} usable RAM{gpu}</source>
        <translation>braucht {total} (Gewichte {weights} + KV-Cache {kv} bei {context}K Kontext), mehr als die nutzbaren {ram} RAM dieses Rechners{gpu}</translation>
    </message>
    <message>
        <source> and {gpu}&apos;s {free}</source>
        <translation> und die {free} von {gpu}</translation>
    </message>
    <message>
        <source>about {n} tokens/s</source>
        <translation>etwa {n} Token/s</translation>
    </message>
    <message>
        <source>The largest distill that runs at a usable speed here ({fit}, {speed}, {context}K context of thinking).</source>
        <translation>Das größte Destillat, das hier brauchbar schnell läuft ({fit}, {speed}, {context}K Kontext zum Nachdenken).</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a Hugging Face repository id (expected org/name or a URL).</source>
        <translation>„{text}“ ist keine Hugging-Face-Repository-ID (erwartet: org/name oder eine URL).</translation>
    </message>
    <message>
        <source>{what}: the repository is gated or private. Accept its terms on huggingface.co, then set HF_TOKEN (or run `hf auth login`) and try again.</source>
        <translation>{what}: Das Repository ist zugangsbeschränkt oder privat. Akzeptieren Sie seine Bedingungen auf huggingface.co, setzen Sie dann HF_TOKEN (oder führen Sie `hf auth login` aus) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{what}: no such repository (or it is private). Check the name.</source>
        <translation>{what}: Dieses Repository gibt es nicht (oder es ist privat). Prüfen Sie den Namen.</translation>
    </message>
    <message>
        <source>{what}: the repository has no such file.</source>
        <translation>{what}: Das Repository hat keine solche Datei.</translation>
    </message>
    <message>
        <source>{what}: no such revision.</source>
        <translation>{what}: Diese Revision gibt es nicht.</translation>
    </message>
    <message>
        <source>{what}: offline mode is on (HF_HUB_OFFLINE).</source>
        <translation>{what}: Der Offlinemodus ist an (HF_HUB_OFFLINE).</translation>
    </message>
    <message>
        <source>{what}: Hugging Face answered with an error (HTTP {code}). Try again later.</source>
        <translation>{what}: Hugging Face antwortete mit einem Fehler (HTTP {code}). Versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <source>{what}: HTTP {code}.</source>
        <translation>{what}: HTTP {code}.</translation>
    </message>
    <message>
        <source>{what}: cannot reach {endpoint} ({error}). Check your connection; a later pull resumes where this one stopped.</source>
        <translation>{what}: {endpoint} ist nicht erreichbar ({error}). Prüfen Sie Ihre Verbindung; ein späterer Download macht dort weiter, wo dieser aufgehört hat.</translation>
    </message>
    <message>
        <source>{what}: R1 Desk is offline (HF_HUB_OFFLINE is set). Models already downloaded still work.</source>
        <translation>{what}: R1 Desk ist offline (HF_HUB_OFFLINE ist gesetzt). Bereits heruntergeladene Modelle funktionieren weiter.</translation>
    </message>
    <message>
        <source>{repo} has no GGUF files. R1 Desk runs GGUF models; look for a repository whose name ends in -GGUF.</source>
        <translation>{repo} enthält keine GGUF-Dateien. R1 Desk führt GGUF-Modelle aus; suchen Sie ein Repository, dessen Name auf -GGUF endet.</translation>
    </message>
    <message>
        <source>{repo}/{file}: the server&apos;s answer lacks the commit or checksum headers.</source>
        <translation>{repo}/{file}: Der Antwort des Servers fehlen die Commit- oder Prüfsummen-Header.</translation>
    </message>
    <message>
        <source>Download cancelled; it will resume from here.</source>
        <translation>Download abgebrochen; er wird von hier aus fortgesetzt.</translation>
    </message>
    <message>
        <source>{file}: cannot write {part}: {why}.</source>
        <translation>{file}: {part} lässt sich nicht schreiben: {why}.</translation>
    </message>
    <message>
        <source>The models folder {folder} cannot be used: {path} is a file, not a folder. Check HF_HOME and HF_HUB_CACHE (or the models folder in the settings).</source>
        <translation>Der Modellordner {folder} ist nicht nutzbar: {path} ist eine Datei, kein Ordner. Prüfen Sie HF_HOME und HF_HUB_CACHE (oder den Modellordner in den Einstellungen).</translation>
    </message>
    <message>
        <source>Download cancelled at {done} of {total} MB; the next pull resumes from there.</source>
        <translation>Download bei {done} von {total} MB abgebrochen; der nächste Download macht dort weiter.</translation>
    </message>
    <message>
        <source>{file}: the connection keeps failing ({error}); {done} of {total} MB are saved and the next pull resumes from there.</source>
        <translation>{file}: Die Verbindung bricht immer wieder ab ({error}); {done} von {total} MB sind gespeichert, und der nächste Download macht dort weiter.</translation>
    </message>
    <message>
        <source>{file} failed its checksum (sha256 {got}…, expected {expected}…; {done} of {total} bytes): the download was corrupted. It was deleted; pull it again.</source>
        <translation>{file} hat die Prüfsumme nicht bestanden (sha256 {got}…, erwartet {expected}…; {done} von {total} Bytes): Der Download war beschädigt. Er wurde gelöscht; laden Sie ihn erneut herunter.</translation>
    </message>
    <message>
        <source>{url}: access denied (HTTP {code}). The repository is gated or private: accept its terms on huggingface.co and set HF_TOKEN.</source>
        <translation>{url}: Zugriff verweigert (HTTP {code}). Das Repository ist zugangsbeschränkt oder privat: Akzeptieren Sie seine Bedingungen auf huggingface.co und setzen Sie HF_TOKEN.</translation>
    </message>
    <message>
        <source>{url}: not found (HTTP 404).</source>
        <translation>{url}: nicht gefunden (HTTP 404).</translation>
    </message>
    <message>
        <source>Loading {model} for an API request…</source>
        <translation>Lade {model} für eine API-Anfrage …</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>Review the proposed edits</source>
        <translation>Vorgeschlagene Änderungen prüfen</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>The file on disk on the left, the proposal on the right (else one column)</source>
        <translation>Links die Datei auf der Festplatte, rechts der Vorschlag (sonst eine Spalte)</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>Diff</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>U&amp;ndo apply</source>
        <translation>Anwenden rück&amp;gängig</translation>
    </message>
    <message>
        <source>&amp;Re-attach</source>
        <translation>Neu an&amp;hängen</translation>
    </message>
    <message>
        <source>Apply a&amp;ll</source>
        <translation>A&amp;lle anwenden</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>{file} (refused)</source>
        <translation>{file} (abgelehnt)</translation>
    </message>
    <message>
        <source>{file} (cannot apply)</source>
        <translation>{file} (nicht anwendbar)</translation>
    </message>
    <message>
        <source>Changed on disk since it was attached</source>
        <translation>Auf der Festplatte geändert, seit sie angehängt wurde</translation>
    </message>
    <message>
        <source>Proposed, against the file on disk now</source>
        <translation>Vorschlag, verglichen mit der Datei auf der Festplatte</translation>
    </message>
    <message>
        <source>{file} changed on disk since it was attached: the answer was written against the version attached, not the one on disk. It is not applied; re-attach the file and ask again.</source>
        <translation>{file} wurde auf der Festplatte geändert, seit sie angehängt wurde: Die Antwort bezieht sich auf die angehängte Fassung, nicht auf die auf der Festplatte. Sie wird nicht angewendet; hängen Sie die Datei neu an und fragen Sie noch einmal.</translation>
    </message>
    <message>
        <source>Applied: the diff shows what was written. Undo apply puts the file back.</source>
        <translation>Angewendet: Der Diff zeigt, was geschrieben wurde. „Anwenden rückgängig“ stellt die Datei wieder her.</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Downloading {names}: connecting…</source>
        <translation>Lade {names} herunter: verbinde …</translation>
    </message>
    <message>
        <source>Downloading {names}: {percent}% · {speed} MB/s</source>
        <translation>Lade {names} herunter: {percent} % · {speed} MB/s</translation>
    </message>
</context>
<context>
    <name>DownloadStatus</name>
    <message>
        <source>{name} downloaded and verified.</source>
        <translation>{name} heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <source>The download of {name} failed.</source>
        <translation>Der Download von {name} ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>Nothing was downloaded yet.</source>
        <translation>Es wurde noch nichts heruntergeladen.</translation>
    </message>
    <message>
        <source>{kept} of {total} is on disk; the download resumes from there.</source>
        <translation>{kept} von {total} liegen auf der Festplatte; der Download macht dort weiter.</translation>
    </message>
    <message>
        <source>{kept} is on disk; the download resumes from there.</source>
        <translation>{kept} liegen auf der Festplatte; der Download macht dort weiter.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>Changed on disk since it was attached: not applied.</source>
        <translation>Auf der Festplatte geändert, seit sie angehängt wurde: nicht angewendet.</translation>
    </message>
    <message>
        <source>{file} was written, but what undoes it could not be kept: {problem}</source>
        <translation>{file} wurde geschrieben, aber was es rückgängig macht, ließ sich nicht speichern: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n edit(s).</source>
        <translation>
            <numerusform>%n Änderung angewendet.</numerusform>
            <numerusform>%n Änderungen angewendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>{file} is back as it was.</source>
        <translation>{file} ist wieder wie vorher.</translation>
    </message>
    <message>
        <source>{file} goes with your next message as it is now.</source>
        <translation>{file} geht so, wie sie jetzt ist, mit Ihrer nächsten Nachricht mit.</translation>
    </message>
</context>
<context>
    <name>EditsPanel</name>
    <message>
        <source>Proposed edits</source>
        <translation>Vorgeschlagene Änderungen</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Prüfen…</translation>
    </message>
    <message>
        <source>Show the changes file by file, as a diff</source>
        <translation>Die Änderungen Datei für Datei als Diff zeigen</translation>
    </message>
    <message>
        <source>Apply all</source>
        <translation>Alle anwenden</translation>
    </message>
    <message>
        <source>Write every proposed change to its file (each can be undone)</source>
        <translation>Jede vorgeschlagene Änderung in ihre Datei schreiben (jede lässt sich rückgängig machen)</translation>
    </message>
    <message numerus="yes">
        <source>Proposed edits to %n file(s)</source>
        <translation>
            <numerusform>Vorgeschlagene Änderungen an %n Datei</numerusform>
            <numerusform>Vorgeschlagene Änderungen an %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>{files}: {added} lines added, {removed} removed</source>
        <translation>{files}: {added} Zeilen hinzugefügt, {removed} entfernt</translation>
    </message>
    <message>
        <source>new file</source>
        <translation>neue Datei</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>changed since attached</source>
        <translation>seit dem Anhängen geändert</translation>
    </message>
    <message>
        <source>cannot apply</source>
        <translation>nicht anwendbar</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Show this file&apos;s diff</source>
        <translation>Den Diff dieser Datei zeigen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Write this change to the file (it can be undone)</source>
        <translation>Diese Änderung in die Datei schreiben (lässt sich rückgängig machen)</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Leave this file as it is</source>
        <translation>Diese Datei lassen, wie sie ist</translation>
    </message>
    <message>
        <source>Undo apply</source>
        <translation>Anwenden rückgängig</translation>
    </message>
    <message>
        <source>Put the file back as it was</source>
        <translation>Die Datei wiederherstellen, wie sie war</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Propose this change again</source>
        <translation>Diese Änderung wieder vorschlagen</translation>
    </message>
    <message>
        <source>Re-attach</source>
        <translation>Neu anhängen</translation>
    </message>
    <message>
        <source>Attach the file as it is now to your next message, so the model sees it</source>
        <translation>Die Datei, wie sie jetzt ist, an Ihre nächste Nachricht hängen, damit das Modell sie sieht</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Download and start</source>
        <translation>Herunterladen und starten</translation>
    </message>
    <message>
        <source>Choose another model…</source>
        <translation>Anderes Modell wählen …</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>GGUF-Datei öffnen …</translation>
    </message>
    <message>
        <source>The model picker ({key})</source>
        <translation>Die Modellauswahl ({key})</translation>
    </message>
    <message>
        <source>A model file on this computer ({key})</source>
        <translation>Eine Modelldatei auf diesem Computer ({key})</translation>
    </message>
    <message>
        <source>No model is loaded yet: {choose}, or {open}.</source>
        <translation>Noch ist kein Modell geladen: {choose} oder {open}.</translation>
    </message>
    <message>
        <source>{model} runs on {host}: your messages are sent there to be answered.</source>
        <translation>{model} läuft auf {host}: Ihre Nachrichten werden zur Beantwortung dorthin geschickt.</translation>
    </message>
    <message>
        <source>A DeepSeek-R1 model runs on this computer.</source>
        <translation>Auf diesem Computer läuft ein DeepSeek-R1-Modell.</translation>
    </message>
    <message>
        <source>{model} runs on this computer.</source>
        <translation>{model} läuft auf diesem Computer.</translation>
    </message>
    <message>
        <source>Ask it something hard: it thinks first, and you can watch its reasoning in the Thinking pane.</source>
        <translation>Stellen Sie ihm eine schwere Frage: Es denkt zuerst nach, und Sie können seinen Denkprozess im Denkbereich verfolgen.</translation>
    </message>
    <message>
        <source>Nothing leaves your machine.</source>
        <translation>Nichts verlässt Ihren Rechner.</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Download wiederholen</translation>
    </message>
    <message>
        <source>You are offline: downloading needs a connection to Hugging Face. To use a model you already have, copy its .gguf file onto this computer and choose Open GGUF file… (or run &apos;r1desk import FILE&apos; in a terminal).</source>
        <translation>Sie sind offline: Zum Herunterladen braucht es eine Verbindung zu Hugging Face. Um ein Modell zu nutzen, das Sie schon haben, kopieren Sie seine .gguf-Datei auf diesen Computer und wählen Sie „GGUF-Datei öffnen …“ (oder führen Sie „r1desk import DATEI“ in einem Terminal aus).</translation>
    </message>
    <message>
        <source>Unavailable offline</source>
        <translation>Offline nicht verfügbar</translation>
    </message>
    <message>
        <source>The best fit for this machine: {model}.</source>
        <translation>Am besten passt zu diesem Rechner: {model}.</translation>
    </message>
    <message>
        <source>The download did not finish. {why}</source>
        <translation>Der Download wurde nicht fertig. {why}</translation>
    </message>
    <message>
        <source>No model is on this computer yet. Open a GGUF file you already have.</source>
        <translation>Auf diesem Computer ist noch kein Modell. Öffnen Sie eine GGUF-Datei, die Sie schon haben.</translation>
    </message>
    <message>
        <source>R1 Desk runs DeepSeek-R1 reasoning models privately on your computer.</source>
        <translation>R1 Desk führt DeepSeek-R1-Denkmodelle privat auf Ihrem Computer aus.</translation>
    </message>
</context>
<context>
    <name>EndpointsTab</name>
    <message>
        <source>A key is stored in the system keyring (type a new one to replace it).</source>
        <translation>Im Systemschlüsselbund ist ein Schlüssel gespeichert (geben Sie einen neuen ein, um ihn zu ersetzen).</translation>
    </message>
    <message>
        <source>No stored key: R1DESK_API_KEY from the environment is used.</source>
        <translation>Kein gespeicherter Schlüssel: R1DESK_API_KEY aus der Umgebung wird verwendet.</translation>
    </message>
    <message>
        <source>No key: fine for servers that need none (llama-server, vLLM and Ollama by default).</source>
        <translation>Kein Schlüssel: in Ordnung für Server, die keinen brauchen (llama-server, vLLM und Ollama in der Grundeinstellung).</translation>
    </message>
    <message>
        <source>Saved endpoints</source>
        <translation>Gespeicherte Endpunkte</translation>
    </message>
    <message>
        <source>GPU box</source>
        <translation>GPU-Rechner</translation>
    </message>
    <message>
        <source>model names, comma-separated (Test connection fills this in)</source>
        <translation>Modellnamen, durch Kommas getrennt („Verbindung testen“ füllt das aus)</translation>
    </message>
    <message>
        <source>API key (kept in the system keyring, never shown)</source>
        <translation>API-Schlüssel (im Systemschlüsselbund verwahrt, nie angezeigt)</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>New endpoint</source>
        <translation>Neuer Endpunkt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove endpoint</source>
        <translation>Endpunkt entfernen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save endpoint</source>
        <translation>Endpunkt speichern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Kept in the system keyring; a stored key is never shown</source>
        <translation>Im Systemschlüsselbund verwahrt; ein gespeicherter Schlüssel wird nie angezeigt</translation>
    </message>
    <message>
        <source>Add a server: its base URL, then Test connection.</source>
        <translation>Fügen Sie einen Server hinzu: seine Basis-URL, dann „Verbindung testen“.</translation>
    </message>
    <message>
        <source>Plain http:// to another machine: the API key and your chats cross the network unencrypted. Use https:// (or an SSH tunnel) outside a trusted network.</source>
        <translation>Unverschlüsseltes http:// zu einem anderen Rechner: Der API-Schlüssel und Ihre Chats gehen unverschlüsselt durchs Netz. Verwenden Sie außerhalb eines vertrauenswürdigen Netzes https:// (oder einen SSH-Tunnel).</translation>
    </message>
    <message>
        <source>The key was not saved</source>
        <translation>Der Schlüssel wurde nicht gespeichert</translation>
    </message>
    <message>
        <source>Saved {name}. Its models are in the Models tab.</source>
        <translation>{name} gespeichert. Seine Modelle stehen im Reiter „Modelle“.</translation>
    </message>
    <message>
        <source>Remove {name} and its stored key?</source>
        <translation>{name} und den gespeicherten Schlüssel entfernen?</translation>
    </message>
    <message>
        <source>Connecting to {host}…</source>
        <translation>Verbinde mit {host} …</translation>
    </message>
    <message>
        <source>The connection test failed: {why}</source>
        <translation>Der Verbindungstest ist fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>(it lists no models)</source>
        <translation>(er nennt keine Modelle)</translation>
    </message>
    <message>
        <source>Connected in {ms} ms.</source>
        <translation>Verbunden in {ms} ms.</translation>
    </message>
    <message>
        <source>It looks like {server}.</source>
        <translation>Es scheint {server} zu sein.</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Downloading {model}…</source>
        <translation>Lade {model} herunter …</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Send the message</source>
        <translation>Die Nachricht senden</translation>
    </message>
    <message>
        <source>A new line in the message</source>
        <translation>Eine neue Zeile in der Nachricht</translation>
    </message>
    <message>
        <source>Stop the answer; while editing a message, cancel the edit</source>
        <translation>Die Antwort stoppen; beim Bearbeiten einer Nachricht die Bearbeitung abbrechen</translation>
    </message>
    <message>
        <source>Move through the chat list, then open the chat</source>
        <translation>Durch die Chatliste gehen, dann den Chat öffnen</translation>
    </message>
    <message>
        <source>In the chat list: delete the chat (Undo is offered)</source>
        <translation>In der Chatliste: den Chat löschen (Rückgängig wird angeboten)</translation>
    </message>
    <message>
        <source>Move between controls (in the conversation: between each answer&apos;s buttons)</source>
        <translation>Zwischen den Bedienelementen wechseln (im Gespräch: zwischen den Schaltflächen jeder Antwort)</translation>
    </message>
    <message>
        <source>Press the focused button; open or close a focused thinking pane</source>
        <translation>Die ausgewählte Schaltfläche drücken; einen ausgewählten Denkbereich öffnen oder schließen</translation>
    </message>
    <message>
        <source>In a dialog with tabs: the next tab</source>
        <translation>In einem Dialog mit Reitern: der nächste Reiter</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Eingabe</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>The language changes when R1 Desk starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von R1 Desk.</translation>
    </message>
</context>
<context>
    <name>LiveFigures</name>
    <message>
        <source>Waiting for a request to the local API to finish… {seconds} s</source>
        <translation>Wartet, bis eine Anfrage an die lokale API fertig ist … {seconds} s</translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {percent} % · {seconds} s · about {left} s left</source>
        <translation>
            <numerusform>Lese %Ln Token … {percent} % · {seconds} s · noch etwa {left} s</numerusform>
            <numerusform>Lese %Ln Token … {percent} % · {seconds} s · noch etwa {left} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {seconds} s</source>
        <translation>
            <numerusform>Lese %Ln Token … {seconds} s</numerusform>
            <numerusform>Lese %Ln Token … {seconds} s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading your message… {seconds} s</source>
        <translation>Liest Ihre Nachricht … {seconds} s</translation>
    </message>
</context>
<context>
    <name>LocalServer</name>
    <message>
        <source>The local server could not start: {why}</source>
        <translation>Der lokale Server konnte nicht starten: {why}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n answer(s) were interrupted when the app last closed; they are marked.</source>
        <translation>
            <numerusform>%n Antwort wurde beim letzten Schließen der App unterbrochen; sie ist markiert.</numerusform>
            <numerusform>%n Antworten wurden beim letzten Schließen der App unterbrochen; sie sind markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drop to attach to your message.</source>
        <translation>Loslassen, um es an Ihre Nachricht anzuhängen.</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Ein GGUF-Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>Stop the answer before reloading the model.</source>
        <translation>Stoppen Sie die Antwort, bevor Sie das Modell neu laden.</translation>
    </message>
    <message>
        <source>Stop the answer before changing the model.</source>
        <translation>Stoppen Sie die Antwort, bevor Sie das Modell wechseln.</translation>
    </message>
    <message>
        <source>Load a model first, then check it.</source>
        <translation>Laden Sie zuerst ein Modell, dann prüfen Sie es.</translation>
    </message>
    <message>
        <source>Reload the model?</source>
        <translation>Modell neu laden?</translation>
    </message>
    <message>
        <source>These changes take effect when the model is loaded again. Reload it now?</source>
        <translation>Diese Änderungen wirken, wenn das Modell neu geladen wird. Jetzt neu laden?</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Answers not saved</source>
        <translation>Antworten nicht gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) could not be saved because the disk is full. Free some space and they are saved by themselves within seconds.

Quit anyway and lose them?</source>
        <translation>
            <numerusform>%n Antwort ließ sich nicht speichern, weil der Datenträger voll ist. Geben Sie etwas Platz frei, dann wird sie binnen Sekunden von selbst gespeichert.

Trotzdem beenden und sie verlieren?</numerusform>
            <numerusform>%n Antworten ließen sich nicht speichern, weil der Datenträger voll ist. Geben Sie etwas Platz frei, dann werden sie binnen Sekunden von selbst gespeichert.

Trotzdem beenden und sie verlieren?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemoryBar</name>
    <message>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV-Cache</translation>
    </message>
    <message>
        <source>buffers</source>
        <translation>Puffer</translation>
    </message>
    <message>
        <source>Memory needed compared with this machine</source>
        <translation>Benötigter Speicher im Vergleich zu diesem Rechner</translation>
    </message>
    <message>
        <source>weights {weights} + KV cache {kv} + buffers {buffers} = {total}</source>
        <translation>Gewichte {weights} + KV-Cache {kv} + Puffer {buffers} = {total}</translation>
    </message>
    <message>
        <source>needs {size}</source>
        <translation>braucht {size}</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Font size</source>
        <translation>&amp;Schriftgröße</translation>
    </message>
    <message>
        <source>Thinking &amp;pane</source>
        <translation>&amp;Denkbereich</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>ModelDefaults</name>
    <message>
        <source>context {value} tokens</source>
        <translation>Kontext {value} Token</translation>
    </message>
    <message>
        <source>KV cache {value}</source>
        <translation>KV-Cache {value}</translation>
    </message>
    <message>
        <source>GPU layers {value}</source>
        <translation>GPU-Schichten {value}</translation>
    </message>
    <message>
        <source>KV cache (K) {value}</source>
        <translation>KV-Cache (K) {value}</translation>
    </message>
    <message>
        <source>KV cache (V) {value}</source>
        <translation>KV-Cache (V) {value}</translation>
    </message>
    <message>
        <source>flash attention {value}</source>
        <translation>Flash Attention {value}</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Own settings: {settings}.</source>
        <translation>Eigene Einstellungen: {settings}.</translation>
    </message>
    <message>
        <source>Loads with the general settings.</source>
        <translation>Lädt mit den allgemeinen Einstellungen.</translation>
    </message>
    <message>
        <source>Last load: estimated {estimate}, used {used}.</source>
        <translation>Zuletzt geladen: geschätzt {estimate}, belegt {used}.</translation>
    </message>
</context>
<context>
    <name>ModelDefaultsBox</name>
    <message>
        <source>Per-model load settings</source>
        <translation>Ladeeinstellungen je Modell</translation>
    </message>
    <message>
        <source>A model remembers the context, GPU layers, KV cache and flash attention it last loaded with; the window, r1desk and the API use them until you change the general setting or reset them here.</source>
        <translation>Ein Modell merkt sich Kontext, GPU-Schichten, KV-Cache und Flash Attention, mit denen es zuletzt geladen wurde; das Fenster, r1desk und die API verwenden sie, bis Sie die allgemeine Einstellung ändern oder sie hier zurücksetzen.</translation>
    </message>
    <message>
        <source>Models with remembered load settings</source>
        <translation>Modelle mit gemerkten Ladeeinstellungen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Reset the selected model&apos;s load settings</source>
        <translation>Die Ladeeinstellungen des gewählten Modells zurücksetzen</translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation>Alle zurücksetzen</translation>
    </message>
    <message>
        <source>Reset every model&apos;s load settings</source>
        <translation>Die Ladeeinstellungen aller Modelle zurücksetzen</translation>
    </message>
    <message>
        <source>No model has been loaded yet.</source>
        <translation>Es wurde noch kein Modell geladen.</translation>
    </message>
</context>
<context>
    <name>ModelLoader</name>
    <message>
        <source>{model} on {host}</source>
        <translation>{model} auf {host}</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>context from the load settings</source>
        <translation>Kontext aus den Ladeeinstellungen</translation>
    </message>
    <message>
        <source>8K context</source>
        <translation>8K Kontext</translation>
    </message>
    <message>
        <source>32K context (R1&apos;s thinking)</source>
        <translation>32K Kontext (Platz zum Nachdenken)</translation>
    </message>
    <message>
        <source>native (128K)</source>
        <translation>nativ (128K)</translation>
    </message>
    <message>
        <source>any size</source>
        <translation>jede Größe</translation>
    </message>
    <message>
        <source>under 5 GB</source>
        <translation>unter 5 GB</translation>
    </message>
    <message>
        <source>under 10 GB</source>
        <translation>unter 10 GB</translation>
    </message>
    <message>
        <source>under 20 GB</source>
        <translation>unter 20 GB</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>You are offline: downloading needs a connection to Hugging Face. Models on this computer still load.</source>
        <translation>Sie sind offline: Zum Herunterladen braucht es eine Verbindung zu Hugging Face. Modelle auf diesem Computer lassen sich weiter laden.</translation>
    </message>
    <message>
        <source>Context length for the memory estimate</source>
        <translation>Kontextlänge für die Speicherschätzung</translation>
    </message>
    <message>
        <source>Fits this machine</source>
        <translation>Passt auf diesen Rechner</translation>
    </message>
    <message>
        <source>Hide the files that are too large for this machine</source>
        <translation>Dateien ausblenden, die für diesen Rechner zu groß sind</translation>
    </message>
    <message>
        <source>Largest download size</source>
        <translation>Größte Downloadgröße</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Eignung</translation>
    </message>
    <message>
        <source>Models and their quantizations</source>
        <translation>Modelle und ihre Quantisierungen</translation>
    </message>
    <message>
        <source>Arrow keys move through the list; Right opens a group; Enter loads an installed file</source>
        <translation>Pfeiltasten bewegen durch die Liste; Rechts öffnet eine Gruppe; Eingabe lädt eine installierte Datei</translation>
    </message>
    <message>
        <source>Selected model</source>
        <translation>Ausgewähltes Modell</translation>
    </message>
    <message>
        <source>About the selected model</source>
        <translation>Über das ausgewählte Modell</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Downloadfortschritt</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>Downloadstatus</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Check this model…</source>
        <translation>Dieses Modell prüfen …</translation>
    </message>
    <message>
        <source>Measure its MATH-500 score here, beside the paper&apos;s figure</source>
        <translation>Seinen MATH-500-Wert hier messen, neben dem Wert aus dem Paper</translation>
    </message>
    <message>
        <source>Add from Hugging Face…</source>
        <translation>Von Hugging Face hinzufügen …</translation>
    </message>
    <message>
        <source>Open GGUF file…</source>
        <translation>GGUF-Datei öffnen …</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Arrow keys scroll</source>
        <translation>Pfeiltasten blättern</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>Local models or remote servers</source>
        <translation>Lokale Modelle oder externe Server</translation>
    </message>
    <message>
        <source>Models or endpoints</source>
        <translation>Modelle oder Endpunkte</translation>
    </message>
    <message>
        <source>Recommended for this machine: {model} ({size}).</source>
        <translation>Empfohlen für diesen Rechner: {model} ({size}).</translation>
    </message>
    <message>
        <source>No model in the catalog runs at a usable speed here; the smallest ones still work, slowly.</source>
        <translation>Kein Modell des Katalogs läuft hier brauchbar schnell; die kleinsten funktionieren trotzdem, nur langsam.</translation>
    </message>
    <message>
        <source>Choose a quantization on the left.</source>
        <translation>Wählen Sie links eine Quantisierung.</translation>
    </message>
    <message>
        <source>usable RAM</source>
        <translation>nutzbarer RAM</translation>
    </message>
    <message>
        <source>Unavailable offline</source>
        <translation>Offline nicht verfügbar</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>Download fortsetzen</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Download wiederholen</translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation>Installiert.</translation>
    </message>
    <message>
        <source>Downloading needs a connection.</source>
        <translation>Zum Herunterladen braucht es eine Verbindung.</translation>
    </message>
    <message>
        <source>Too large for this machine</source>
        <translation>Zu groß für diesen Rechner</translation>
    </message>
    <message>
        <source>{model} {detail}: it will not run on this machine. Download {size} anyway?</source>
        <translation>{model} {detail}: Es wird auf diesem Rechner nicht laufen. Trotzdem {size} herunterladen?</translation>
    </message>
    <message>
        <source>Downloading {model}…</source>
        <translation>Lade {model} herunter …</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Modell löschen</translation>
    </message>
    <message>
        <source>Delete {model} from this computer?</source>
        <translation>{model} von diesem Computer löschen?</translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation>Heruntergeladen und geprüft.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Download failed: {why}</source>
        <translation>Download fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>Downloading {file} from {repo}…</source>
        <translation>Lade {file} aus {repo} herunter …</translation>
    </message>
    <message>
        <source>Open a GGUF model</source>
        <translation>Ein GGUF-Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>This file cannot be used</source>
        <translation>Diese Datei ist nicht verwendbar</translation>
    </message>
</context>
<context>
    <name>ModelStatus</name>
    <message>
        <source>{model} loaded in {seconds} s.</source>
        <translation>{model} in {seconds} s geladen.</translation>
    </message>
    <message>
        <source>{message}

{model} is still loaded.</source>
        <translation>{message}

{model} ist weiterhin geladen.</translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation>Das Modell ließ sich nicht laden</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notices</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss these notices</source>
        <translation>Diese Hinweise schließen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln chat(s)</source>
        <translation>
            <numerusform>%Ln Chat</numerusform>
            <numerusform>%Ln Chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{chats} and %Ln message(s) were recovered</source>
        <translation>
            <numerusform>{chats} und %Ln Nachricht wurden wiederhergestellt</numerusform>
            <numerusform>{chats} und %Ln Nachrichten wurden wiederhergestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing in it could be read, so your chats start empty</source>
        <translation>nichts darin war lesbar, daher beginnen Ihre Chats leer</translation>
    </message>
    <message>
        <source>Your chats database was damaged. It was kept as {file}, and {what}. The damaged file stays in {folder} in case you want to try other tools.</source>
        <translation>Ihre Chat-Datenbank war beschädigt. Sie wurde als {file} aufbewahrt, und {what}. Die beschädigte Datei bleibt in {folder}, falls Sie andere Werkzeuge ausprobieren möchten.</translation>
    </message>
</context>
<context>
    <name>OverflowBanner</name>
    <message>
        <source>The message does not fit</source>
        <translation>Die Nachricht passt nicht</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Keep editing the message</source>
        <translation>Die Nachricht weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>Picker</name>
    <message>
        <source>({n} parts)</source>
        <translation>({n} Teile)</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>Basismodell</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Benchmarks</source>
        <translation>Benchmarks</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Checked here</source>
        <translation>Hier geprüft</translation>
    </message>
    <message>
        <source>{verdict}: {detail}.</source>
        <translation>{verdict}: {detail}.</translation>
    </message>
    <message>
        <source>About {speed} tokens/s (estimate).</source>
        <translation>Etwa {speed} Token/s (Schätzung).</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Estimated for {n} tokens of context, KV cache {kv}, flash attention {flash}.</source>
        <translation>Geschätzt für {n} Token Kontext, KV-Cache {kv}, Flash Attention {flash}.</translation>
    </message>
    <message>
        <source>These are this file&apos;s own load settings (Settings ▸ Inference resets them).</source>
        <translation>Das sind die eigenen Ladeeinstellungen dieser Datei (Einstellungen ▸ Inferenz setzt sie zurück).</translation>
    </message>
    <message>
        <source>Last load: estimated {estimate}, used {used}.</source>
        <translation>Zuletzt geladen: geschätzt {estimate}, belegt {used}.</translation>
    </message>
    <message>
        <source>all GPUs</source>
        <translation>alle GPUs</translation>
    </message>
    <message>
        <source>{done} of {total} · {speed} MB/s</source>
        <translation>{done} von {total} · {speed} MB/s</translation>
    </message>
    <message>
        <source>{minutes} min left</source>
        <translation>noch {minutes} min</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>noch {seconds} s</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>partial offload</source>
        <translation>teilweise ausgelagert</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>partial: {gpu}/{layers} layers</source>
        <translation>teilweise: {gpu}/{layers} Schichten</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>wird geladen</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>heruntergeladen</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>geöffnet</translation>
    </message>
    <message>
        <source>On this computer ({n})</source>
        <translation>Auf diesem Computer ({n})</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>This file cannot be read as a GGUF model.</source>
        <translation>Diese Datei lässt sich nicht als GGUF-Modell lesen.</translation>
    </message>
    <message>
        <source>Downloaded from {repo} (the Hugging Face cache).</source>
        <translation>Heruntergeladen von {repo} (der Hugging-Face-Cache).</translation>
    </message>
    <message>
        <source>Opened from disk; Remove only takes it off this list.</source>
        <translation>Von der Festplatte geöffnet; „Aus der Liste entfernen“ nimmt sie nur von dieser Liste.</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} Token</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Delete {file} ({size}) from this computer?</source>
        <translation>{file} ({size}) von diesem Computer löschen?</translation>
    </message>
    <message>
        <source>Take {file} off the list? The file itself stays where it is.</source>
        <translation>{file} von der Liste nehmen? Die Datei selbst bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>(remote)</source>
        <translation>(Server)</translation>
    </message>
    <message>
        <source>remote: {host}</source>
        <translation>Server {host}</translation>
    </message>
    <message>
        <source>Runs on {url}, not on this machine</source>
        <translation>Läuft auf {url}, nicht auf diesem Rechner</translation>
    </message>
    <message>
        <source>(no models: Test connection in the Endpoints tab)</source>
        <translation>(keine Modelle: „Verbindung testen“ im Reiter „Endpunkte“)</translation>
    </message>
    <message>
        <source>Deep Thinking off is passed to the server.</source>
        <translation>„Nachdenken aus“ wird an den Server übergeben.</translation>
    </message>
    <message>
        <source>The server decides whether the model thinks.</source>
        <translation>Der Server entscheidet, ob das Modell nachdenkt.</translation>
    </message>
    <message>
        <source>Answer now continues with an answer.</source>
        <translation>„Jetzt antworten“ setzt mit einer Antwort fort.</translation>
    </message>
    <message>
        <source>Answer now stops the reasoning (the server cannot continue it).</source>
        <translation>„Jetzt antworten“ stoppt den Denkprozess (der Server kann ihn nicht fortsetzen).</translation>
    </message>
    <message>
        <source>HTTPS, certificate checked.</source>
        <translation>HTTPS, Zertifikat geprüft.</translation>
    </message>
    <message>
        <source>Plain HTTP on this machine.</source>
        <translation>Unverschlüsseltes HTTP auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Plain HTTP: not encrypted.</source>
        <translation>Unverschlüsseltes HTTP: nicht verschlüsselt.</translation>
    </message>
    <message>
        <source>Runs on {host} ({kind}), not on this machine: memory and speed are the server&apos;s.</source>
        <translation>Läuft auf {host} ({kind}), nicht auf diesem Rechner: Speicher und Geschwindigkeit sind Sache des Servers.</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>remote</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>geladen</translation>
    </message>
    <message>
        <source>The window uses this model now</source>
        <translation>Das Fenster nutzt gerade dieses Modell</translation>
    </message>
</context>
<context>
    <name>PresetNames</name>
    <message>
        <source>R1 (paper)</source>
        <translation>R1 (Paper)</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Precise (0.5)</source>
        <translation>Präzise (0,5)</translation>
    </message>
    <message>
        <source>Exploratory (0.7)</source>
        <translation>Explorativ (0,7)</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>The DeepSeek-R1 paper&apos;s settings: temperature 0.6, top-p 0.95, nothing else, up to 32,768 new tokens.</source>
        <translation>Die Einstellungen aus dem DeepSeek-R1-Paper: Temperatur 0,6, Top-p 0,95, sonst nichts, bis zu 32.768 neue Token.</translation>
    </message>
    <message>
        <source>The paper&apos;s settings plus the model card&apos;s math directive, so the final answer is boxed. The directive stays in English whatever the window&apos;s language: it is the sentence the models were trained with.</source>
        <translation>Die Einstellungen aus dem Paper plus die Mathematik-Anweisung der Modellkarte, damit die Endantwort eingerahmt wird. Die Anweisung bleibt in jeder Sprache des Fensters englisch: Mit genau diesem Satz wurden die Modelle trainiert.</translation>
    </message>
    <message>
        <source>For code: the paper&apos;s sampling and no system prompt; asks for complete code, each file&apos;s path on the line before its block, and SEARCH/REPLACE blocks for changes to long files (edits you can review and apply).</source>
        <translation>Für Code: das Sampling aus dem Paper und kein Systemprompt; bittet um vollständigen Code, mit dem Pfad jeder Datei in der Zeile vor ihrem Block, und um SEARCH/REPLACE-Blöcke für Änderungen an langen Dateien (Änderungen, die Sie prüfen und anwenden können).</translation>
    </message>
    <message>
        <source>The low end of the model cards&apos; range: steadier, less varied reasoning.</source>
        <translation>Das untere Ende der Spanne aus den Modellkarten: ruhigeres, weniger abwechslungsreiches Denken.</translation>
    </message>
    <message>
        <source>The high end of the model cards&apos; range: more varied ideas, for brainstorming and sampling several answers.</source>
        <translation>Das obere Ende der Spanne aus den Modellkarten: vielfältigere Ideen, für Brainstorming und mehrere Antworten.</translation>
    </message>
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Open a project folder</source>
        <translation>Einen Projektordner öffnen</translation>
    </message>
    <message>
        <source>The project folder {folder} is not there any more.</source>
        <translation>Der Projektordner {folder} ist nicht mehr da.</translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message>
        <source>Open project…</source>
        <translation>Projekt öffnen…</translation>
    </message>
    <message>
        <source>Choose the folder this chat works on</source>
        <translation>Den Ordner wählen, an dem dieser Chat arbeitet</translation>
    </message>
    <message>
        <source>Close project</source>
        <translation>Projekt schließen</translation>
    </message>
    <message>
        <source>This chat no longer works on a folder</source>
        <translation>Dieser Chat arbeitet nicht mehr an einem Ordner</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Project files: tick a file to put it into the context</source>
        <translation>Projektdateien: Eine Datei ankreuzen, um sie in den Kontext zu nehmen</translation>
    </message>
    <message>
        <source>No project folder. Open one, or attach a folder, and its files are listed here: tick those the model should see. Edits the model proposes to them can be applied.</source>
        <translation>Kein Projektordner. Öffnen Sie einen oder hängen Sie einen Ordner an, dann stehen seine Dateien hier: Kreuzen Sie die an, die das Modell sehen soll. Änderungen, die das Modell an ihnen vorschlägt, lassen sich anwenden.</translation>
    </message>
    <message>
        <source>in context</source>
        <translation>im Kontext</translation>
    </message>
    <message>
        <source>next message</source>
        <translation>nächste Nachricht</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>The model has this file as it is on disk</source>
        <translation>Das Modell hat diese Datei so, wie sie auf der Festplatte ist</translation>
    </message>
    <message>
        <source>Goes with your next message</source>
        <translation>Geht mit Ihrer nächsten Nachricht mit</translation>
    </message>
    <message>
        <source>Changed on disk since the model got it: read again and sent with your next message</source>
        <translation>Auf der Festplatte geändert, seit das Modell sie bekam: wird neu gelesen und mit Ihrer nächsten Nachricht gesendet</translation>
    </message>
    <message>
        <source>Not in the context: tick it to send it with your next message</source>
        <translation>Nicht im Kontext: ankreuzen, um sie mit Ihrer nächsten Nachricht zu senden</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the context</source>
        <translation>
            <numerusform>%n Datei im Kontext</numerusform>
            <numerusform>%n Dateien im Kontext</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Token</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasoningView</name>
    <message>
        <source>The model&apos;s reasoning</source>
        <translation>Der Denkprozess des Modells</translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <source>Samples</source>
        <translation>Durchläufe</translation>
    </message>
    <message>
        <source>Majority answer</source>
        <translation>Mehrheitsantwort</translation>
    </message>
    <message numerus="yes">
        <source>Solved %n time(s)</source>
        <translation>
            <numerusform>%n-mal gelöst</numerusform>
            <numerusform>%n-mal gelöst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Solving %n time(s)</source>
        <translation>
            <numerusform>Wird %n-mal gelöst</numerusform>
            <numerusform>Wird %n-mal gelöst</numerusform>
        </translation>
    </message>
    <message>
        <source>{number}. writing…</source>
        <translation>{number}. schreibt …</translation>
    </message>
    <message>
        <source>no boxed answer</source>
        <translation>keine eingerahmte Antwort</translation>
    </message>
    <message>
        <source>Majority: no sample gave a boxed answer ({done} of {planned} samples)</source>
        <translation>Mehrheit: kein Durchlauf ergab eine eingerahmte Antwort ({done} von {planned} Durchläufen)</translation>
    </message>
    <message>
        <source>Majority: {answer} ({votes} of {done} votes)</source>
        <translation>Mehrheit: {answer} ({votes} von {done} Stimmen)</translation>
    </message>
</context>
<context>
    <name>ServerIndicator</name>
    <message>
        <source>Local API server</source>
        <translation>Lokaler API-Server</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <source>Copy Continue config (config.yaml)</source>
        <translation>Continue-Konfiguration kopieren (config.yaml)</translation>
    </message>
    <message>
        <source>Copy aider command</source>
        <translation>aider-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy curl command (streams the reasoning)</source>
        <translation>curl-Befehl kopieren (streamt den Denkprozess)</translation>
    </message>
    <message>
        <source>Local server settings…</source>
        <translation>Einstellungen des lokalen Servers …</translation>
    </message>
    <message>
        <source>URL copied.</source>
        <translation>URL kopiert.</translation>
    </message>
    <message>
        <source>Continue config copied.</source>
        <translation>Continue-Konfiguration kopiert.</translation>
    </message>
    <message>
        <source>aider command copied.</source>
        <translation>aider-Befehl kopiert.</translation>
    </message>
    <message>
        <source>curl command copied.</source>
        <translation>curl-Befehl kopiert.</translation>
    </message>
    <message>
        <source>(key required)</source>
        <translation>(Schlüssel erforderlich)</translation>
    </message>
    <message>
        <source>API off</source>
        <translation>API aus</translation>
    </message>
    <message>
        <source>{n} answers running · {q} queued</source>
        <translation>{n} Antworten laufen · {q} warten</translation>
    </message>
    <message>
        <source>{n} answers running</source>
        <translation>{n} Antworten laufen</translation>
    </message>
    <message>
        <source>API request running · your answer is queued</source>
        <translation>API-Anfrage läuft · Ihre Antwort wartet</translation>
    </message>
    <message>
        <source>API request running · {n} queued</source>
        <translation>API-Anfrage läuft · {n} warten</translation>
    </message>
    <message>
        <source>API request running</source>
        <translation>API-Anfrage läuft</translation>
    </message>
    <message numerus="yes">
        <source>%n API request(s) queued</source>
        <translation>
            <numerusform>%n API-Anfrage wartet</numerusform>
            <numerusform>%n API-Anfragen warten</numerusform>
        </translation>
    </message>
    <message>
        <source>OpenAI-compatible API at {url}
Click for the URL and ready-to-paste configurations.</source>
        <translation>OpenAI-kompatible API unter {url}
Klicken für die URL und Konfigurationen zum Einfügen.</translation>
    </message>
    <message>
        <source>The model runs on {host}: requests to this API are forwarded there, so what they send leaves this computer.</source>
        <translation>Das Modell läuft auf {host}: Anfragen an diese API werden dorthin weitergeleitet; was sie senden, verlässt also diesen Computer.</translation>
    </message>
</context>
<context>
    <name>ServerTab</name>
    <message>
        <source>Serve the loaded model on this computer</source>
        <translation>Das geladene Modell auf diesem Computer anbieten</translation>
    </message>
    <message>
        <source>To editors and scripts, through an OpenAI-compatible API</source>
        <translation>Für Editoren und Skripte, über eine OpenAI-kompatible API</translation>
    </message>
    <message>
        <source>as many as fit (up to {n})</source>
        <translation>so viele, wie passen (bis zu {n})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Without a key any program on this computer may connect</source>
        <translation>Ohne Schlüssel darf sich jedes Programm auf diesem Computer verbinden</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Den Schlüssel zeigen</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <source>Generate a key</source>
        <translation>Einen Schlüssel erzeugen</translation>
    </message>
    <message>
        <source>Local server on</source>
        <translation>Lokaler Server an</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Requests at once</source>
        <translation>Anfragen gleichzeitig</translation>
    </message>
    <message>
        <source>An OpenAI-compatible API (Continue, Cline, aider, Open WebUI, scripts) on {host} only: other computers cannot reach it. The window and the API share the loaded model. Requests at once: answers written side by side (an editor and the window, or two editors); each keeps its own KV cache in memory, and more wait their turn. The key is stored apart from the settings file; the environment variable {env} overrides it.</source>
        <translation>Eine OpenAI-kompatible API (Continue, Cline, aider, Open WebUI, Skripte) nur auf {host}: andere Computer erreichen sie nicht. Fenster und API teilen sich das geladene Modell. Anfragen gleichzeitig: Antworten, die nebeneinander geschrieben werden (ein Editor und das Fenster oder zwei Editoren); jede hält ihren eigenen KV-Cache im Speicher, weitere warten, bis sie an der Reihe sind. Der Schlüssel wird getrennt von der Einstellungsdatei gespeichert; die Umgebungsvariable {env} hat Vorrang.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Hide the key</source>
        <translation>Den Schlüssel verbergen</translation>
    </message>
    <message>
        <source>off (it will be {url})</source>
        <translation>aus (dann: {url})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Collapse when the answer starts</source>
        <translation>Bei Antwortbeginn einklappen</translation>
    </message>
    <message>
        <source>Always open</source>
        <translation>Immer offen</translation>
    </message>
    <message>
        <source>Always collapsed</source>
        <translation>Immer eingeklappt</translation>
    </message>
    <message>
        <source>As I last left it</source>
        <translation>Wie ich ihn zuletzt gelassen habe</translation>
    </message>
    <message>
        <source>automatic (llama.cpp decides)</source>
        <translation>automatisch (llama.cpp entscheidet)</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>No model is loaded; this length is used for the next one (at most the model&apos;s own).</source>
        <translation>Es ist kein Modell geladen; diese Länge gilt für das nächste (höchstens seine eigene).</translation>
    </message>
    <message>
        <source>In force now: {n} tokens, as set here.</source>
        <translation>Jetzt in Kraft: {n} Token, wie hier eingestellt.</translation>
    </message>
    <message>
        <source>In force now: {n} tokens, the most {model} was trained for (the {set} set here is more than it can use).</source>
        <translation>Jetzt in Kraft: {n} Token, das Höchste, wofür {model} trainiert wurde (die hier eingestellten {set} sind mehr, als es nutzen kann).</translation>
    </message>
    <message>
        <source>this model</source>
        <translation>dieses Modell</translation>
    </message>
    <message>
        <source>In force now: {n} tokens, as the model was loaded; this setting applies after a reload.</source>
        <translation>Jetzt in Kraft: {n} Token, wie das Modell geladen wurde; diese Einstellung gilt nach einem Neuladen.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>Inferenz</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Voreinstellungen</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicherorte</translation>
    </message>
    <message>
        <source>Local server</source>
        <translation>Lokaler Server</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Seiten der Einstellungen</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>automatic (all that fit)</source>
        <translation>automatisch (alle, die passen)</translation>
    </message>
    <message>
        <source>automatic (physical cores)</source>
        <translation>automatisch (physische Kerne)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Speculative decoding</source>
        <translation>Spekulatives Dekodieren</translation>
    </message>
    <message>
        <source>Check drafted tokens (text the answer repeats) in one step where that is faster; same answer</source>
        <translation>Entworfene Tokens (Text, den die Antwort wiederholt) in einem Schritt prüfen, wo das schneller ist; dieselbe Antwort</translation>
    </message>
    <message>
        <source>Flash attention</source>
        <translation>Flash Attention</translation>
    </message>
    <message>
        <source>Less memory at long contexts; a quantized KV cache needs it</source>
        <translation>weniger Speicher bei langen Kontexten; ein quantisierter KV-Cache braucht sie</translation>
    </message>
    <message>
        <source>Loop guard</source>
        <translation>Schleifenschutz</translation>
    </message>
    <message>
        <source>Stop reasoning that repeats itself (the model is then asked to answer)</source>
        <translation>stoppt Denkprozesse, die sich wiederholen (das Modell soll dann antworten)</translation>
    </message>
    <message>
        <source>Make R1 models think</source>
        <translation>R1-Modelle nachdenken lassen</translation>
    </message>
    <message>
        <source>Start the answer with &lt;think&gt; when the model file does not (older conversions)</source>
        <translation>beginnt die Antwort mit &lt;think&gt;, wenn die Modelldatei das nicht tut (ältere Konvertierungen)</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>GPU layers</source>
        <translation>GPU-Schichten</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>KV-cache type</source>
        <translation>KV-Cache-Typ</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>Denkbudget</translation>
    </message>
    <message>
        <source>R1 thinks long: 32K tokens of context is what the paper used. Changes here reload the model.</source>
        <translation>R1 denkt lange nach: Das Paper verwendete 32K Token Kontext. Änderungen hier laden das Modell neu.</translation>
    </message>
    <message>
        <source>Flash attention: {flash}.</source>
        <translation>Flash Attention: {flash}.</translation>
    </message>
    <message>
        <source>Loop guard: {guard}.</source>
        <translation>Schleifenschutz: {guard}.</translation>
    </message>
    <message>
        <source>Make R1 models think: {think}.</source>
        <translation>R1-Modelle nachdenken lassen: {think}.</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Added to every message, in English: the models were trained with these words</source>
        <translation>Wird jeder Nachricht angefügt, auf Englisch: Mit diesen Worten wurden die Modelle trainiert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>Max. neue Token</translation>
    </message>
    <message>
        <source>Appended instruction</source>
        <translation>Angefügte Anweisung</translation>
    </message>
    <message>
        <source>The paper&apos;s presets are read-only; change the name to save a copy.</source>
        <translation>Die Voreinstellungen aus dem Paper sind schreibgeschützt; ändern Sie den Namen, um eine Kopie zu speichern.</translation>
    </message>
    <message>
        <source>Save as my preset</source>
        <translation>Als meine Voreinstellung speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the preset</source>
        <translation>Die Voreinstellung löschen</translation>
    </message>
    <message>
        <source>system ({size} pt)</source>
        <translation>System ({size} pt)</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>The text size of the whole window; View ▸ Font size changes it too ({larger}, {smaller})</source>
        <translation>Die Textgröße des ganzen Fensters; Ansicht ▸ Schriftgröße ändert sie auch ({larger}, {smaller})</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>System ({language})</translation>
    </message>
    <message>
        <source>The language changes when R1 Desk starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von R1 Desk.</translation>
    </message>
    <message>
        <source> KB</source>
        <translation> KB</translation>
    </message>
    <message>
        <source>Attached folders leave out larger files (and say so)</source>
        <translation>Angehängte Ordner lassen größere Dateien aus (und sagen es)</translation>
    </message>
    <message>
        <source>Thinking pane</source>
        <translation>Denkbereich</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Largest file to attach</source>
        <translation>Dateien anhängen bis</translation>
    </message>
    <message>
        <source>the Hugging Face cache (shared with other tools)</source>
        <translation>der Hugging-Face-Cache (mit anderen Programmen geteilt)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>Den Modellordner wählen</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Chats database</source>
        <translation>Chat-Datenbank</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation>Eine Voreinstellung braucht einen Namen.</translation>
    </message>
    <message>
        <source>Preset not saved</source>
        <translation>Voreinstellung nicht gespeichert</translation>
    </message>
    <message>
        <source>Preset not deleted</source>
        <translation>Voreinstellung nicht gelöscht</translation>
    </message>
    <message>
        <source>Check these settings</source>
        <translation>Prüfen Sie diese Einstellungen</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Was sie tun</translation>
    </message>
    <message>
        <source>Every key the window knows, and what it does</source>
        <translation>Jede Taste, die das Fenster kennt, und was sie tut</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>R1 Desk cannot open its chats</source>
        <translation>R1 Desk kann seine Chats nicht öffnen</translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation>Das Modell ließ sich nicht laden</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Opens the model picker ({key})</source>
        <translation>Öffnet die Modellauswahl ({key})</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo the deletion</source>
        <translation>Das Löschen rückgängig machen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation>Modell: {model}</translation>
    </message>
    <message>
        <source>Loading {model}…</source>
        <translation>Lade {model} …</translation>
    </message>
    <message>
        <source>Runs on {url}</source>
        <translation>Läuft auf {url}</translation>
    </message>
    <message>
        <source>(GPU offload)</source>
        <translation>(GPU-Auslagerung)</translation>
    </message>
    <message>
        <source>context {used} / {size}</source>
        <translation>Kontext {used} / {size}</translation>
    </message>
    <message>
        <source>Tokens of this chat the model reads for its next answer, of the context it was loaded with.</source>
        <translation>Token dieses Chats, die das Modell für seine nächste Antwort liest, vom Kontext, mit dem es geladen wurde.</translation>
    </message>
    <message numerus="yes">
        <source>{speed} tok/s · %Ln token(s)</source>
        <translation>
            <numerusform>{speed} Tok./s · %Ln Token</numerusform>
            <numerusform>{speed} Tok./s · %Ln Token</numerusform>
        </translation>
    </message>
    <message>
        <source>Context used</source>
        <translation>Genutzter Kontext</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>KV cache {kv}, flash attention {flash}, {layers} GPU layers.</source>
        <translation>KV-Cache {kv}, Flash Attention {flash}, {layers} GPU-Schichten.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Memory: estimated {estimate}, used {used}.</source>
        <translation>Speicher: geschätzt {estimate}, belegt {used}.</translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {percent}</source>
        <translation>
            <numerusform>Lese %Ln Token … {percent}</numerusform>
            <numerusform>Lese %Ln Token … {percent}</numerusform>
        </translation>
    </message>
    <message>
        <source>{speed} tok/s · first token {ttft} s</source>
        <translation>{speed} Tok./s · erstes Token nach {ttft} s</translation>
    </message>
    <message>
        <source>No tokens were written.</source>
        <translation>Es wurde kein Token geschrieben.</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>erzeugt …</translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message>
        <source>Thinking pane</source>
        <translation>Denkbereich</translation>
    </message>
    <message>
        <source>Reasoning tokens against the budget</source>
        <translation>Denk-Token im Verhältnis zum Budget</translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation>Denkt nach … {seconds} s</translation>
    </message>
    <message>
        <source>Thinking unfinished · {seconds} s</source>
        <translation>Nachdenken unvollendet · {seconds} s</translation>
    </message>
    <message>
        <source>Thought for {seconds} s</source>
        <translation>{seconds} s nachgedacht</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln Token</numerusform>
            <numerusform>%Ln Token</numerusform>
        </translation>
    </message>
    <message>
        <source>Open. Press Space to hide the reasoning.</source>
        <translation>Offen. Leertaste verbirgt den Denkprozess.</translation>
    </message>
    <message>
        <source>Closed. Press Space to show the reasoning.</source>
        <translation>Geschlossen. Leertaste zeigt den Denkprozess.</translation>
    </message>
    <message>
        <source>Thinking pane: {state}</source>
        <translation>Denkbereich: {state}</translation>
    </message>
    <message>
        <source>{tokens} / {budget} tokens</source>
        <translation>{tokens} / {budget} Token</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>{n}B</source>
        <translation>{n} Mrd.</translation>
    </message>
    <message>
        <source>{size} GB</source>
        <translation>{size} GB</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
</context>
<context>
    <name>UserMessageWidget</name>
    <message numerus="yes">
        <source> and %Ln more</source>
        <translation>
            <numerusform> und %Ln weitere</numerusform>
            <numerusform> und %Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached %Ln file(s): {names}</source>
        <translation>
            <numerusform>%Ln Datei angehängt: {names}</numerusform>
            <numerusform>%Ln Dateien angehängt: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit this message and send it again (this version is kept)</source>
        <translation>Diese Nachricht bearbeiten und erneut senden (diese Fassung bleibt erhalten)</translation>
    </message>
</context>
<context>
    <name>UserText</name>
    <message>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
</context>
<context>
    <name>VersionSwitch</name>
    <message>
        <source>Show the previous version</source>
        <translation>Die vorige Fassung zeigen</translation>
    </message>
    <message>
        <source>Show the next version</source>
        <translation>Die nächste Fassung zeigen</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorige Fassung</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Fassung</translation>
    </message>
    <message>
        <source>Version {index} of {count}</source>
        <translation>Fassung {index} von {count}</translation>
    </message>
</context>
</TS>

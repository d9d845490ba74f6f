<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Attach</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %Ln more</source>
        <translation>
            <numerusform>; and %Ln more</numerusform>
            <numerusform>; and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %Ln: {files}.</source>
        <translation>
            <numerusform>Skipped %Ln: {files}.</numerusform>
            <numerusform>Skipped %Ln: {files}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Prompt: %Ln token(s) of the {context}-token context</source>
        <translation>
            <numerusform>Prompt: %Ln token of the {context}-token context</numerusform>
            <numerusform>Prompt: %Ln tokens of the {context}-token context</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Prompt: %Ln token(s) (the server does not say its context)</source>
        <translation>
            <numerusform>Prompt: %Ln token (the server does not say its context)</numerusform>
            <numerusform>Prompt: %Ln tokens (the server does not say its context)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reasoning reserve: %Ln token(s) (the thinking budget)</source>
        <translation>
            <numerusform>Reasoning reserve: %Ln token (the thinking budget)</numerusform>
            <numerusform>Reasoning reserve: %Ln tokens (the thinking budget)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reasoning reserve: %Ln token(s) (up to {max} new tokens, capped by what is left)</source>
        <translation>
            <numerusform>Reasoning reserve: %Ln token (up to {max} new tokens, capped by what is left)</numerusform>
            <numerusform>Reasoning reserve: %Ln tokens (up to {max} new tokens, capped by what is left)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Free after both: %Ln token(s)</source>
        <translation>
            <numerusform>Free after both: %Ln token</numerusform>
            <numerusform>Free after both: %Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Does not fit: a reply needs at least %Ln token(s), {left} are left</source>
        <translation>
            <numerusform>Does not fit: a reply needs at least %Ln token, {left} are left</numerusform>
            <numerusform>Does not fit: a reply needs at least %Ln tokens, {left} are left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave out the oldest %Ln turn(s) and send</source>
        <translation>
            <numerusform>Leave out the oldest %Ln turn and send</numerusform>
            <numerusform>Leave out the oldest %Ln turns and send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They take %Ln token(s).</source>
        <translation>
            <numerusform>They take %Ln token.</numerusform>
            <numerusform>They take %Ln tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>They take %Ln token(s); without them it still does not fit.</source>
        <translation>
            <numerusform>They take %Ln token; without them it still does not fit.</numerusform>
            <numerusform>They take %Ln tokens; without them it still does not fit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave out {file} (%Ln token(s))</source>
        <translation>
            <numerusform>Leave out {file} (%Ln token)</numerusform>
            <numerusform>Leave out {file} (%Ln tokens)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leaving out the %Ln largest file(s) makes it fit.</source>
        <translation>
            <numerusform>Leaving out the %Ln largest file makes it fit.</numerusform>
            <numerusform>Leaving out the %Ln largest files makes it fit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Even without its %Ln largest file(s) it does not fit.</source>
        <translation>
            <numerusform>Even without its %Ln largest file it does not fit.</numerusform>
            <numerusform>Even without its %Ln largest files it does not fit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln item(s) to attach…</source>
        <translation>
            <numerusform>Reading %Ln item to attach…</numerusform>
            <numerusform>Reading %Ln items to attach…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached %Ln file(s).</source>
        <translation>
            <numerusform>Attached %Ln file.</numerusform>
            <numerusform>Attached %Ln files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The oldest %Ln turn(s) stay in the chat but are no longer sent.</source>
        <translation>
            <numerusform>The oldest %Ln turn stays in the chat but is no longer sent.</numerusform>
            <numerusform>The oldest %Ln turns stay in the chat but are no longer sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message numerus="yes">
        <source>%n answer(s) kept in memory, saved as soon as there is room again.</source>
        <translation>
            <numerusform>%n answer is kept in memory and will be saved as soon as there is room again.</numerusform>
            <numerusform>%n answers are kept in memory and will be saved as soon as there is room again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message numerus="yes">
        <source>Show %Ln earlier message(s)</source>
        <translation>
            <numerusform>Show %Ln earlier message</numerusform>
            <numerusform>Show %Ln earlier messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message numerus="yes">
        <source>Applied %n edit(s).</source>
        <translation>
            <numerusform>Applied %n edit.</numerusform>
            <numerusform>Applied %n edits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditsPanel</name>
    <message numerus="yes">
        <source>Proposed edits to %n file(s)</source>
        <translation>
            <numerusform>Proposed edits to %n file</numerusform>
            <numerusform>Proposed edits to %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveFigures</name>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {percent} % · {seconds} s · about {left} s left</source>
        <translation>
            <numerusform>Reading %Ln token… {percent} % · {seconds} s · about {left} s left</numerusform>
            <numerusform>Reading %Ln tokens… {percent} % · {seconds} s · about {left} s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {seconds} s</source>
        <translation>
            <numerusform>Reading %Ln token… {seconds} s</numerusform>
            <numerusform>Reading %Ln tokens… {seconds} s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n answer(s) were interrupted when the app last closed; they are marked.</source>
        <translation>
            <numerusform>%n answer was interrupted when the app last closed; it is marked.</numerusform>
            <numerusform>%n answers were interrupted when the app last closed; they are marked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) could not be saved because the disk is full. Free some space and they are saved by themselves within seconds.

Quit anyway and lose them?</source>
        <translation>
            <numerusform>%n answer could not be saved because the disk is full. Free some space and it is saved by itself within seconds.

Quit anyway and lose it?</numerusform>
            <numerusform>%n answers could not be saved because the disk is full. Free some space and they are saved by themselves within seconds.

Quit anyway and lose them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message numerus="yes">
        <source>%Ln chat(s)</source>
        <translation>
            <numerusform>%Ln chat</numerusform>
            <numerusform>%Ln chats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{chats} and %Ln message(s) were recovered</source>
        <translation>
            <numerusform>{chats} and %Ln message were recovered</numerusform>
            <numerusform>{chats} and %Ln messages were recovered</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message numerus="yes">
        <source>%n file(s) in the context</source>
        <translation>
            <numerusform>%n file in the context</numerusform>
            <numerusform>%n files in the context</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message numerus="yes">
        <source>Solved %n time(s)</source>
        <translation>
            <numerusform>Solved %n time</numerusform>
            <numerusform>Solved %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Solving %n time(s)</source>
        <translation>
            <numerusform>Solving %n time</numerusform>
            <numerusform>Solving %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerIndicator</name>
    <message numerus="yes">
        <source>%n API request(s) queued</source>
        <translation>
            <numerusform>%n API request queued</numerusform>
            <numerusform>%n API requests queued</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>Reading %Ln token(s)… {percent}</source>
        <translation>
            <numerusform>Reading %Ln token… {percent}</numerusform>
            <numerusform>Reading %Ln tokens… {percent}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{speed} tok/s · %Ln token(s)</source>
        <translation>
            <numerusform>{speed} tok/s · %Ln token</numerusform>
            <numerusform>{speed} tok/s · %Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ThinkingPane</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserMessageWidget</name>
    <message numerus="yes">
        <source> and %Ln more</source>
        <translation>
            <numerusform> and %Ln more</numerusform>
            <numerusform> and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attached %Ln file(s): {names}</source>
        <translation>
            <numerusform>Attached %Ln file: {names}</numerusform>
            <numerusform>Attached %Ln files: {names}</numerusform>
        </translation>
    </message>
</context>
</TS>

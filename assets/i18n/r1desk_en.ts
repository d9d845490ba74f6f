<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n answer(s) were interrupted when the app last closed; they are marked.</source>
        <translation>
            <numerusform>%n answer was interrupted when the app last closed; it is marked.</numerusform>
            <numerusform>%n answers were interrupted when the app last closed; they are marked.</numerusform>
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
    <name>ThinkingPane</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
</TS>

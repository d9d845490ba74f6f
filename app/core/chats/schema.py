"""The chats database's schema, as the steps that build it: ``PRAGMA user_version`` says how many
have run, and ``Store`` runs the rest (a file from an older version is upgraded in place)."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the first schema.
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        created REAL NOT NULL,
        updated REAL NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'done',
        thinking_s REAL,
        reasoning_tokens INTEGER,
        generated_tokens INTEGER,
        stats TEXT,
        model TEXT NOT NULL DEFAULT '',
        preset TEXT NOT NULL DEFAULT '',
        sampling TEXT,
        created REAL NOT NULL,
        updated REAL NOT NULL
    );
    CREATE INDEX messages_by_conversation ON messages(conversation_id, position);
    """,
    # 2: kept alternatives. A wave-1 conversation is one line: each message's parent is the one
    # before it.
    """
    ALTER TABLE messages ADD COLUMN parent_id INTEGER;
    ALTER TABLE messages ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE messages ADD COLUMN batch TEXT NOT NULL DEFAULT '';
    UPDATE messages SET parent_id = (
        SELECT p.id FROM messages p WHERE p.conversation_id = messages.conversation_id
        AND (p.position < messages.position OR (p.position = messages.position AND p.id < messages.id))
        ORDER BY p.position DESC, p.id DESC LIMIT 1
    );
    CREATE INDEX messages_by_parent ON messages(conversation_id, parent_id);
    """,
    # 3: a project folder per chat, and the edits applied from answers (what undoes them).
    """
    ALTER TABLE conversations ADD COLUMN project TEXT NOT NULL DEFAULT '';
    CREATE TABLE edits (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        rel TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('applied', 'undone', 'discarded')),
        path TEXT NOT NULL DEFAULT '',
        before BLOB,
        after BLOB,
        updated REAL NOT NULL,
        UNIQUE (message_id, rel)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

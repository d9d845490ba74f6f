"""Conversations: the chats store, export and import, and the Qt-free chat session."""

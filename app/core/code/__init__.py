"""Bringing code into the chat: attached files and folders, the context budget, code-block file names."""

"""The chat's project folder in the window: the side panel of its files and the file watcher."""

"""The chat: conversation list, message column, composer, and the controller that connects them to the session."""

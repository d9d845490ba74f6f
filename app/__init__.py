"""R1 Desk: a local desktop chat app for the DeepSeek-R1 distilled reasoning models."""

__version__ = "0.1.0"

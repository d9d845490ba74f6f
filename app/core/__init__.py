"""The app's logic, free of Qt: the R1 protocol, inference, models, chats and configuration."""

"""The Qt window, its dialogs and workers; logic lives in app.core, these only show it."""

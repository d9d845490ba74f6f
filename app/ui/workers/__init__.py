"""Background work off the GUI thread: the engine's worker and downloads; workers never touch widgets."""

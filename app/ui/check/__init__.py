"""The "Check this model…" window: the time estimate, the progress of a run, the result beside the paper."""

"""The R1 protocol: reasoning split, templates, presets, sampling, loop guard, boxed answers and votes."""

"""Configuration: settings (schema as data), where files live, and the shared data-file envelope."""

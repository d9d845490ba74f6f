"""R1 Desk's shipped data; a wheel installs this folder as the package ``app.assets``."""

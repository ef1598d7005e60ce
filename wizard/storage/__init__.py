"""Storage: the setup document, safe file writes, locks, migrations, secrets and the store (Qt-free)."""

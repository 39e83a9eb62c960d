"""SQLite storage through sqlite-utils: opening, migrating and the repository."""

"""The window: Qt widgets, models, dialogs and undo commands."""

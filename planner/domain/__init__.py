"""The visit model and its rules, in pure Python (no Qt, no storage)."""

"""Delegation rosters: read people from CSV and Excel files, preview, apply in one step, and write them back."""

"""Named reads of the visit: every SQL query the window and the documents need, returning plain rows or domain objects."""

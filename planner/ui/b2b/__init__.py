"""The B2B matchmaking room: companies, requests, suggestions, halls, the scheduler and the hall plan."""

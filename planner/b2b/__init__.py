"""B2B matchmaking: companies, meeting requests, halls of B2B sessions and the talk scheduler (no Qt)."""

"""The energy contribution: calls with dated parameters, the eligibility rule, screening."""

"""Use cases: one function each, owning its single transaction (see README, "Layout")."""

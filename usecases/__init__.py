"""Use cases: one function each, owning its lock and its single transaction."""

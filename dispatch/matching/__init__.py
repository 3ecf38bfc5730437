"""Matching tonight's groups with tonight's places: hard safety rules, a lexicographic
objective, and a reason a dispatcher can read for every decision."""

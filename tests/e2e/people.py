"""The e2e tests' people are the demo's: one scenario runs in any of the four languages."""

from tools.actors import TRANSLATORS, Person, plain

__all__ = ["TRANSLATORS", "Person", "plain"]

"""What /start decides: a poster's language, then the saved one, then Telegram's; else ask."""

from __future__ import annotations

from dispatch.accounts import Account, Role
from dispatch.deeplinks import Intent, StartLink
from dispatch.onboarding import StartPlan, plan_start
from dispatch.permissions import is_dispatcher


def test_a_poster_language_is_saved_and_wins() -> None:
    plan = plan_start(StartLink(Intent.GUEST, "ar"), saved_locale="fr", telegram_locale="nl")
    assert plan == StartPlan(save_locale="ar", ask_language=False, intent=Intent.GUEST)


def test_a_known_language_skips_the_picker() -> None:
    assert not plan_start(StartLink(), "nl", None).ask_language
    assert not plan_start(StartLink(), None, "ar").ask_language


def test_an_unknown_language_asks_and_keeps_the_intent() -> None:
    plan = plan_start(StartLink(Intent.HOST), None, None)
    assert plan == StartPlan(save_locale=None, ask_language=True, intent=Intent.HOST)


def test_dispatchers_are_role_holders_or_configured_admins() -> None:
    assert is_dispatcher(Account(1), admin_ids=frozenset({1}))
    assert is_dispatcher(Account(2, roles=frozenset({Role.DISPATCHER})), frozenset())
    assert not is_dispatcher(Account(3), frozenset({1}))

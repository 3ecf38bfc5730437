"""The one permission check: admins everywhere, dispatchers at their sites, others nowhere."""

from __future__ import annotations

from dispatch.accounts import Account, Role
from dispatch.deeplinks import invite_payload, invite_token, parse_start_payload
from dispatch.permissions import (
    Permission,
    Scope,
    allowed,
    allowed_all,
    allowed_any,
    is_dispatcher,
    sites_for,
)

ADMINS = frozenset({1})


def test_configured_admins_may_do_everything() -> None:
    admin = Account(1)
    assert all(allowed(admin, p, ADMINS, 7) for p in Permission)


def test_a_dispatcher_acts_only_at_their_sites_and_never_administers() -> None:
    local = Account(2, roles=frozenset({Role.DISPATCHER}), sites=frozenset({3}))
    assert allowed(local, Permission.DISPATCH, ADMINS, 3)
    assert not allowed(local, Permission.DISPATCH, ADMINS, 4)
    assert allowed(local, Permission.VET, ADMINS, Scope.SOME_SITE)
    assert not allowed(local, Permission.ADMINISTER, ADMINS, 3)
    assert sites_for(local, ADMINS, [3, 4, 5]) == [3]
    everywhere = Account(5, roles=frozenset({Role.DISPATCHER}))
    assert sites_for(everywhere, ADMINS, [3, 4]) == [3, 4]


def test_people_without_a_role_may_do_nothing() -> None:
    assert not any(allowed(Account(9), p, ADMINS, 3) for p in Permission)
    assert not allowed(None, Permission.DISPATCH, ADMINS, Scope.SOME_SITE)
    assert not is_dispatcher(Account(9), ADMINS)


def test_invite_payloads_round_trip_and_are_not_role_links() -> None:
    assert invite_token(invite_payload("a-b_C9")) == "a-b_C9"
    assert invite_token("host_fr") is None and invite_token("inv_") is None
    assert parse_start_payload(invite_payload("abc")).intent is None


def test_no_site_named_is_not_anywhere() -> None:
    """Issue 15, finding 2: a check without a site no longer allows anything; someone tied to
    no site belongs to the dispatchers of every site."""
    local = Account(2, roles=frozenset({Role.DISPATCHER}), sites=frozenset({1}))
    everywhere = Account(5, roles=frozenset({Role.DISPATCHER}))
    assert not allowed(local, Permission.DISPATCH, ADMINS, Scope.EVERY_SITE)
    assert allowed(everywhere, Permission.DISPATCH, ADMINS, Scope.EVERY_SITE)
    assert not allowed_any(local, Permission.VET, ADMINS, [])
    assert allowed_any(local, Permission.VET, ADMINS, [1, 2])
    assert not allowed_all(local, Permission.VET, ADMINS, [1, 2])
    assert allowed_all(everywhere, Permission.VET, ADMINS, [1, 2])
    assert not allowed(local, Permission.DISPATCH, ADMINS, 2)

"""Who is asking: Telegram's signed initData on every request, then the chat's own permission
check, with the site. Nothing else identifies a page: no cookie, no login, no id in the URL."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.i18n import Translator, resolve_locale
from bot.state import AppState
from dispatch.accounts import Account
from dispatch.models import Site
from dispatch.permissions import Permission, Scope, allowed
from views import common_texts
from webapp.initdata import InvalidInitData, validate

log = logging.getLogger(__name__)
SCHEME = "tma "  # Authorization: tma <initData>, as Telegram's Mini Apps guide suggests


@dataclass(frozen=True)
class Viewer:
    """A signed Telegram user with their account and their language."""

    account: Account
    t: Translator

    def may_dispatch(self, data: AppState, site: int | Scope = Scope.SOME_SITE) -> bool:
        """Dispatch at this site (by default: at one site at least)."""
        return allowed(self.account, Permission.DISPATCH, data.config.admin_ids, site)


_ERRORS: dict[int, type[web.HTTPException]] = {
    400: web.HTTPBadRequest,
    401: web.HTTPUnauthorized,
    403: web.HTTPForbidden,
    409: web.HTTPConflict,
}


def refuse(status: int, message: str) -> web.HTTPException:
    """An error answer the page shows as it is (`message` is already translated)."""
    return _ERRORS[status](text=json.dumps({"error": message}), content_type="application/json")


async def viewer(request: web.Request, data: AppState) -> Viewer:
    """The dispatcher behind this request: 401 without valid initData, 403 if not staff."""
    header = request.headers.get("Authorization", "")
    if not header.startswith(SCHEME):
        raise refuse(401, "initData missing")
    try:
        user = validate(header[len(SCHEME) :], data.config.token, data.clock())
    except InvalidInitData as error:
        log.info("web app: initData refused (%s)", error)
        raise refuse(401, "initData refused") from None
    account = await data.store.users.get(user.id) or Account(user.id)
    locale = resolve_locale(account.locale, user.language_code, data.config.default_locale)
    seen = Viewer(account, data.translators[locale])
    if not seen.may_dispatch(data):
        raise refuse(403, common_texts.not_allowed(seen.t))
    return seen


async def site_for(data: AppState, seen: Viewer, site_id: int) -> Site:
    """The site asked for, if this dispatcher may dispatch there (403 otherwise, as for a site
    that does not exist: the answer tells nothing about other sites)."""
    site = await data.store.sites.get(site_id)
    if site is None or not seen.may_dispatch(data, site.id):
        raise refuse(403, common_texts.not_allowed(seen.t))
    return site


def number(values: Mapping[str, Any], name: str) -> int:
    """An id from the query string or a JSON body (400 when it is not one)."""
    raw = values.get(name)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if not isinstance(raw, str) or not raw.isdecimal() or len(raw) > 12:
        raise refuse(400, f"{name} must be a number")
    return int(raw)

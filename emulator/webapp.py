"""Telegram's side of a Mini App: the signed initData it hands a page, and the URL it opens.

Written from Telegram's documentation, independently of the bot's checker, so a test that
passes proves the two agree: secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token),
hash = hex HMAC_SHA256(key=secret_key, msg=data_check_string).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from urllib.parse import quote, urlencode

from emulator.state import JsonDict, UserRecord

WEB_APP_VERSION = "8.0"
LIGHT_THEME: JsonDict = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}
DARK_THEME: JsonDict = {
    "bg_color": "#212121",
    "text_color": "#ffffff",
    "hint_color": "#aaaaaa",
    "link_color": "#8774e1",
    "button_color": "#8774e1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#0f0f0f",
}


def init_data(token: str, user: UserRecord, auth_date: int, query_id: str | None = None) -> str:
    """The query string Telegram gives the page as `Telegram.WebApp.initData`."""
    fields = {
        "query_id": query_id or f"AA{secrets.token_urlsafe(12)}",
        "user": json.dumps(user.as_dict(), separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(auth_date),
    }
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields, quote_via=quote)


def launch_url(page_url: str, signed: str, *, dark: bool = False) -> str:
    """The page URL as a Telegram client opens it: initData and theme ride in the fragment,
    which browsers never send to the server."""
    fragment = urlencode(
        {
            "tgWebAppData": signed,
            "tgWebAppVersion": WEB_APP_VERSION,
            "tgWebAppPlatform": "tdesktop",
            "tgWebAppThemeParams": json.dumps(DARK_THEME if dark else LIGHT_THEME),
        },
        quote_via=quote,
    )
    return f"{page_url}#{fragment}"

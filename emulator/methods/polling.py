"""Getting updates: long polling, and the webhook switch that excludes it."""

from __future__ import annotations

from typing import Any

from emulator.errors import CONFLICT_WEBHOOK, ApiError
from emulator.methods.registry import Params, api_method
from emulator.state import EmulatorState

MAX_LONG_POLL = 50.0


def _number(value: object, default: float) -> float:
    if isinstance(value, bool) or value is None:
        return default
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ApiError.bad_request("wrong parameter type") from exc


@api_method("getUpdates")
async def get_updates(state: EmulatorState, params: Params) -> list[dict[str, Any]]:
    """Confirm by offset, then return pending updates, long-polling up to ``timeout``."""
    if state.webhook_url:
        raise ApiError(409, CONFLICT_WEBHOOK)
    offset = params.get("offset")
    limit = int(min(max(_number(params.get("limit"), 100), 1), 100))
    timeout = min(max(_number(params.get("timeout"), 0), 0.0), MAX_LONG_POLL)
    allowed = params.get("allowed_updates")
    return await state.updates.poll(
        int(offset) if isinstance(offset, int) else None,
        limit,
        timeout,
        [str(kind) for kind in allowed] if isinstance(allowed, list) else None,
    )


@api_method("setWebhook")
async def set_webhook(state: EmulatorState, params: Params) -> bool:
    """Record the URL and secret; updates are now POSTed there and getUpdates conflicts."""
    state.webhook_url = str(params.get("url") or "")
    state.webhook_secret = str(params.get("secret_token") or "")
    if params.get("drop_pending_updates") is True:
        state.updates.drop_all()
    return True


@api_method("deleteWebhook")
async def delete_webhook(state: EmulatorState, params: Params) -> bool:
    """Switch back to polling, optionally dropping everything pending."""
    state.webhook_url = state.webhook_secret = ""
    if params.get("drop_pending_updates") is True:
        state.updates.drop_all()
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(state: EmulatorState, params: Params) -> dict[str, Any]:
    """The WebhookInfo object; url is "" while polling."""
    return {
        "url": state.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": state.updates.pending_count(),
    }

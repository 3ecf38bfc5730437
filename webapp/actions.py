"""The chat board's overrides from the page: the same use cases, locks, reasons and audit
entries as the chat. Each request names what the dispatcher saw (a token); when the group, the
host or the round changed meanwhile, nothing is done and the page is told so (409)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.context import BotContext
from bot.sites import tonight
from dispatch.models import Site
from jobs.delivery import deliver_outbox
from jobs.round_summary import close_early
from usecases import overrides, rounds
from views import board_texts, common_texts, round_texts
from webapp import board_data, strings
from webapp.auth import Viewer, number, refuse, site_for

if TYPE_CHECKING:
    from webapp.routes import BoardSite

JsonDict = dict[str, Any]
NOTE_LIMIT = 200  # as the chat's move form


def _context(board: BoardSite, seen: Viewer) -> BotContext:
    """A context like the chat's, for the use cases: this dispatcher, their language."""
    context = BotContext(board.application, user_id=seen.account.user_id)
    context.account = seen.account
    context.t = seen.t
    return context


async def _site_of(board: BoardSite, seen: Viewer, found: tuple[int, date] | None) -> Site:
    """The site of a group or an offer, if this dispatcher may act there; an unknown id gets
    the same 403 as another site's, so ids tell nothing about other sites."""
    if found is None:
        raise refuse(403, common_texts.not_allowed(seen.t))
    return await site_for(board.data, seen, found[0])


async def _group_token(board: BoardSite, site: Site, night: date, request_id: int) -> str | None:
    store = board.data.store
    for view, _ in await store.board.matches(site.id, night):
        if view.request_id == request_id:
            return board_data.group_token(view.id, view.status)
    waiting = await store.board.waiting(site.id, night)
    return (
        board_data.group_token(None, "waiting")
        if any(g.request_id == request_id for g in waiting)
        else None
    )


async def targets(board: BoardSite, seen: Viewer, request_id: int) -> JsonDict:
    """The homes the hard rules allow for this group tonight (its current one left out)."""
    site = await _site_of(board, seen, await board.data.store.board.night_of_request(request_id))
    night = tonight(site, board.data.clock())[0]
    group, places = await overrides.move_targets(board.data.services, site.id, night, request_id)
    store = board.data.store
    current = {v.request_id: v.host_id for v, _ in await store.board.matches(site.id, night)}
    names = {o.offer_id: o.host_name for o in await store.board.offers(site.id, night)}
    homes = [
        {"id": p.id, "name": names.get(p.id, "?")}
        for p in places
        if group is not None and current.get(group.id) != p.host_id
    ]  # as the chat offers them: the group's current home left out
    return {"site": site.id, "targets": homes}


async def move(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    request_id, offer_id = number(values, "request"), number(values, "offer")
    site = await _site_of(board, seen, await board.data.store.board.night_of_request(request_id))
    now = board.data.clock()
    night = tonight(site, now)[0]
    if await _group_token(board, site, night, request_id) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    note = str(values.get("note", ""))[:NOTE_LIMIT]
    done = await overrides.move_group(
        board.data.services, site.id, request_id, offer_id, seen.account.user_id, note, now
    )
    if done.view is None:
        raise refuse(409, board_texts.move_refused(seen.t, done.reason))
    await deliver_outbox(_context(board, seen))
    return {"message": board_texts.moved(seen.t, done.view.alias, done.view.host_name)}


async def take_out(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    offer_id = number(values, "offer")
    site = await _site_of(board, seen, await board.data.store.board.night_of_offer(offer_id))
    offers = await board.data.store.board.offers(site.id, tonight(site, board.data.clock())[0])
    offer = next((o for o in offers if o.offer_id == offer_id), None)
    if offer is None or board_data.host_token(offer) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    done = await overrides.take_out_offer(
        board.data.services, offer_id, seen.account.user_id, "board", board.data.clock()
    )
    await deliver_outbox(_context(board, seen))
    return {"message": board_texts.taken_out(seen.t, offer.host_name, done.released)}


async def _round_site(board: BoardSite, seen: Viewer, values: JsonDict) -> tuple[Site, date]:
    site = await site_for(board.data, seen, number(values, "site"))
    night = tonight(site, board.data.clock())[0]
    closed, matched = await board.data.store.evening.state(site.id, night)
    if board_data.round_token(closed, matched) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    return site, night


async def rerun(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    site, night = await _round_site(board, seen, values)
    now = board.data.clock()
    done = await rounds.rerun(board.data.services, site.id, night, seen.account.user_id, now)
    if done.outcome is None:
        return {"message": board_texts.rerun_before_cutoff(seen.t)}
    await deliver_outbox(_context(board, seen))
    matched, waiting = len(done.outcome.matches), len(done.outcome.unplaced)
    return {"message": board_texts.rerun_done(seen.t, matched, waiting)}


async def close(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    """As /close and the chat board's button: the dispatch group hears it too."""
    site, _ = await _round_site(board, seen, values)
    closing = await close_early(_context(board, seen), site)
    if closing.status is rounds.Closing.ALREADY_DONE:
        raise refuse(409, round_texts.closing(seen.t, closing))
    return {"message": round_texts.closing(seen.t, closing)}


Action = Callable[["BoardSite", Viewer, JsonDict], Awaitable[JsonDict]]
ACTIONS: dict[str, Action] = {
    "move": move,
    "take-out": take_out,
    "rerun": rerun,
    "close": close,
}

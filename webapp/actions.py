"""The chat board's overrides from the page: the same use cases, locks, reasons and audit
entries as the chat. Each request names what the dispatcher saw (a token); when the group, the
host or the round changed meanwhile, nothing is done and the page is told so (409)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from bot import render_board, render_round
from bot.context import BotContext
from dispatch.models import Site
from handlers.sites import tonight
from usecases import board as board_cases
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
    if found is None:
        raise refuse(409, strings.conflict(seen.t))
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
    context = _context(board, seen)
    homes = await board_cases.move_targets(context, site, request_id)
    return {"site": site.id, "targets": [{"id": i, "name": n} for i, n in homes]}


async def move(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    request_id, offer_id = number(values, "request"), number(values, "offer")
    site = await _site_of(board, seen, await board.data.store.board.night_of_request(request_id))
    night = tonight(site, board.data.clock())[0]
    if await _group_token(board, site, night, request_id) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    note = str(values.get("note", ""))[:NOTE_LIMIT]
    outcome = await board_cases.move_group(_context(board, seen), request_id, offer_id, note)
    if outcome.view is None:
        raise refuse(409, render_board.move_refused(seen.t, outcome.refusal))
    return {"message": render_board.moved(seen.t, outcome.view.alias, outcome.view.host_name)}


async def take_out(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    offer_id = number(values, "offer")
    site = await _site_of(board, seen, await board.data.store.board.night_of_offer(offer_id))
    offers = await board.data.store.board.offers(site.id, tonight(site, board.data.clock())[0])
    offer = next((o for o in offers if o.offer_id == offer_id), None)
    if offer is None or board_data.host_token(offer) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    released = await board_cases.take_out(_context(board, seen), offer_id, "board")
    return {"message": render_board.taken_out(seen.t, offer.host_name, released)}


async def _round_site(board: BoardSite, seen: Viewer, values: JsonDict) -> tuple[Site, date]:
    site = await site_for(board.data, seen, number(values, "site"))
    night = tonight(site, board.data.clock())[0]
    closed, matched = await board.data.store.evening.state(site.id, night)
    if board_data.round_token(closed, matched) != values.get("token"):
        raise refuse(409, strings.conflict(seen.t))
    return site, night


async def rerun(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    site, _ = await _round_site(board, seen, values)
    outcome = await board_cases.rerun(_context(board, seen), site)
    if outcome is None:
        return {"message": render_board.rerun_before_cutoff(seen.t)}
    return {"message": render_board.rerun_done(seen.t, *outcome)}


async def close(board: BoardSite, seen: Viewer, values: JsonDict) -> JsonDict:
    site, _ = await _round_site(board, seen, values)
    outcome = await board_cases.close(_context(board, seen), site)
    if outcome is None:
        raise refuse(409, render_round.round_already_closed(seen.t))
    return {"message": render_round.round_closed(seen.t, *outcome)}


Action = Callable[["BoardSite", Viewer, JsonDict], Awaitable[JsonDict]]
ACTIONS: dict[str, Action] = {
    "move": move,
    "take-out": take_out,
    "rerun": rerun,
    "close": close,
}

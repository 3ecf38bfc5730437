"""The board's API over real HTTP against the real bot: who may read what, and overrides that
are the chat's own (same audit entry, same notices), with stale views refused."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import aiohttp

from bot.config import Config
from bot.context import BotContext
from bot.sites import tonight
from dispatch.accounts import Role
from dispatch.models import Site
from emulator import BotApiEmulator
from emulator import webapp as telegram
from jobs.ticks import evening_tick
from tests.e2e.conftest import Clock
from tests.e2e.people import Person, plain
from tests.e2e.test_dispatchers import read_until
from tests.e2e.test_evening import CUTOFF
from tests.webapp.conftest import api, signed
from tests.webapp.evening import dispatcher, seed
from usecases.roles import revoke_role
from usecases.services import Services
from views import board_texts, round_texts

NADIA = 7900  # dispatcher of site 1
LUC = 7901  # dispatcher of site 2


async def get(http: aiohttp.ClientSession, url: str, init_data: str | None) -> tuple[int, Any]:
    headers = {"Authorization": f"tma {init_data}"} if init_data is not None else {}
    async with http.get(url, headers=headers) as response:
        return response.status, await response.json()


async def post(http: aiohttp.ClientSession, url: str, init_data: str, body: Any) -> tuple[int, Any]:
    headers = {"Authorization": f"tma {init_data}"}
    async with http.post(url, headers=headers, json=body) as response:
        return response.status, await response.json()


async def two_evenings(
    emulator: BotApiEmulator, bot: Any, clock: Clock, sites: tuple[Site, Site]
) -> tuple[Any, Any]:
    store = bot.bot_data.store
    first = await seed(store, sites[0], clock.now, hosts=5, groups=3, first_user=10_000)
    second = await seed(store, sites[1], clock.now, hosts=2, groups=2, first_user=20_000)
    for user_id in (*first.host_users, *first.guest_users, *second.host_users, *second.guest_users):
        emulator.user(user_id, f"U{user_id}", language_code="en").record.started = True
    await dispatcher(store, NADIA, sites[0], clock.now, "en")
    await dispatcher(store, LUC, sites[1], clock.now, "fr")
    return first, second


async def test_a_page_without_valid_initdata_gets_401_and_a_guest_403(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    await two_evenings(emulator, web_bot, clock, sites)
    other_bot = telegram.init_data(
        "654321:OTHER", emulator.user(NADIA).record, int(clock.now.timestamp())
    )
    forged = signed(emulator, NADIA, clock).replace("hash=", "hash=0")
    for path in (
        "me",
        f"board?site={sites[0].id}",
        f"events?site={sites[0].id}",
        "targets?request=1",
    ):
        url = api(web_config, path)
        assert (await get(http, url, None))[0] == 401
        assert (await get(http, url, ""))[0] == 401
        assert (await get(http, url, forged))[0] == 401
        assert (await get(http, url, other_bot))[0] == 401
        assert (await get(http, url, signed(emulator, NADIA, clock, timedelta(days=1))))[0] == 401
        status, body = await get(http, url, signed(emulator, 10_006, clock))  # a guest
        assert status == 403 and body["error"] == "This is reserved for dispatchers."
    status, _ = await post(http, api(web_config, "close"), forged, {"site": sites[0].id})
    assert status == 401


async def test_a_dispatcher_of_one_site_never_reads_the_other(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    _, second = await two_evenings(emulator, web_bot, clock, sites)
    nadia = signed(emulator, NADIA, clock)
    _, me = await get(http, api(web_config, "me"), nadia)
    assert me["sites"] == [{"id": sites[0].id, "name": sites[0].name}]
    _, own = await get(http, api(web_config, f"board?site={sites[0].id}"), nadia)
    assert sorted(g["alias"] for g in own["groups"]) == ["G0", "G1", "G2"]
    assert {h["name"] for h in own["hosts"]} == {f"Host {n}" for n in range(5)}
    other = sites[1].id
    paths = (f"board?site={other}", f"events?site={other}", "board?site=999", "targets?request=999")
    for path in (*paths, f"targets?request={second.requests[0]}"):
        status, body = await get(http, api(web_config, path), nadia)
        assert status == 403, path
        assert "G0" not in json.dumps(body)
    for action, body in (
        ("move", {"request": second.requests[0], "offer": second.offers[0], "token": "0:waiting"}),
        ("take-out", {"offer": second.offers[0], "token": f"{second.offers[0]}:0"}),
        ("rerun", {"site": other, "token": "open:unmatched"}),
        ("close", {"site": other, "token": "open:unmatched"}),
    ):
        assert (await post(http, api(web_config, action), nadia, body))[0] == 403, action
    closed, _ = await web_bot.bot_data.store.evening.state(other, tonight(sites[1], clock.now)[0])
    assert not closed  # nothing happened at site 2


async def test_the_board_shows_the_evening_and_follows_changes_within_two_seconds(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    await two_evenings(emulator, web_bot, clock, sites)
    url = api(web_config, f"events?site={sites[0].id}")
    headers = {"Authorization": f"tma {signed(emulator, NADIA, clock)}"}
    async with http.get(url, headers=headers) as stream:
        board = await next_board(stream)
        # Five hosts offer 1, 2, 3, 4 and 1 beds; a woman, a man, a mother with two children ask.
        assert board["figures"]["beds_offered"] == 11 and board["figures"]["people_asking"] == 5
        assert board["figures"]["people"] == {"waiting": 5}
        clock.now = CUTOFF
        await evening_tick(BotContext(web_bot))
        started = asyncio.get_running_loop().time()
        board = await next_board(stream)
        assert asyncio.get_running_loop().time() - started <= 2.0
        assert board["round"]["closed"] and board["figures"]["people"].get("proposed")
        assert all(g["reasons"] for g in board["groups"] if g["status"] == "proposed")


async def next_board(stream: aiohttp.ClientResponse) -> Any:
    async with asyncio.timeout(5):
        while True:
            line = (await stream.content.readline()).decode()
            if line.startswith("data: "):
                return json.loads(line[6:])


async def test_a_move_from_the_page_is_the_chats_move(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    await two_evenings(emulator, web_bot, clock, sites)
    store = web_bot.bot_data.store
    clock.now = CUTOFF
    await evening_tick(BotContext(web_bot))
    night = tonight(sites[0], clock.now)[0]
    nadia = Person.join(emulator, NADIA, "en", "Nadia")
    init = signed(emulator, NADIA, clock)
    _, board = await get(http, api(web_config, f"board?site={sites[0].id}"), init)
    g0, g1 = (next(g for g in board["groups"] if g["alias"] == a) for a in ("G0", "G1"))

    # G0 through the chat.
    _, targets = await get(http, api(web_config, f"targets?request={g0['id']}"), init)
    chat_target = targets["targets"][0]["name"]
    await nadia.command("board")
    await nadia.tap("🤝 Matches")
    await nadia.tap("↪️ Move #{id} {name}", id=str(g0["id"]), name="G0")
    await nadia.tap_label(chat_target)
    moved = await nadia.say("known family")
    assert moved.text == board_texts.moved(nadia.t, "G0", chat_target)

    # G1 through the page.
    _, targets = await get(http, api(web_config, f"targets?request={g1['id']}"), init)
    web_target = targets["targets"][0]
    body = {
        "request": g1["id"],
        "offer": web_target["id"],
        "note": "known family",
        "token": g1["token"],
    }
    status, answer = await post(http, api(web_config, "move"), init, body)
    assert status == 200
    assert answer["message"] == board_texts.moved(nadia.t, "G1", web_target["name"])

    entries = {
        e.detail["request"]: e for e in await store.audit.recent() if e.action == "match.move"
    }
    chat_entry, web_entry = entries[g0["id"]], entries[g1["id"]]
    assert (chat_entry.actor_id, web_entry.actor_id) == (NADIA, NADIA)
    assert chat_entry.detail.keys() == web_entry.detail.keys()
    assert chat_entry.detail["note"] == web_entry.detail["note"] == "known family"
    reasons = {v.request_id: codes for v, codes in await store.board.matches(sites[0].id, night)}
    assert reasons[g0["id"]] == reasons[g1["id"]] == ["dispatcher_move"]
    # Each former host is told not to come, each new host is asked, in the same words.
    for group, new_host in ((g0, chat_target), (g1, web_target["name"])):
        former = Person.join(emulator, host_user(group["host"]), "en")
        await read_until(former, plain(board_texts.to_host_moved_away(former.t, group["alias"])))
        await read_until(Person.join(emulator, host_user(new_host), "en"), group["alias"])


def host_user(name: str) -> int:
    return 10_000 + int(name.removeprefix("Host "))  # as tests.webapp.evening names them


async def test_a_change_made_meanwhile_is_reported_not_overwritten(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    await two_evenings(emulator, web_bot, clock, sites)
    clock.now = CUTOFF
    await evening_tick(BotContext(web_bot))
    luc_site = sites[0]
    store = web_bot.bot_data.store
    await dispatcher(store, LUC, luc_site, clock.now, "fr")  # Luc now dispatches site 1 too
    init = signed(emulator, LUC, clock)
    _, board = await get(http, api(web_config, f"board?site={luc_site.id}"), init)
    group = next(g for g in board["groups"] if g["alias"] == "G0")
    _, targets = await get(http, api(web_config, f"targets?request={group['id']}"), init)
    first, *_ = targets["targets"]
    body = {"request": group["id"], "offer": first["id"], "token": group["token"]}
    assert (await post(http, api(web_config, "move"), init, body))[0] == 200
    # The same page, still showing the old state, tries another move: refused, in French.
    status, answer = await post(http, api(web_config, "move"), init, body)
    assert status == 409
    assert answer["error"].startswith("Quelqu")
    status, answer = await post(
        http, api(web_config, "close"), init, {"site": luc_site.id, "token": "open:unmatched"}
    )
    assert status == 409
    assert len([e for e in await store.audit.recent() if e.action == "match.move"]) == 1


async def test_closing_and_taking_a_host_out_from_the_page_are_the_chats(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    first, _ = await two_evenings(emulator, web_bot, clock, sites)
    store = web_bot.bot_data.store
    init = signed(emulator, NADIA, clock)
    site = {"site": sites[0].id}
    status, answer = await post(
        http, api(web_config, "close"), init, {**site, "token": "open:unmatched"}
    )
    assert status == 200 and answer["message"] == round_texts.round_closed(
        Person.join(emulator, NADIA, "en").t, 3, 0
    )
    _, board = await get(http, api(web_config, f"board?site={sites[0].id}"), init)
    assert board["round"]["token"] == "closed:matched"
    host = next(h for h in board["hosts"] if h["used"])
    status, answer = await post(
        http, api(web_config, "take-out"), init, {"offer": host["id"], "token": host["token"]}
    )
    assert status == 200 and host["name"] in answer["message"]
    status, _ = await post(
        http, api(web_config, "rerun"), init, {**site, "token": "closed:matched"}
    )
    assert status == 200
    actions = {e.action: e for e in await store.audit.recent()}
    for action in ("round.close_early", "offer.take_out", "round.rerun"):
        assert actions[action].actor_id == NADIA, action
    assert actions["offer.take_out"].detail["note"] == "board"  # as the chat writes it
    taken_out = Person.join(emulator, first.host_users[first.offers.index(host["id"])], "en")
    await read_until(taken_out, plain(board_texts.to_host_taken_out(taken_out.t)))


async def test_a_dispatcher_whose_role_is_taken_away_stops_receiving(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any, http: Any
) -> None:
    await two_evenings(emulator, web_bot, clock, sites)
    store = web_bot.bot_data.store
    headers = {"Authorization": f"tma {signed(emulator, NADIA, clock)}"}
    async with http.get(api(web_config, f"events?site={sites[0].id}"), headers=headers) as stream:
        await next_board(stream)
        await revoke_role(Services(store), NADIA, Role.DISPATCHER, 9000, clock.now)
        clock.now = CUTOFF
        await evening_tick(BotContext(web_bot))
        async with asyncio.timeout(5):
            assert (await stream.content.read()).strip() == b""  # the server ended it
    status, _ = await get(
        http, api(web_config, f"board?site={sites[0].id}"), headers["Authorization"][4:]
    )
    assert status == 403

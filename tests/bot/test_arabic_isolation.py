"""Every Arabic message keeps commands, Latin names and numbers readable: each sits inside an
isolate (U+2068 … U+2069), in the catalog's own text and in the messages the bot renders."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, time

import pytest
from babel.messages.pofile import read_po

from bot.i18n import FIRST_STRONG_ISOLATE as FSI
from bot.i18n import POP_DIRECTIONAL_ISOLATE as PDI
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, Site
from dispatch.party import Party
from dispatch.readmodels import MatchView
from tests.test_catalogs import PLACEHOLDER, ROOT
from tools.actors import TRANSLATORS
from views import common_texts, guest_texts, host_texts, round_texts, summaries

ISOLATED = re.compile(f"{FSI}[^{FSI}{PDI}]*{PDI}")
TAG = re.compile(r"<[^>]+>")
LATIN = re.compile(r"/?[A-Za-z0-9]+")
SITE = Site(1, "Brussels", "Europe/Brussels", time(19), time(23), "Gare du Nord", "", None)


def unisolated(text: str) -> list[str]:
    """Latin words, digits and /commands left outside any isolate (tags and URLs aside)."""
    text = html.unescape(TAG.sub("", text))
    while (stripped := ISOLATED.sub("", text)) != text:  # innermost first: isolates nest
        text = stripped
    return LATIN.findall(text)


def arabic_messages() -> list[tuple[str, str]]:
    with (ROOT / "locales" / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="ar")
    found = []
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(msgid, text) for text in texts]
    return found


def test_the_checker_sees_what_a_reader_would_see_reversed() -> None:
    assert unisolated("أرسلوا /start للبدء") == ["/start"]
    assert unisolated(f"أرسلوا {FSI}/start{PDI} للبدء") == []
    assert unisolated(f"الاسم: {FSI}Hawa{PDI}، {FSI}{FSI}12{PDI} سريرًا{PDI}") == []
    assert unisolated('<a href="tg://user?id=1">راسلوا</a>') == []


@pytest.mark.parametrize(("msgid", "text"), arabic_messages())
def test_every_arabic_catalog_text_isolates_its_latin_words_and_numbers(
    msgid: str, text: str
) -> None:
    assert not unisolated(PLACEHOLDER.sub("", text)), (msgid, text)


@pytest.mark.parametrize(("msgid", "text"), arabic_messages())
def test_every_arabic_message_filled_with_latin_values_renders_isolated(
    msgid: str, text: str
) -> None:
    """The values a message is filled with (names, numbers, times, codes) are isolated too."""
    values = {name: "Hawa 12" for name in PLACEHOLDER.findall(text)}
    rendered = TRANSLATORS["ar"]._fill(text, values)
    assert not unisolated(rendered), (msgid, rendered)


def sample_match(night: date) -> MatchView:
    return MatchView(
        id=7, status="proposed", night=night, site_id=1, code="AB12", request_id=3, guest_id=9,
        alias="Hawa", party=Party(1, 0, 2, ("0-2", "3-11")),
        languages=("ar", "en"), guest_chat_id=9, walk_in=False, host_id=4, host_user_id=40,
        host_name="Marie", latest_pickup=time(21, 30),
        created_at=datetime(2026, 11, 23, 18, tzinfo=UTC), offer_id=5,
    )  # fmt: skip


def rendered_in_arabic() -> dict[str, str]:
    t = TRANSLATORS["ar"]
    night = date(2026, 11, 23)
    details = HostDetails(
        display_name="Marie", phone="+32470123456", site_ids=(1,),
        household=Household.SINGLE_WOMAN, accepts=frozenset({GroupType.SINGLE_WOMEN}),
        languages=("fr", "ar"), step_free=True, pets=False, can_fetch=True,
    )  # fmt: skip
    return {
        "help": common_texts.help_text(t, host=True, dispatcher=True),
        "free text": common_texts.free_text(t),
        "request": summaries.request(
            t,
            alias="Hawa",
            make_up=summaries.group(t, Party(1, 0, 2, ("0-2", "3-11"))),
            site="Brussels",
            spoken=("ar", "en"),
            step_free=True,
            medical=False,
        ),
        "profile": summaries.host_profile(t, details, {1: "Brussels"}),
        "offer": summaries.offer(
            t, beds=2, site="Brussels", latest_pickup=time(21, 30), nights=3, note="Sofa"
        ),
        "to host": round_texts.to_host(t, sample_match(night), SITE, 30),
        "to guest": round_texts.to_guest(t, sample_match(night), SITE),
        "welcome": guest_texts.welcome(t, time(19), 14, consented=False),
        "registered": guest_texts.registered(t, "Hawa", "Brussels", night, time(19)),
        "offer saved": host_texts.offer_saved(t, time(19)),
    }


@pytest.mark.parametrize(("name", "text"), sorted(rendered_in_arabic().items()))
def test_rendered_arabic_messages_isolate_names_numbers_and_commands(name: str, text: str) -> None:
    assert not unisolated(text), (name, text)

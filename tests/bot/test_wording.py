"""Wording fixes that can be checked without a bot: separators, labels and answers that read
as a careful native speaker would write them, in the languages concerned."""

from __future__ import annotations

from datetime import time

import pytest

from bot.i18n import FIRST_STRONG_ISOLATE as FSI
from bot.i18n import POP_DIRECTIONAL_ISOLATE as PDI
from dispatch.appeal_forms import APPEAL
from dispatch.guest_forms import GUEST_REQUEST, WALK_IN
from dispatch.inputs import Problem
from dispatch.party import Party
from tools.actors import TRANSLATORS, plain
from views import common_texts, drafts_texts, form_view, stats_texts, summaries

NBSP = "\xa0"


def request_summary(locale: str) -> str:
    t = TRANSLATORS[locale]
    return summaries.request(
        t,
        alias="Hawa",
        make_up=summaries.group(t, Party(1, 0, 2, ("0-2", "3-11"))),
        site="Brussels",
        spoken=("ar", "en"),
        step_free=True,
        medical=True,
    )


def test_french_puts_a_space_before_every_colon_of_a_summary() -> None:
    text = plain(request_summary("fr"))
    assert f"Nom{NBSP}: Hawa" in text
    assert ": " not in text.replace(f"{NBSP}: ", "")  # no colon without its space


def test_arabic_summaries_use_the_arabic_comma_and_isolate_latin_names() -> None:
    text = plain(request_summary("ar"))
    assert f"{FSI}Hawa{PDI}" in text
    assert f"{FSI}العربية{PDI}، {FSI}English{PDI}" in text
    assert ", " not in text


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_a_group_description_has_no_brackets_inside_brackets(locale: str) -> None:
    t = TRANSLATORS[locale]
    group = summaries.group(t, Party(1, 0, 2, ("0-2", "3-11")))
    inside = group[group.index("(") + 1 : group.rindex(")")]
    assert "(" not in inside and ")" not in inside
    assert "0–2" in group and "3–11" in group


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_optional_choices_offer_a_no_button_instead_of_press_done(locale: str) -> None:
    t = TRANSLATORS[locale]
    for form in (GUEST_REQUEST, WALK_IN):
        field = form.field("needs")
        assert "Done" not in form_view.question(t, form, field)
        keyboard = form_view.keyboard(
            t, form, field, {}, field.choices({}, {}), {}, can_go_back=True
        )
        labels = [button.text for row in keyboard.inline_keyboard for button in row]
        assert t.gettext("No") in labels and t.gettext("✔️ Done") not in labels
        ticked = form_view.keyboard(
            t, form, field, {"_needs": ["medical"]}, field.choices({}, {}), {}, can_go_back=True
        )
        assert t.gettext("✔️ Done") in [b.text for row in ticked.inline_keyboard for b in row]
    languages = APPEAL.field("languages")
    keyboard = form_view.keyboard(t, APPEAL, languages, {}, ("fr",), {}, can_go_back=True)
    assert t.gettext("Any language") in [b.text for row in keyboard.inline_keyboard for b in row]


def test_the_phone_example_matches_what_the_message_asks_for() -> None:
    text = form_view.problem_text(
        TRANSLATORS["en"], Problem.NOT_A_PHONE, GUEST_REQUEST.field("alias")
    )
    assert "+32 470 12 34 56" in text and "digits only" not in text


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_stopping_a_form_says_what_was_deleted_and_what_stays(locale: str) -> None:
    t = TRANSLATORS[locale]
    assert t.gettext("Nothing from that step was kept.") not in common_texts.cancelled(t)
    assert common_texts.cancelled(t) != drafts_texts.dropped(t)


def test_french_my_data_command_does_not_make_the_bot_vous() -> None:
    menu = dict((name, text) for name, text in common_texts.COMMANDS)
    assert "vous gardez" not in TRANSLATORS["fr"].gettext(menu["mydata"])


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_no_night_left_waiting_reads_as_words_not_zero(locale: str) -> None:
    t = TRANSLATORS[locale]
    text = stats_texts._left_waiting(t, 0, 30)
    assert "0" not in text.replace(FSI, "").replace(PDI, "").replace("30", "")


def test_the_guest_welcome_says_the_time_of_the_cutoff() -> None:
    from views import guest_texts

    for locale, shown in (("fr", "19:00"), ("nl", "19:00"), ("en", "7:00"), ("ar", "7:00")):
        text = guest_texts.welcome(TRANSLATORS[locale], time(19, 0), 14, consented=False)
        assert shown in text.replace("\u202f", " "), (locale, text)


def test_dutch_speaks_of_hosts_as_people_not_families() -> None:
    from babel.messages.pofile import read_po

    from tests.test_catalogs import ROOT

    with (ROOT / "locales" / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="nl")
    texts = [m.string if isinstance(m.string, str) else " ".join(m.string) for m in catalog]
    lowered = [text.lower() for text in texts]
    assert not any("gastgezin" in text or "sluitingsuur" in text for text in lowered)
    t = TRANSLATORS["nl"]
    assert "Iemand vangt u vannacht op" in t.gettext(
        "🏠 <b>Someone can host you tonight</b>: {name}.\n\nMeeting point: {place}\n"
        "Please be there by {time}.\nYour pickup code: <b>{code}</b>. {name} will say the same "
        "code: only go with someone who knows it.",
        name="Paul", place="X", time="21:00", code="AB12",
    )  # fmt: skip


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_a_host_is_told_about_one_guest_by_name_not_as_several(locale: str) -> None:
    t = TRANSLATORS[locale]
    from datetime import date

    from dispatch.models import Site
    from views import round_texts

    site = Site(1, "Brussels", "Europe/Brussels", time(19), time(23), "Gare du Nord", "", None)
    from tests.bot.test_arabic_isolation import sample_match

    text = plain(round_texts.to_host(t, sample_match(date(2026, 11, 23)), site, 30))
    assert text.count("Hawa") >= 2  # "meet Hawa there", "Hawa will say the same code"
    for several in (
        "les chercher",
        "ils diront",
        "Haal hen",
        "اصطحابهم",
        "سيقولون",
        "collect them",
    ):
        assert several not in text

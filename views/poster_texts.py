"""The words of the printed posters, in one language each.

A poster is read from a few metres away by someone who may never have used the bot: a
question they recognise, three short promises (free, safe, no papers), where and until when,
and how to open the bot without the QR code. Texts are plain (no HTML): matplotlib draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES
from dispatch.models import Site
from views.common_texts import in_danger


@dataclass(frozen=True)
class PosterText:
    """One poster's words, translated; `lines` are the short paragraphs under the headline."""

    locale: str
    right_to_left: bool
    site: str
    headline: str
    lines: tuple[str, ...]
    details: tuple[str, ...]
    call_to_action: str
    footer: str
    pictograms: bool = False  # a bed, a moon, a phone: understood without reading


def guest_poster(t: Translator, site: Site, link: str) -> PosterText:
    """For people who need a bed: free, safe, nothing asked but a first name."""
    return PosterText(
        locale=t.locale,
        right_to_left=t.right_to_left,
        site=site.name,
        headline=t.gettext("Need a bed tonight?"),
        lines=(
            t.gettext("Citizens offer a bed in their home for the night. It is free."),
            t.gettext(
                "It is safe: we only ask for a first name. No papers, no photos, no phone number."
            ),
            t.gettext("You meet your host at the meeting point and check a code together."),
        ),
        details=(
            *meeting_point(t, site),
            t.gettext("Ask every evening before {time}.", time=t.time(site.cutoff)),
        ),
        call_to_action=scan(t, link),
        footer=in_danger(t),
        pictograms=True,
    )


def host_poster(t: Translator, site: Site, link: str) -> PosterText:
    """For citizens with a spare bed: what hosting asks of them, and that it stays safe."""
    return PosterText(
        locale=t.locale,
        right_to_left=t.right_to_left,
        site=site.name,
        headline=t.gettext("A spare bed tonight?"),
        lines=(
            t.gettext(
                "People sleep outside tonight in {site}. Host them in your home, "
                "for one night or more: you choose the evenings.",
                site=site.name,
            ),
            t.gettext(
                "Register once and accept the hosting charter; a volunteer approves your profile."
            ),
            t.gettext("Your address is never shared: you meet your guests at the meeting point."),
        ),
        details=(
            *meeting_point(t, site),
            t.gettext("Offers close at {time} every evening.", time=t.time(site.cutoff)),
        ),
        call_to_action=scan(t, link),
        footer=t.gettext(
            "The bot speaks {languages}.",
            languages=" · ".join(NATIVE_NAMES[code] for code in SUPPORTED_LOCALES),
        ),
    )


def meeting_point(t: Translator, site: Site) -> tuple[str, ...]:
    """The public place and its address; nothing when none is set (the site's name heads
    the poster, and a volunteer may write the place in by hand)."""
    place = ", ".join(
        part for part in (site.meeting_point_name, site.meeting_point_address) if part
    )
    return (t.gettext("Meeting point: {place}", place=place),) if place else ()


def scan(t: Translator, link: str) -> str:
    """The link is printed without its scheme: shorter to type, and Telegram opens it."""
    shown = link.removeprefix("https://")
    return t.gettext("Scan with your phone's camera, or open {link} in Telegram.", link=shown)

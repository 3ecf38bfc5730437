"""Who is asking and who is hosting: the categories the safety rules are written in."""

from __future__ import annotations

from enum import StrEnum


class GroupType(StrEnum):
    """What a host can accept; derived from a group's make-up, never asked directly."""

    SINGLE_MEN = "men"
    SINGLE_WOMEN = "women"
    WOMEN_WITH_CHILDREN = "mothers"
    FAMILIES = "families"
    COUPLES = "couples"


class Household(StrEnum):
    SINGLE_WOMAN = "single_woman"
    SINGLE_MAN = "single_man"
    COUPLE = "couple"
    FAMILY = "family"
    SHARED_FLAT = "shared_flat"


# Non-mixité: a man living alone never hosts women (alone or with children), and a woman
# living alone never hosts men. These are hard rules, not preferences.
FORBIDDEN: dict[Household, frozenset[GroupType]] = {
    Household.SINGLE_MAN: frozenset({GroupType.SINGLE_WOMEN, GroupType.WOMEN_WITH_CHILDREN}),
    Household.SINGLE_WOMAN: frozenset({GroupType.SINGLE_MEN}),
}


def acceptable_for(household: Household) -> tuple[GroupType, ...]:
    """The group types a household may offer to host, in the order they are shown."""
    forbidden = FORBIDDEN.get(household, frozenset())
    return tuple(group for group in GroupType if group not in forbidden)


def group_type(women: int, men: int, children: int) -> GroupType | None:
    """The category of a group; None for children alone (minors go to a dedicated service)."""
    if women < 0 or men < 0 or children < 0:
        raise ValueError("a group cannot have a negative number of people")
    if women == 0 and men == 0:
        return None
    if children > 0:
        return GroupType.FAMILIES if men > 0 else GroupType.WOMEN_WITH_CHILDREN
    if women > 0 and men > 0:
        return GroupType.COUPLES if women == 1 and men == 1 else GroupType.FAMILIES
    return GroupType.SINGLE_MEN if men > 0 else GroupType.SINGLE_WOMEN


def may_host(household: Household, accepts: frozenset[GroupType], group: GroupType) -> bool:
    """The host chose to accept this group and no safety rule forbids it.

    An unknown household is refused outright: it would otherwise escape the non-mixité table.
    """
    if not isinstance(household, Household):
        return False
    return group in accepts and group not in FORBIDDEN.get(household, frozenset())

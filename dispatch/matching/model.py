"""What the matching engine reads and writes. Pure data: no Telegram, no SQL, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dispatch.groups import GroupType, Household, group_type


class MalformedEvening(ValueError):
    """The engine's input makes no sense (unknown household, negative count, duplicate id...):
    refused rather than guessed at, since a guess could break a safety rule."""


@dataclass(frozen=True)
class Group:
    """One request: a group that is never split.

    Its type (what the non-mixité rules and the hosts' choices read) is derived from the head
    counts every time, never taken from a label that could disagree with them.
    """

    id: int  # request id
    guest_id: int  # the person (or walk-in record) behind it; used for blocked pairs
    site_id: int
    women: int
    men: int
    children: int
    languages: frozenset[str] = frozenset()
    step_free: bool = False
    medical: bool = False
    arrival: int = 0  # rank of arrival: smaller came first
    nights_without_bed: int = 0  # recent nights this guest was left without a bed
    previous_host_id: int | None = None  # last night's host, for a multi-night stay

    # Derived values are cached on first use (the engine reads them hundreds of thousands of
    # times); a cached value is no field, so equality, hashing and pickling ignore it.
    @cached_property
    def size(self) -> int:
        return self.women + self.men + self.children

    @cached_property
    def group_type(self) -> GroupType:
        kind = group_type(self.women, self.men, self.children)
        if kind is None:
            raise MalformedEvening(f"group {self.id} has no adult")
        return kind

    @cached_property
    def vulnerable(self) -> int:
        """People who go first under scarcity: children, women, anyone with a medical need."""
        return self.size if self.medical else self.women + self.children


@dataclass(frozen=True)
class Place:
    """One host's offer for the night; several groups may share it within its beds."""

    id: int  # offer id
    host_id: int
    site_id: int
    beds: int
    household: Household
    accepts: frozenset[GroupType]
    languages: frozenset[str] = frozenset()
    step_free: bool = False
    eligible: bool = True  # vetted, active, not paused: the caller decides
    needs_ride: bool = False  # the host cannot come to the meeting point: a car must bring them


@dataclass(frozen=True)
class Car:
    """One driver's shift tonight, as the engine sees it (see `dispatch.drivers.Shift`).

    A group is never split across cars: it rides in one car whose free seats (and child seats,
    for its children) hold it whole, on one of the shift's trips. Whom the car may carry follows
    the same non-mixité table as homes, with the crew in the household's place.
    """

    id: int  # shift id
    driver_id: int
    site_id: int
    seats: int  # passenger seats
    child_seats: int
    trips: int  # meeting point → door runs this shift can make tonight
    crew: Household  # who is in the car: SINGLE_WOMAN, SINGLE_MAN or COUPLE
    accepts: frozenset[GroupType]
    non_mixite: bool = True  # the site's setting: off lets a car carry whom its crew forbids


@dataclass(frozen=True)
class Evening:
    groups: tuple[Group, ...]
    places: tuple[Place, ...]
    blocked_pairs: frozenset[tuple[int, int]] = frozenset()  # (host_id, guest_id) never again
    cars: tuple[Car, ...] = ()  # tonight's drivers; places with needs_ride can only use these


@dataclass(frozen=True)
class Reason:
    """Why a decision was made, as a code and parameters that the bot renders in any language.

    Codes (params): "housed" (); "vulnerable_first" (); "waited_before" (nights);
    "same_host_again" (); "shared_language" (language); "no_place_at_site" ();
    "no_host_accepting" (group_type, size); "no_step_free_place" (size);
    "not_enough_beds" (size, largest); "outranked" (by: "vulnerable" | "waited_before" |
    "arrival" | "size"); "blocked_pair" (); "no_ride" (size): a home had room, but no car
    could take the group there.
    """

    code: str
    params: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Assignment:
    group_id: int
    place_id: int
    reasons: tuple[Reason, ...] = ()
    car_id: int | None = None  # the shift that drives the group, when the place needs a ride


@dataclass(frozen=True)
class Unplaced:
    group_id: int
    reason: Reason


@dataclass(frozen=True)
class Result:
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]
    objective: tuple[int, ...] = ()  # the lexicographic scores reached, most important first
    gap: float = 0.0  # relative gap on the most important level not proven optimal (0 = all are)
    seconds: float = 0.0
    unproven: tuple[str, ...] = ()  # levels (score.LEVELS names) kept at the best found
    nodes: int = 0  # branch-and-bound nodes spent: the effort, whatever the machine's speed
    solves: int = 0  # HiGHS runs (LP relaxations and MIPs), likewise

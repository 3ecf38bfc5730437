"""Aggregation: interchangeable groups and places of one site, gathered into classes.

Two groups belong to the same class when every rule and every level being optimised treats
them alike except arrival order (which the handout applies inside the class). Two places belong
to the same class when they accept the same groups and score the same on those levels. The
integer program then counts groups per class pair instead of choosing pairs one by one: about
3,500 columns for a peak evening (800 guests, 600 hosts) instead of some 300,000 pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from itertools import combinations_with_replacement
from typing import TypeVar

from dispatch.groups import may_host
from dispatch.matching import cars as rides
from dispatch.matching.cars import CarClass
from dispatch.matching.model import Car, Group, Place
from dispatch.matching.rules import compatible
from dispatch.matching.score import priority

MAX_PATTERNS = 64  # beyond this, places are modelled one by one, with a knapsack row
NO_HOST = -1

T = TypeVar("T")
K = TypeVar("K", bound=tuple[object, ...])
GroupKey = tuple[str, int, int, int, tuple[str, ...], bool, tuple[int, ...], int]
PlaceKey = tuple[int, tuple[str, ...], tuple[str, ...], bool, int, int, bool]  # [6]: needs a ride


@dataclass(frozen=True)
class GroupClass:
    key: GroupKey
    members: tuple[Group, ...]  # in priority order: the first ones are housed first

    @property
    def rep(self) -> Group:
        return self.members[0]


@dataclass(frozen=True)
class PlaceClass:
    key: PlaceKey
    members: tuple[Place, ...]  # by id
    patterns: tuple[tuple[int, ...], ...]  # group sizes one place can take; () = one by one

    @property
    def rep(self) -> Place:
        return self.members[0]

    @property
    def beds(self) -> int:
        return self.rep.beds


@dataclass(frozen=True)
class SiteClasses:
    groups: tuple[GroupClass, ...]
    places: tuple[PlaceClass, ...]
    pairs: tuple[tuple[int, int], ...]  # (group class index, place class index), compatible
    blocked: frozenset[tuple[int, int]]  # the blocked pairs that matter at this site
    # Fine classes only: (group class, group id, place class) where that group would stay
    # with last night's host. Kept apart so that such a group needs no class of its own.
    stays: tuple[tuple[int, int, int], ...] = ()
    # Rides, only where some place needs one: the car classes, which group class each may
    # carry, and the pairs the rules allow but no car could drive (left out of `pairs`).
    cars: tuple[CarClass, ...] = ()
    carries: tuple[tuple[int, int], ...] = ()
    stranded: tuple[tuple[int, int], ...] = ()

    def needs_ride(self, q: int) -> bool:
        return self.places[q].key[6]


def build(
    groups: Sequence[Group],
    places: Sequence[Place],
    blocked: Set[tuple[int, int]],
    *,
    fine: bool = False,
    cars: Sequence[Car] = (),
) -> SiteClasses:
    """Classes of one site's groups and eligible places, and which class pairs are allowed.

    Coarse classes (the default) keep what the hard rules and levels 1-4 look at. Fine
    classes serve once the housed groups are known: they drop vulnerability and waiting, add
    languages, and set last night's hosts apart for level 5. Where a place needs a ride, the
    children count too (a child seat each), and `cars` are gathered into classes.
    """
    places = [place for place in places if place.eligible]
    riding = any(place.needs_ride for place in places)
    hosts = {place.host_id for place in places}
    guests = {group.guest_id for group in groups}
    relevant = frozenset(pair for pair in blocked if pair[0] in hosts and pair[1] in guests)
    special = {host for host, _ in relevant}
    if fine:
        special |= {g.previous_host_id for g in groups if g.previous_host_id in hosts}
    host_languages = frozenset().union(*(place.languages for place in places)) if fine else None
    guest_languages = frozenset().union(*(group.languages for group in groups)) if fine else None
    types = {group.group_type for group in groups}
    anyone_step_free = any(group.step_free for group in groups)
    blocked_hosts: dict[int, set[int]] = defaultdict(set)
    for host, guest in relevant:
        blocked_hosts[guest].add(host)

    def group_key(group: Group) -> GroupKey:
        return (
            str(group.group_type),
            group.size,
            0 if fine else group.vulnerable,
            0 if fine else group.nights_without_bed,
            _languages(group.languages, host_languages),
            group.step_free,
            tuple(sorted(blocked_hosts.get(group.guest_id, ()))),
            group.children if riding else 0,
        )

    def place_key(place: Place) -> PlaceKey:
        accepted = (t for t in types if may_host(place.household, place.accepts, t))
        return (
            place.beds,
            tuple(sorted(str(t) for t in accepted)),
            _languages(place.languages, guest_languages),
            place.step_free and anyone_step_free,
            place.host_id if place.host_id in special else NO_HOST,
            NO_HOST,
            place.needs_ride,
        )

    group_classes = _gather(groups, group_key, priority)
    raw_places = _gather(places, place_key, lambda place: (place.id,))
    gclasses = tuple(GroupClass(key, tuple(members)) for key, members in group_classes)
    pairs_by_raw = _allowed(gclasses, [members[0] for _, members in raw_places], relevant)
    pclasses: list[PlaceClass] = []
    raw_index: list[int] = []
    for r, (key, members) in enumerate(raw_places):
        sizes = sorted({gclasses[i].rep.size for i in pairs_by_raw[r]})
        # Patterns even for a lone place: its LP relaxation is then nearly always integral,
        # where a knapsack row lets the LP half-fill beds and sends HiGHS branching.
        patterns = _patterns(sizes, members[0].beds)
        if len(patterns) > MAX_PATTERNS:
            for place in members:  # too many ways to fill them: a knapsack per place
                alone = (key[0], key[1], key[2], key[3], key[4], place.id, key[6])
                pclasses.append(PlaceClass(alone, (place,), ()))
                raw_index.append(r)
        else:
            pclasses.append(PlaceClass(key, tuple(members), patterns))
            raw_index.append(r)
    pairs = tuple((i, q) for q, r in enumerate(raw_index) for i in pairs_by_raw[r])
    car_classes = rides.gather(cars, [cls.rep for cls in gclasses]) if riding else ()
    carries = rides.carriers(car_classes)
    carried = {c for c, _ in carries}
    stranded = tuple((c, q) for c, q in pairs if pclasses[q].key[6] and c not in carried)
    pairs = tuple((c, q) for c, q in pairs if not pclasses[q].key[6] or c in carried)
    stays = _stays(gclasses, pclasses, pairs) if fine else ()
    return SiteClasses(
        gclasses, tuple(pclasses), pairs, relevant, stays, car_classes, carries, stranded
    )


def _allowed(
    groups: Sequence[GroupClass], places: Sequence[Place], blocked: Set[tuple[int, int]]
) -> list[list[int]]:
    """Per place, the indices of the group classes allowed there. The rules only read a
    group's type, size, step-free need and guest, so classes sharing those share the answer."""
    alike: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, cls in enumerate(groups):
        alike[(cls.rep.group_type, cls.rep.size, cls.rep.step_free, cls.key[6])].append(i)
    reps = [(groups[members[0]].rep, members) for members in alike.values()]
    return [
        sorted(
            i for rep, members in reps if compatible(rep, place, blocked) is None for i in members
        )
        for place in places
    ]


def _stays(
    groups: Sequence[GroupClass], places: Sequence[PlaceClass], pairs: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int, int], ...]:
    """Every allowed (class, group, place class) that would keep a group with its last host."""
    by_host: dict[int, list[int]] = defaultdict(list)
    for q, place in enumerate(places):
        if place.key[4] != NO_HOST:
            by_host[place.key[4]].append(q)
    allowed = set(pairs)
    return tuple(
        (c, group.id, q)
        for c, cls in enumerate(groups)
        for group in cls.members
        if group.previous_host_id is not None
        for q in by_host.get(group.previous_host_id, ())
        if (c, q) in allowed
    )


def _gather(
    items: Iterable[T], key: Callable[[T], K], order: Callable[[T], tuple[int, ...]]
) -> list[tuple[K, list[T]]]:
    """Items grouped by key; keys sorted and members ordered, so the result is deterministic."""
    buckets: dict[K, list[T]] = defaultdict(list)
    for item in items:
        buckets[key(item)].append(item)
    return [(k, sorted(buckets[k], key=order)) for k in sorted(buckets)]


def _languages(spoken: frozenset[str], useful: frozenset[str] | None) -> tuple[str, ...]:
    """The languages that can matter tonight; none at all in coarse classes."""
    return () if useful is None else tuple(sorted(spoken & useful))


def _patterns(sizes: Sequence[int], beds: int) -> tuple[tuple[int, ...], ...]:
    """Every non-empty multiset of group sizes that fits in `beds`, most groups first."""
    found: list[tuple[int, ...]] = []
    fitting = [size for size in sizes if size <= beds]
    if not fitting:
        return ()
    for count in range(1, beds // fitting[0] + 1):
        for combo in combinations_with_replacement(fitting, count):
            if sum(combo) <= beds:
                found.append(combo)
        if len(found) > MAX_PATTERNS:
            break
    return tuple(sorted(found, key=lambda combo: (-len(combo), combo)))

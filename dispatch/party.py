"""A party's make-up: who is in one group asking for a bed. The safety rules read the counts;
the age bands say which children's needs to expect. One value, wherever a group is described."""

from __future__ import annotations

from dataclasses import dataclass

from dispatch.groups import GroupType, group_type


@dataclass(frozen=True)
class Party:
    women: int = 0
    men: int = 0
    children: int = 0
    age_bands: tuple[str, ...] = ()  # the children's ages as bands ("0-2", "3-11", "12-17")

    @property
    def size(self) -> int:
        return self.women + self.men + self.children

    @property
    def group_type(self) -> GroupType | None:
        """What a host must accept to take them; None for children alone."""
        return group_type(self.women, self.men, self.children)

"""Bookkeeping of what was planted, by person index until ID numbers exist."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dagster_project.synthetic.manifest import EdgeCase, Finding


@dataclass
class Truth:
    units: np.ndarray  # unit_code per unit index
    person_unit: np.ndarray  # unit index per person
    taken: np.ndarray  # people already carrying a plant (kept apart so plants never interact)
    _findings: list[tuple[str, int | None, str | None, str, str, str | None]] = field(
        default_factory=list
    )
    _edges: list[tuple[str, str, int | None, str | None, str, str]] = field(default_factory=list)

    def pick(self, rng: np.random.Generator, candidates: np.ndarray, k: int) -> np.ndarray:
        """Up to k untaken people from `candidates` (indices), marked taken."""
        free = candidates[~self.taken[candidates]]
        chosen = np.sort(rng.choice(free, size=min(k, len(free)), replace=False))
        self.taken[chosen] = True
        return chosen

    def unit_of(self, person: int) -> str:
        return str(self.units[self.person_unit[person]])

    def person(
        self,
        rule: str,
        person: int,
        period: str,
        detail: str | None = None,
        incident: str | None = None,
    ) -> None:
        self._findings.append((rule, person, incident, self.unit_of(person), period, detail))

    def other(
        self,
        rule: str,
        unit_code: str,
        period: str,
        detail: str | None = None,
        incident: str | None = None,
    ) -> None:
        self._findings.append((rule, None, incident, unit_code, period, detail))

    def edge(
        self,
        kind: str,
        rule: str,
        person: int | None,
        period: str,
        note: str,
        incident: str | None = None,
    ) -> None:
        self._edges.append((kind, rule, person, incident, period, note))

    def resolve(self, id_numbers: np.ndarray) -> tuple[list[Finding], list[EdgeCase]]:
        def idn(p: int | None) -> str | None:
            return None if p is None else str(id_numbers[p])

        findings = [Finding(r, idn(p), inc, u, per, d) for r, p, inc, u, per, d in self._findings]
        edges = [EdgeCase(k, r, idn(p), inc, per, note) for k, r, p, inc, per, note in self._edges]
        return findings, edges

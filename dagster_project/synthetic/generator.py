"""`generate()`: a province's landing files and the truth manifest, from one seed.

Order matters: people and plants are decided first (attribute plants change birth dates,
so ID numbers come after them), then files are written month by month so memory stays
bounded at province scale. Every random stream is keyed by (seed, purpose[, month]) so the
same arguments give byte-identical files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import polars as pl

from dagster_project.contract import SOURCES
from dagster_project.settings import get_settings
from dagster_project.synthetic import incidents as inc
from dagster_project.synthetic.calendar import month_label, month_start
from dagster_project.synthetic.clerk import ClerkWriter
from dagster_project.synthetic.divisions import DEMO_PROVINCE, load_census, load_divisions
from dagster_project.synthetic.manifest import Manifest, QuarantineRow
from dagster_project.synthetic.organisation import build_units
from dagster_project.synthetic.payroll import PayPlans, apply_plans, month_payroll, payroll_frame
from dagster_project.synthetic.people import POSTS, People, Volumes, assign_identity, build_people
from dagster_project.synthetic.planning import police_strength, quotas
from dagster_project.synthetic.plant_months import (
    INCIDENT_EDGES,
    IncidentPlans,
    plant_bad_payroll,
    plant_incidents,
    plant_pay,
)
from dagster_project.synthetic.plant_people import RecordPlans, plant_attributes, plant_records
from dagster_project.synthetic.quarantine import (
    DUPLICATE_COLUMNS,
    FakeRow,
    fake_payroll_row,
    fake_roster_row,
    insert_at,
    pick_fakes,
)
from dagster_project.synthetic.rates import ViolationRates
from dagster_project.synthetic.records import accident_policies, hr_records
from dagster_project.synthetic.reference import Reference, load_reference
from dagster_project.synthetic.roster import date_series, roster_frame
from dagster_project.synthetic.staffing import StaffingModel, staff_units
from dagster_project.synthetic.truth import Truth
from dagster_project.synthetic.window import Window
from dagster_project.synthetic.writers import Placement, style_for, style_partners, write

# Random stream per purpose: adding draws to one never shifts another.
_PEOPLE, _PLANTS, _IDENTITY, _PLANNING, _RECORDS, _QUARANTINE, _MONTH, _STAFFING = range(8)


class _Writer:
    """Writes per-partition files under DIR/<source>/ and counts them for the manifest;
    with a clerk writer, every source but the Parquet ones goes the clerks' way."""

    def __init__(
        self,
        out_dir: Path,
        formats: str,
        manifest: Manifest,
        clerk: ClerkWriter | None,
        partners: dict[str, str],
    ) -> None:
        self.out_dir, self.formats, self.manifest, self.clerk = out_dir, formats, manifest, clerk
        self.partners = partners

    def __call__(self, frame: pl.DataFrame, source: str, stem: str, partition: str) -> Placement:
        style = style_for(source, partition, self.formats, self.partners)
        if self.clerk is not None and style.kind != "parquet":
            placed = self.clerk(frame, source, stem, partition)
        else:
            path = write(frame, source, self.out_dir / source / stem, style)
            placed = Placement.single(path.name, frame.height, style.first_row)
        self.manifest.rows[source] += frame.height
        self.manifest.files[source] += len(placed.files)
        return placed


def generate(
    out_dir: Path,
    *,
    seed: int,
    scale: float,
    months: int,
    end_month: str,
    formats: str = "mixed",
    rates: ViolationRates | None = None,
    volumes: Volumes | None = None,
    province: str = DEMO_PROVINCE,
) -> Manifest:
    """Write the landing files to `out_dir/<source>/` and the truth to `out_dir/_truth/`.

    `formats`: "mixed" (what bureaus' systems export), "csv" (plain UTF-8 CSV) or "clerk"
    (the same rows as clerks deliver them: .xls, titles, two-row headers, `clerk.py`).
    `province`: the GB/T 2260 code of a province with reference figures (`reference.py`);
    its workforce is `volumes.auxiliaries` (the demo province's) times its census
    population over the demo province's."""
    if formats not in ("mixed", "csv", "clerk"):
        raise ValueError(f"formats must be 'mixed', 'csv' or 'clerk', not {formats!r}")
    rates, volumes = rates or ViolationRates(), volumes or Volumes()
    seeds = get_settings().dbt_project_dir / "seeds"
    ref = load_reference(seeds, province)
    census = dict(load_census().select("province_code", "population").iter_rows())
    volumes = replace(
        volumes,
        auxiliaries=round(volumes.auxiliaries * census[province] / census[DEMO_PROVINCE]),
    )
    window = Window.ending(end_month, months)
    units = build_units(ref.divisions)
    unit_code = units["unit_code"].to_numpy()
    unit_partition = units["partition"].to_numpy()

    def stream(*key: int) -> np.random.Generator:
        return np.random.default_rng([seed, *key])

    population = float(ref.divisions.filter(pl.col("level") == "county")["population"].sum())
    monthly_incidents = volumes.incidents_per_10k_population_month * population / 1e4 * scale
    expected_incidents = monthly_incidents * months
    min_suspensions = rates.count(rates.duty_while_suspended, int(expected_incidents)) + (
        2 * rates.edge_cases + 2
    )
    # Staff follow the work (the warehouse's staffing model, staffing_need): fixed posts,
    # patrol for the expected incidents, civilian support, times a level per bureau.
    staffing = staff_units(
        stream(_STAFFING),
        units,
        StaffingModel.load(get_settings().dbt_project_dir),
        monthly_incidents,
        inc.expected_auxiliary_hours(),
    )
    units = units.with_columns(staff_weight=pl.Series(staffing.staff_weight))
    people = build_people(
        stream(_PEOPLE), units, staffing.post_p, window, scale, volumes, min_suspensions
    )

    truth = Truth(unit_code, people.unit, np.zeros(people.n, dtype=bool))
    rng = stream(_PLANTS)
    plant_attributes(rng, people, window, rates, truth)
    danger_by_post = np.array([ref.danger_class[p] for p in POSTS])
    post_factor = np.array([ref.post_factor[p] for p in POSTS])
    high_danger = danger_by_post[people.post] == "high"
    record_plans = plant_records(rng, people, window, rates, truth, high_danger)
    pay_plans = plant_pay(rng, people, window, rates, truth, ref)
    grassroots = (units["unit_kind"] == "grassroots").to_numpy()
    incident_plans = plant_incidents(
        rng, people, window, rates, truth, grassroots, expected_incidents
    )
    plant_bad_payroll(rng, people, window, truth, rates.bad_rows, pay_plans)
    counties = ref.divisions.filter(pl.col("level") == "county")["admin_code"].to_list()
    assign_identity(stream(_IDENTITY), people, units, counties)

    manifest = Manifest(
        parameters={
            "seed": seed,
            "scale": scale,
            "months": months,
            "end_month": end_month,
            "formats": formats,
            "first_month": month_label(window.first_mi),
            "as_of": str(np.datetime64(window.as_of, "D")),
            "closed_years": window.closed_years(),
            "people": people.n,
            "rates": asdict(rates),
            "volumes": asdict(volumes),
        }
    )
    for source in (*SOURCES, "_truth"):
        shutil.rmtree(out_dir / source, ignore_errors=True)
    clerk = None
    if formats == "clerk":
        codes, names = units["unit_code"].to_list(), units["unit_name"].to_list()
        bureau_names = {c[:6]: n for c, n in zip(codes, names, strict=True) if c.endswith("000000")}
        bureau_of = [c[:6] for c in unit_code[people.unit]]
        bureau_of_id = dict(zip(people.id_number.astype(str), bureau_of, strict=True))
        clerk = ClerkWriter(out_dir, bureau_names, bureau_of_id)
    divisions = load_divisions()
    prefectures = divisions.filter(pl.col("level") == "prefecture")["admin_code"]
    partners = style_partners(
        [p for p in prefectures if p[:2] == province[:2]],
        [p for p in prefectures if p[:2] == DEMO_PROVINCE[:2]],
    )
    writer = _Writer(out_dir, formats, manifest, clerk, partners)

    prefecture_names = dict(zip(ref.divisions["admin_code"], ref.divisions["name"], strict=True))
    rng = stream(_PLANNING)
    writer(
        units.select([c.name for c in SOURCES["org_units"].columns]),
        "org_units",
        "org_units",
        province,
    )
    quota_frame = quotas(rng, people, units, window, rates, truth, prefecture_names)
    expected_aux = units["staff_weight"].to_numpy() * people.n
    strength = police_strength(rng, units, window, expected_aux)
    for y in window.years:
        writer(quota_frame.filter(pl.col("year") == y), "quotas", f"quotas_{y}", province)
        writer(
            strength.filter(pl.col("year") == y),
            "police_strength",
            f"police_strength_{y}",
            province,
        )

    wage_class = np.array([ref.wage_class[a] for a in units["admin_code"]])
    person_partition = unit_partition[people.unit]

    def partition_of_month(mi: int) -> tuple[str, str]:
        on = np.flatnonzero(people.on_roster(mi))
        p = on[int(stream(_QUARANTINE, mi).integers(0, len(on)))]
        return str(person_partition[p]), str(unit_code[people.unit[p]])

    fakes = pick_fakes(stream(_QUARANTINE), rates.bad_rows, list(window.months), partition_of_month)
    month = _MonthContext(
        people,
        units,
        ref,
        window,
        writer,
        manifest,
        truth,
        pay_plans,
        incident_plans,
        fakes,
        wage_class[people.unit],
        danger_by_post,
        post_factor,
        strength,
        monthly_incidents,
    )
    for mi in window.months:
        month.write(mi, stream(_MONTH, mi))

    _write_records(
        stream(_RECORDS),
        people,
        window,
        record_plans,
        high_danger,
        person_partition,
        truth,
        rates.bad_rows,
        writer,
        manifest,
    )
    if clerk is not None:
        clerk.finish()
    manifest.findings, manifest.edge_cases = truth.resolve(people.id_number)
    manifest.write(out_dir)
    return manifest


class _MonthContext:
    """Everything a month's roster, payroll and incident files need."""

    def __init__(
        self,
        people: People,
        units: pl.DataFrame,
        ref: Reference,
        window: Window,
        writer: _Writer,
        manifest: Manifest,
        truth: Truth,
        pay_plans: PayPlans,
        incident_plans: IncidentPlans,
        fakes: list[FakeRow],
        person_class: np.ndarray,
        danger: np.ndarray,
        post_factor: np.ndarray,
        strength: pl.DataFrame,
        monthly_incidents: float,
    ) -> None:
        self.people, self.units, self.ref, self.window = people, units, ref, window
        self.writer, self.manifest, self.truth = writer, manifest, truth
        self.pay_plans, self.incident_plans, self.fakes = pay_plans, incident_plans, fakes
        self.person_class, self.danger, self.post_factor = person_class, danger, post_factor
        self.unit_code = units["unit_code"].to_numpy()
        self.unit_partition = units["partition"].to_numpy()
        self.person_partition = self.unit_partition[people.unit]
        grassroots = (units["unit_kind"] == "grassroots").to_numpy()
        self.grassroots = grassroots
        self.station_idx = np.flatnonzero(grassroots)
        weights = units["incident_weight"].to_numpy()[self.station_idx]
        self.station_expected = monthly_incidents * weights / weights.sum()
        # Badge pool per unit (units order), at most 99 officers so badges stay 6 digits.
        self.police_by_year = {
            y: np.minimum(99, strength.filter(pl.col("year") == y)["police_count"].to_numpy())
            for y in window.years
        }

    def write(self, mi: int, rng: np.random.Generator) -> None:
        people = self.people
        label = month_label(mi)
        idx = np.flatnonzero(people.on_roster(mi))
        partitions = self.person_partition[idx]
        roster = roster_frame(people, idx, mi, self.unit_code).with_columns(
            partition=pl.Series(partitions)
        )

        # Payroll: everyone on the roster, plants applied, prorated partial months.
        min_wage = self.ref.min_wage_cents(np.asarray(self.person_class[idx]), int(month_start(mi)))
        cols = month_payroll(
            rng, people, idx, mi, self.ref, self.person_class, self.danger, self.post_factor
        )
        plans = self.pay_plans.for_month(mi)
        drop = apply_plans(rng, cols, idx, plans, mi, self.ref, min_wage)
        mismatch = np.array([plans.get(int(p)) == "gross_mismatch" for p in idx], dtype=bool)
        keep = ~drop
        payroll = payroll_frame(
            {c: v[keep] for c, v in cols.items()},
            people.id_number[idx][keep].astype(str),
            label,
            mismatch[keep],
        ).with_columns(partition=pl.Series(partitions[keep]))
        bad_ids = {
            str(people.id_number[p]): k
            for p, k in plans.items()
            if k in ("negative_value", "gross_mismatch")
        }

        for part in sorted(set(partitions)):
            self._write_partition(roster, "roster", part, mi, fake_roster_row)
            placed, sub = self._write_partition(payroll, "payroll", part, mi, fake_payroll_row)
            for i, number in enumerate(sub["id_number"].to_list()):
                if number in bad_ids:
                    kind = bad_ids[number]
                    column = "other_pay" if kind == "negative_value" else "gross_pay"
                    self.manifest.quarantine.append(
                        QuarantineRow("payroll", *placed.locate(i), column, kind)
                    )
        self._write_incidents(mi, rng)

    def _write_partition(
        self,
        frame: pl.DataFrame,
        source: str,
        part: str,
        mi: int,
        make_fake: Callable[[FakeRow, pl.DataFrame], pl.DataFrame],
    ) -> tuple[Placement, pl.DataFrame]:
        sub = frame.filter(pl.col("partition") == part).drop("partition")
        fakes = [f for f in self.fakes if (f.source, f.mi, f.partition) == (source, mi, part)]
        for fake in fakes:
            sub = insert_at(sub, make_fake(fake, sub), fake.position)
        placed = self.writer(sub, source, f"{source}_{part}_{month_label(mi)}", part)
        for fake in fakes:
            where = placed.locate(sub["id_number"].index_of(fake.id_number))
            column = "unit_code" if fake.rule == "unknown_unit" else "id_number"
            self.manifest.quarantine.append(QuarantineRow(source, *where, column, fake.rule))
        return placed, sub

    def _write_incidents(self, mi: int, rng: np.random.Generator) -> None:
        people = self.people
        pool = np.flatnonzero(
            people.in_service(mi)
            & ~people.suspended(mi)
            & people.duty
            & self.grassroots[people.unit]
        )
        police = self.police_by_year[mi // 12]
        stations = inc.Stations(self.station_idx, self.station_expected, police[self.station_idx])
        incidents, staff = inc.month_incidents(
            rng, mi, stations, pool, people.unit[pool], people.post
        )
        planted = self.incident_plans.by_month.get(mi, [])
        if planted:
            p_inc, p_staff = inc.planted_incidents(rng, mi, planted, people.post)
            offset = incidents.height
            incidents = pl.concat([incidents, p_inc])
            staff = pl.concat([staff, p_staff.with_columns(pl.col("incident_row") + offset)])
        incidents, staff = inc.finish(
            incidents, staff, mi, self.unit_code, self.unit_partition, people.id_number
        )
        label = month_label(mi)
        planted_ids = incidents["incident_id"].to_list()[len(incidents) - len(planted) :]
        for plant, incident_id in zip(planted, planted_ids, strict=True):
            if plant.key == "A8_UNLED_ENFORCEMENT":
                self.truth.other(
                    plant.key, str(self.unit_code[plant.unit]), label, incident=incident_id
                )
            elif plant.key in INCIDENT_EDGES:
                rule, note = INCIDENT_EDGES[plant.key]
                self.truth.edge(plant.key, rule, plant.person, label, note, incident=incident_id)
            else:
                self.truth.person(plant.key, plant.person, label, incident=incident_id)
        for part in sorted(set(incidents["partition"].to_list())):
            for source, frame in (("incidents", incidents), ("incident_staff", staff)):
                sub = frame.filter(pl.col("partition") == part).drop("partition")
                self.writer(sub, source, f"{source}_{part}_{label}", part)


def _write_records(
    rng: np.random.Generator,
    people: People,
    window: Window,
    plans: RecordPlans,
    high_danger: np.ndarray,
    person_partition: np.ndarray,
    truth: Truth,
    bad_rows: int,
    writer: _Writer,
    manifest: Manifest,
) -> None:
    ids = people.id_number.astype(str)

    def with_person(frame: pl.DataFrame) -> pl.DataFrame:
        person = frame["person"].to_numpy()
        return frame.with_columns(
            id_number=pl.Series(ids[person]), partition=pl.Series(person_partition[person])
        )

    records = with_person(hr_records(rng, people, window, plans)).sort(
        "id_number", "record_date", "record_type", "value"
    )
    # Exact duplicates of annual-training rows of people without plants (no rule reads them);
    # each duplicate follows its original, so the later row is the one quarantined.
    eligible = (records["record_type"] == "annual_training").to_numpy() & ~truth.taken[
        records["person"].to_numpy()
    ]
    chosen = rng.choice(
        np.flatnonzero(eligible), size=min(bad_rows, int(eligible.sum())), replace=False
    )
    duplicate = np.zeros(records.height, dtype=bool)
    duplicate[chosen] = True
    records = records.with_columns(duplicate=pl.Series(duplicate))
    policies = with_person(
        accident_policies(people, window, high_danger, person_partition, plans)
    ).sort("id_number", "start_date")

    for part in sorted(set(person_partition)):
        sub = records.filter(pl.col("partition") == part)
        originals = np.flatnonzero(sub["duplicate"].to_numpy())
        order = np.repeat(np.arange(sub.height), 1 + sub["duplicate"].to_numpy())
        out = (
            sub[order]
            .select("id_number", "record_type", "value")
            .with_columns(record_date=date_series(sub["record_date"].to_numpy()[order]))
        )
        placed = writer(
            out.select("id_number", "record_type", "record_date", "value"),
            "hr_records",
            f"hr_records_{part}",
            part,
        )
        # the duplicate follows its original: k duplicates earlier in the file shift it by k
        manifest.quarantine += [
            QuarantineRow(
                "hr_records", *placed.locate(int(o) + k + 1), DUPLICATE_COLUMNS, "duplicate_key"
            )
            for k, o in enumerate(originals)
        ]
        pol = policies.filter(pl.col("partition") == part)
        writer(
            pol.select("policy_no", "id_number", "insurer", "sum_insured")
            .with_columns(
                start_date=date_series(pol["start_date"].to_numpy()),
                end_date=date_series(pol["end_date"].to_numpy()),
            )
            .select("policy_no", "id_number", "insurer", "start_date", "end_date", "sum_insured"),
            "accident_insurance",
            f"accident_insurance_{part}",
            part,
        )

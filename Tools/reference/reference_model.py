#!/usr/bin/env python3
"""Independent reference implementation of DESIGN.md sections 3 and 4 (a test oracle).

This script is not part of the product. It loads a scenario (YAML or JSON, with `extends`
what-if merging), builds the linear model of DESIGN.md section 4 with scipy/HiGHS and prints a
small JSON result that the Swift implementation (GLPK) is compared against.

Usage:
    python3 reference_model.py SCENARIO.yaml [--mode weighted|lexicographic|maxmin|select]
                                             [--fd | --fd-rerun]

    --fd        hour_value by finite difference: re-solve the final LP of the mode (earlier
                stage targets frozen; in select mode the binaries fixed) with the pool's capacity
                right-hand side raised by one hour, and take the change of that LP's objective.
    --fd-rerun  hour_value by re-running the whole mode (all stages, or the whole MIP) with the
                pool's capacity right-hand side raised by one hour, and taking the change of V.

Exit codes: 0 result printed (optimal or infeasible), 2 invalid scenario, 3 solver failure.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field

import numpy as np
import yaml
from scipy.optimize import LinearConstraint, Bounds, linprog, milp
from scipy.sparse import csr_matrix

LEVELS = ["national", "regional", "district", "base_team", "local"]
NODE_LISTS = [("units", "unit"), ("districts", "district"), ("base_teams", "base_team"),
              ("municipalities", "municipality")]
ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
STAGE_TOLERANCE = 1e-7
HIGHS_OPTIONS = {"primal_feasibility_tolerance": 1e-9, "dual_feasibility_tolerance": 1e-9}


class ScenarioError(Exception):
    """An invalid scenario: names the file and the path inside it."""


# --------------------------------------------------------------------------------------------
# Reading files (YAML 1.2-style floats, JSON) and `extends` merging
# --------------------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """SafeLoader that also reads YAML 1.2 floats such as `1e3` (PyYAML's 1.1 rules need a dot)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                    |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X),
    list("-+0123456789."))


def _read_file(path: str):
    try:
        with open(path, "r", encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read: {error}")
    try:
        if path.lower().endswith(".json"):
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise ScenarioError(f"{path}: parse error: {error}")
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: the top level must be a map")
    return data


def _is_id_list(value) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(
        isinstance(entry, dict) and "id" in entry for entry in value)


def _merge(base, overlay, where: str):
    """Merge `overlay` onto `base` as DESIGN.md section 3 says.

    Maps merge key by key (recursively); lists whose entries all carry an `id` merge by id
    (entry by entry, field by field; new ids appended); everything else (scalars, lists whose
    entries have no `id`, an empty list) replaces.
    """
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = _merge(base[key], value, f"{where}.{key}") if key in base else value
        return merged
    if isinstance(base, list) and _is_id_list(overlay):
        if not all(isinstance(entry, dict) and "id" in entry for entry in base):
            raise ScenarioError(f"{where}: cannot merge a list of entries with id into a list "
                                f"without ids")
        merged = [dict(entry) for entry in base]
        positions = {entry["id"]: index for index, entry in enumerate(merged)}
        for entry in overlay:
            if entry["id"] in positions:
                index = positions[entry["id"]]
                merged[index] = _merge(merged[index], entry, f"{where}[{entry['id']}]")
            else:
                positions[entry["id"]] = len(merged)
                merged.append(entry)
        return merged
    if isinstance(overlay, list) and any(isinstance(e, dict) and "id" in e for e in overlay):
        raise ScenarioError(f"{where}: a list mixes entries with and without id")
    return overlay


def _remove_ids(data, ids: set, removed: set):
    """Delete, from every list of entries with `id` anywhere in `data`, the entries in `ids`."""
    if isinstance(data, dict):
        return {key: _remove_ids(value, ids, removed) for key, value in data.items()}
    if isinstance(data, list):
        kept = []
        for entry in data:
            if isinstance(entry, dict) and "id" in entry and entry["id"] in ids:
                removed.add(entry["id"])
                continue
            kept.append(_remove_ids(entry, ids, removed))
        return kept
    return data


def load_document(path: str, chain=()) -> tuple[dict, list[str]]:
    """Read `path`, resolving `extends` chains. Returns the merged map and the files read."""
    real = os.path.realpath(path)
    if real in chain:
        cycle = " -> ".join(list(chain[chain.index(real):]) + [real])
        raise ScenarioError(f"{path}: extends cycle: {cycle}")
    data = _read_file(path)
    files = [path]
    extends = data.pop("extends", None)
    remove = data.pop("remove", None)
    if extends is not None:
        if not isinstance(extends, str):
            raise ScenarioError(f"{path}: extends: must be a path")
        base_path = os.path.join(os.path.dirname(path), extends)
        base, base_files = load_document(base_path, tuple(chain) + (real,))
        files = base_files + files
        data = _merge(base, data, "")
    if remove is not None:
        if not isinstance(remove, list) or not all(isinstance(i, str) for i in remove):
            raise ScenarioError(f"{path}: remove: must be a list of ids")
        removed: set = set()
        data = _remove_ids(data, set(remove), removed)
        missing = [i for i in remove if i not in removed]
        if missing:
            raise ScenarioError(f"{path}: remove: unknown id(s) {missing}")
    return data, files


# --------------------------------------------------------------------------------------------
# Validation and the scenario model (section 3)
# --------------------------------------------------------------------------------------------

@dataclass
class Segment:
    share: float
    value: float


@dataclass
class Pool:
    id: str
    node: str
    kind: str
    capacity: float            # C_p
    reserve: float
    hours_per_fte: float
    availability: float
    mutual_aid: dict | None    # {"max_share", "efficiency"}
    limits: list               # [(set of theme ids, max_share)]


@dataclass
class Theme:
    id: str
    level: str
    adopted_by: list
    kinds: dict
    weight: float
    joint_efficiency: float
    need: dict                 # municipality -> n_tm for m in M_t (n_tm > 0), file order
    severity: dict
    minimum: float
    core: bool
    max_gap: float | None
    returns: list
    candidate: bool
    min_effort: float


@dataclass
class Scenario:
    name: str
    files: list
    node_type: dict            # id -> unit | district | base_team | municipality
    parent: dict               # id -> parent id or None
    municipalities: list       # ids in file order
    population: dict           # id -> population (only when given)
    neighbours: list           # unordered pairs (tuples), deduplicated, in order
    pools: list
    themes: list
    presence: list             # [(kind, rate)]
    level_weights: dict
    max_per_municipality: float | None
    under: dict = field(default_factory=dict)  # node id -> set of municipality ids


class _Checker:
    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, message: str):
        raise ScenarioError(f"{self.file}: {where}: {message}")

    def get(self, mapping: dict, key: str, where: str):
        """A key of a map; null counts as absent."""
        if not isinstance(mapping, dict):
            self.fail(where, "must be a map")
        return mapping.get(key)

    def number(self, value, where: str, low=0.0, high=math.inf, high_open=False,
               required=True, default=None):
        if value is None:
            if required and default is None:
                self.fail(where, "is required")
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(where, f"must be a number, not {value!r}")
        value = float(value)
        if not math.isfinite(value):
            self.fail(where, "must be finite")
        if value < low or value > high or (high_open and value >= high):
            bracket = ")" if high_open else "]"
            self.fail(where, f"{value} is outside [{low}, {high}{bracket}")
        return value

    def string(self, value, where: str, required=True):
        if value is None:
            if required:
                self.fail(where, "is required")
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be a string, not {value!r}")
        return value

    def boolean(self, value, where: str, default: bool):
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(where, f"must be true or false, not {value!r}")
        return value

    def id_list(self, data: dict, key: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, "must be a list")
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.fail(f"{key}[{index}]", "must be a map")
            ident = entry.get("id")
            if not isinstance(ident, str) or not ID_PATTERN.match(ident):
                self.fail(f"{key}[{index}].id", f"invalid id {ident!r}")
        return value

    def returns(self, value, where: str) -> list:
        if not isinstance(value, list) or not value:
            self.fail(where, "must be a non-empty list of {share, value}")
        segments = []
        for index, entry in enumerate(value):
            share = self.number(self.get(entry, "share", f"{where}[{index}]"),
                                f"{where}[{index}].share")
            val = self.number(self.get(entry, "value", f"{where}[{index}]"),
                              f"{where}[{index}].value")
            segments.append(Segment(share, val))
        if abs(sum(s.share for s in segments) - 1.0) > 1e-9:
            self.fail(where, "shares must sum to 1")
        for index in range(1, len(segments)):
            if segments[index].value > segments[index - 1].value:
                self.fail(f"{where}[{index}].value", "values must not increase")
        return segments


KNOWN_KEYS = {
    "": {"name", "description", "hours_per_fte", "reserve", "level_weights", "returns", "units",
         "districts", "base_teams", "municipalities", "neighbours", "pools", "presence",
         "themes", "selection"},
    "units": {"id", "name"},
    "districts": {"id", "name", "unit"},
    "base_teams": {"id", "name", "district"},
    "municipalities": {"id", "name", "base_team", "population", "cbs_code"},
    "pools": {"id", "name", "at", "kind", "fte", "hours_per_fte", "availability",
              "claimed_hours", "reserve", "mutual_aid", "limits"},
    "themes": {"id", "name", "level", "adopted_by", "kinds", "weight", "joint_efficiency",
               "need", "severity", "minimum", "core", "max_gap", "returns", "candidate",
               "min_effort"},
}


def _warn_unknown_keys(data: dict, file: str):
    """Unknown keys are not an error in DESIGN.md; the oracle only warns (on stderr)."""
    for key in data:
        if key not in KNOWN_KEYS[""]:
            print(f"warning: {file}: unknown key {key}", file=sys.stderr)
    for section, known in KNOWN_KEYS.items():
        if section and isinstance(data.get(section), list):
            for index, entry in enumerate(data[section]):
                if isinstance(entry, dict):
                    for key in entry:
                        if key not in known:
                            print(f"warning: {file}: unknown key {section}[{index}].{key}",
                                  file=sys.stderr)


def build_scenario(data: dict, files: list) -> Scenario:
    check = _Checker(files[-1])
    _warn_unknown_keys(data, files[-1])
    name = check.string(data.get("name"), "name")
    file_hours = check.number(data.get("hours_per_fte"), "hours_per_fte", required=False)
    file_reserve = check.number(data.get("reserve"), "reserve", high=1.0, high_open=True,
                                required=False, default=0.0)
    level_weights = {level: 1.0 for level in LEVELS}
    raw_weights = data.get("level_weights")
    if raw_weights is not None:
        if not isinstance(raw_weights, dict):
            check.fail("level_weights", "must be a map")
        for level, weight in raw_weights.items():
            if level not in LEVELS:
                check.fail(f"level_weights.{level}", "unknown level")
            level_weights[level] = check.number(weight, f"level_weights.{level}",
                                                required=False, default=1.0)
    file_returns = ([Segment(1.0, 1.0)] if data.get("returns") is None
                    else check.returns(data.get("returns"), "returns"))

    # Nodes and the hierarchy municipality -> base team -> district -> unit.
    node_type: dict = {}
    parent: dict = {}
    all_ids: set = set()
    lists = {}
    for key, kind in NODE_LISTS:
        lists[key] = check.id_list(data, key)
        for index, entry in enumerate(lists[key]):
            if entry["id"] in all_ids:
                check.fail(f"{key}[{index}].id", f"duplicate id {entry['id']}")
            all_ids.add(entry["id"])
            node_type[entry["id"]] = kind
    parent_key = {"unit": None, "district": "unit", "base_team": "district",
                  "municipality": "base_team"}
    for key, kind in NODE_LISTS:
        for index, entry in enumerate(lists[key]):
            ref_key = parent_key[kind]
            ref = entry.get(ref_key) if ref_key else None
            if ref is not None:
                if node_type.get(ref) != ref_key:
                    check.fail(f"{key}[{index}].{ref_key}", f"{ref!r} is not a {ref_key}")
            parent[entry["id"]] = ref
    municipalities = [entry["id"] for entry in lists["municipalities"]]
    population = {}
    for index, entry in enumerate(lists["municipalities"]):
        pop = check.number(entry.get("population"), f"municipalities[{index}].population",
                           required=False)
        if pop is not None:
            population[entry["id"]] = pop
    under: dict = {node: set() for node in node_type}
    for municipality in municipalities:
        node = municipality
        while node is not None:
            under[node].add(municipality)
            node = parent[node]

    raw_pools = check.id_list(data, "pools")
    raw_themes = check.id_list(data, "themes")
    for key, entries in (("pools", raw_pools), ("themes", raw_themes)):
        for index, entry in enumerate(entries):
            if entry["id"] in all_ids:
                check.fail(f"{key}[{index}].id", f"duplicate id {entry['id']}")
            all_ids.add(entry["id"])
    theme_ids = {entry["id"] for entry in raw_themes}

    # Neighbours: explicit pairs, or (when the file has none) every two municipalities of a district.
    neighbours = []
    raw_neighbours = data.get("neighbours")
    if raw_neighbours == "borders":
        # The real land borders among the scenario's municipalities, from the geography data ivp
        # carries (its neighbour lists by CBS code; data only, the pairing is done here).
        codes = {entry["id"]: entry.get("cbs_code") for entry in lists["municipalities"]}
        if any(code is None for code in codes.values()):
            check.fail("neighbours", "borders needs a cbs_code for every municipality")
        borders = _land_borders()
        ids = [entry["id"] for entry in lists["municipalities"]]
        raw_neighbours = [[a, b] for i, a in enumerate(ids) for b in ids[i + 1:]
                          if codes[b] in borders.get(codes[a], ())]
    if raw_neighbours is not None and not isinstance(raw_neighbours, list):
        check.fail("neighbours", "must be a list of pairs")
    seen_pairs = set()
    if raw_neighbours:
        for index, pair in enumerate(raw_neighbours):
            if not isinstance(pair, list) or len(pair) != 2:
                check.fail(f"neighbours[{index}]", "must be a pair [a, b]")
            for ref in pair:
                if node_type.get(ref) != "municipality":
                    check.fail(f"neighbours[{index}]", f"{ref!r} is not a municipality")
            key = frozenset(pair)
            if len(key) == 2 and key not in seen_pairs:
                seen_pairs.add(key)
                neighbours.append((pair[0], pair[1]))
    else:
        def district_of(municipality):
            team = parent[municipality]
            return parent[team] if team is not None else None
        for i, first in enumerate(municipalities):
            for second in municipalities[i + 1:]:
                district = district_of(first)
                if district is not None and district == district_of(second):
                    neighbours.append((first, second))

    # Pools.
    pools = []
    for index, entry in enumerate(raw_pools):
        where = f"pools[{index}]"
        node = check.string(entry.get("at"), f"{where}.at")
        if node not in node_type:
            check.fail(f"{where}.at", f"{node!r} is not a unit, district, base team or municipality")
        kind = check.string(entry.get("kind"), f"{where}.kind")
        fte = check.number(entry.get("fte"), f"{where}.fte")
        hours = check.number(entry.get("hours_per_fte"), f"{where}.hours_per_fte",
                             required=False, default=file_hours)
        if hours is None:
            check.fail(f"{where}.hours_per_fte", "is required when the file sets none")
        availability = check.number(entry.get("availability"), f"{where}.availability",
                                    high=1.0, required=False, default=1.0)
        claimed = check.number(entry.get("claimed_hours"), f"{where}.claimed_hours",
                               required=False, default=0.0)
        reserve = check.number(entry.get("reserve"), f"{where}.reserve", high=1.0,
                               high_open=True, required=False, default=file_reserve)
        capacity = fte * hours * availability - claimed
        if capacity < 0:
            check.fail(where, f"capacity after claimed hours is negative ({capacity})")
        mutual_aid = None
        if entry.get("mutual_aid") is not None:
            raw = entry["mutual_aid"]
            mutual_aid = {
                "max_share": check.number(check.get(raw, "max_share", f"{where}.mutual_aid"),
                                          f"{where}.mutual_aid.max_share"),
                "efficiency": check.number(check.get(raw, "efficiency", f"{where}.mutual_aid"),
                                           f"{where}.mutual_aid.efficiency"),
            }
        limits = []
        raw_limits = entry.get("limits") or []
        if not isinstance(raw_limits, list):
            check.fail(f"{where}.limits", "must be a list")
        for li, limit in enumerate(raw_limits):
            lwhere = f"{where}.limits[{li}]"
            themes = check.get(limit, "themes", lwhere)
            if not isinstance(themes, list) or not themes:
                check.fail(f"{lwhere}.themes", "must be a non-empty list of theme ids")
            for ref in themes:
                if ref not in theme_ids:
                    check.fail(f"{lwhere}.themes", f"{ref!r} is not a theme")
            share = check.number(limit.get("max_share"), f"{lwhere}.max_share")
            limits.append((set(themes), share))
        pools.append(Pool(entry["id"], node, kind, capacity, reserve, hours, availability,
                          mutual_aid, limits))

    # Presence floors.
    presence = []
    raw_presence = data.get("presence") or []
    if not isinstance(raw_presence, list):
        check.fail("presence", "must be a list")
    for index, entry in enumerate(raw_presence):
        kind = check.string(check.get(entry, "kind", f"presence[{index}]"),
                            f"presence[{index}].kind")
        rate = check.number(entry.get("hours_per_1000_inhabitants"),
                            f"presence[{index}].hours_per_1000_inhabitants")
        presence.append((kind, rate))

    # Themes.
    themes = []
    for index, entry in enumerate(raw_themes):
        where = f"themes[{index}]"
        level = check.string(entry.get("level"), f"{where}.level")
        if level not in LEVELS:
            check.fail(f"{where}.level", f"unknown level {level!r}")
        adopted_by = entry.get("adopted_by")
        if not isinstance(adopted_by, list) or not adopted_by:
            check.fail(f"{where}.adopted_by", "must be a non-empty list of node ids")
        for ref in adopted_by:
            if ref not in node_type:
                check.fail(f"{where}.adopted_by", f"{ref!r} is not a node")
        covered = set().union(*(under[ref] for ref in adopted_by))
        kinds = entry.get("kinds")
        if not isinstance(kinds, dict) or not kinds:
            check.fail(f"{where}.kinds", "a theme needs at least one kind")
        kinds = {str(k): check.number(v, f"{where}.kinds.{k}") for k, v in kinds.items()}
        weight = check.number(entry.get("weight"), f"{where}.weight", required=False, default=1.0)
        joint = check.number(entry.get("joint_efficiency"), f"{where}.joint_efficiency",
                             required=False, default=1.0)
        raw_need = entry.get("need")
        if not isinstance(raw_need, dict):
            check.fail(f"{where}.need", "must be a map")
        per_1000 = raw_need.get("per_1000_inhabitants")
        by_municipality = raw_need.get("by_municipality")
        if (per_1000 is None) == (by_municipality is None):
            check.fail(f"{where}.need", "needs exactly one of per_1000_inhabitants, "
                                        "by_municipality")
        need_all = {}
        if per_1000 is not None:
            rate = check.number(per_1000, f"{where}.need.per_1000_inhabitants")
            for municipality in municipalities:
                if municipality in covered:
                    if municipality not in population:
                        check.fail(f"{where}.need.per_1000_inhabitants",
                                   f"municipality {municipality} has no population")
                    need_all[municipality] = rate * population[municipality] / 1000.0
        else:
            if not isinstance(by_municipality, dict):
                check.fail(f"{where}.need.by_municipality", "must be a map")
            for ref, value in by_municipality.items():
                if node_type.get(ref) != "municipality":
                    check.fail(f"{where}.need.by_municipality", f"{ref!r} is not a municipality")
                value = check.number(value, f"{where}.need.by_municipality.{ref}")
                need_all[ref] = value
        need = {m: need_all[m] for m in municipalities
                if m in covered and m in need_all and need_all[m] > 0}
        severity = {}
        raw_severity = entry.get("severity") or {}
        if not isinstance(raw_severity, dict):
            check.fail(f"{where}.severity", "must be a map")
        for ref, value in raw_severity.items():
            if node_type.get(ref) != "municipality":
                check.fail(f"{where}.severity", f"{ref!r} is not a municipality")
            severity[ref] = check.number(value, f"{where}.severity.{ref}")
        minimum = check.number(entry.get("minimum"), f"{where}.minimum", high=1.0,
                               required=False, default=0.0)
        core = check.boolean(entry.get("core"), f"{where}.core", False)
        max_gap = check.number(entry.get("max_gap"), f"{where}.max_gap", required=False)
        returns = (file_returns if entry.get("returns") is None
                   else check.returns(entry.get("returns"), f"{where}.returns"))
        candidate = check.boolean(entry.get("candidate"), f"{where}.candidate", False)
        min_effort = check.number(entry.get("min_effort"), f"{where}.min_effort", high=1.0,
                                  required=False, default=0.0)
        themes.append(Theme(entry["id"], level, list(adopted_by), kinds, weight, joint, need,
                            severity, minimum, core, max_gap, returns, candidate, min_effort))

    max_per_municipality = None
    if data.get("selection") is not None:
        max_per_municipality = check.number(
            check.get(data["selection"], "max_per_municipality", "selection"),
            "selection.max_per_municipality")

    return Scenario(name, files, node_type, parent, municipalities, population, neighbours,
                    pools, themes, presence, level_weights, max_per_municipality, under)


def _land_borders() -> dict:
    """CBS code -> set of neighbouring codes, read from the data in GeographyData.swift."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources",
                        "CapacityAllocation", "Geography", "GeographyData.swift")
    text = open(path, encoding="utf-8").read()
    data = json.loads(text[text.index('#"""') + 4:text.rindex('"""#')])
    return {entry["code"]: set(entry["neighbours"]) for entry in data["municipalities"]}


def load_scenario(path: str) -> Scenario:
    data, files = load_document(path)
    return build_scenario(data, files)


# --------------------------------------------------------------------------------------------
# A tiny LP/MIP container over scipy
# --------------------------------------------------------------------------------------------

class Problem:
    def __init__(self):
        self.lower: list = []
        self.upper: list = []
        self.integer: list = []
        self.names: list = []
        self.rows: list = []       # (coefficients dict, lower, upper, name)

    def add_variable(self, name, lower=0.0, upper=math.inf, integer=False) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        self.names.append(name)
        return len(self.names) - 1

    def add_row(self, coefficients: dict, lower=-math.inf, upper=math.inf, name="") -> int:
        self.rows.append((dict(coefficients), lower, upper, name))
        return len(self.rows) - 1

    def copy(self) -> "Problem":
        other = Problem()
        other.lower, other.upper = list(self.lower), list(self.upper)
        other.integer, other.names = list(self.integer), list(self.names)
        other.rows = [(dict(c), lo, hi, n) for c, lo, hi, n in self.rows]
        return other

    def _matrix(self, rows):
        data, indices, pointers = [], [], [0]
        for coefficients in rows:
            for column, value in coefficients.items():
                if value != 0.0:
                    indices.append(column)
                    data.append(value)
            pointers.append(len(data))
        return csr_matrix((data, indices, pointers), shape=(len(rows), len(self.names)))

    def solve_lp(self, objective: dict):
        """Maximise `objective`. Returns (status, x, value, row_duals) where row_duals[i] is
        d(max value)/d(rhs of row i) for the binding side of inequality rows (0 otherwise)."""
        c = np.zeros(len(self.names))
        for column, value in objective.items():
            c[column] -= value
        ub_rows, ub_rhs, ub_map, eq_rows, eq_rhs, eq_map = [], [], [], [], [], []
        for index, (coefficients, lower, upper, _) in enumerate(self.rows):
            if lower == upper:
                eq_rows.append(coefficients), eq_rhs.append(upper), eq_map.append(index)
                continue
            if upper < math.inf:
                ub_rows.append(coefficients), ub_rhs.append(upper), ub_map.append((index, 1.0))
            if lower > -math.inf:
                ub_rows.append({k: -v for k, v in coefficients.items()})
                ub_rhs.append(-lower), ub_map.append((index, -1.0))
        bounds = [(lo if lo > -math.inf else None, hi if hi < math.inf else None)
                  for lo, hi in zip(self.lower, self.upper)]
        result = linprog(c,
                         A_ub=self._matrix(ub_rows) if ub_rows else None,
                         b_ub=np.array(ub_rhs) if ub_rows else None,
                         A_eq=self._matrix(eq_rows) if eq_rows else None,
                         b_eq=np.array(eq_rhs) if eq_rows else None,
                         bounds=bounds, method="highs", options=HIGHS_OPTIONS)
        if result.status == 2:
            return "infeasible", None, None, None
        if result.status != 0:
            raise RuntimeError(f"HiGHS: {result.message}")
        duals = np.zeros(len(self.rows))
        # linprog minimises -objective: its marginal is d(-value)/d(rhs) of the row as passed.
        for (index, sign), marginal in zip(ub_map, result.ineqlin.marginals if ub_rows else []):
            duals[index] += -marginal * sign
        for index, marginal in zip(eq_map, result.eqlin.marginals if eq_rows else []):
            duals[index] += -marginal
        return "optimal", result.x, -result.fun, duals

    def solve_mip(self, objective: dict):
        c = np.zeros(len(self.names))
        for column, value in objective.items():
            c[column] -= value
        constraints = []
        if self.rows:
            constraints.append(LinearConstraint(
                self._matrix([r[0] for r in self.rows]),
                np.array([r[1] for r in self.rows]), np.array([r[2] for r in self.rows])))
        result = milp(c, integrality=np.array([1 if i else 0 for i in self.integer]),
                      bounds=Bounds(np.array(self.lower), np.array(self.upper)),
                      constraints=constraints,
                      options={"mip_rel_gap": 1e-9, "presolve": True})
        if result.status == 2 or (result.status != 0 and result.x is None
                                  and "infeasible" in str(result.message).lower()):
            return "infeasible", None, None
        if result.status != 0:
            raise RuntimeError(f"HiGHS MIP: {result.message}")
        return "optimal", result.x, -result.fun


# --------------------------------------------------------------------------------------------
# The model of section 4
# --------------------------------------------------------------------------------------------

@dataclass
class Model:
    problem: Problem
    x: list                    # (column, pool id, theme id, municipality, eff, away)
    y: dict                    # (theme id, municipality) -> [columns per segment]
    value_terms: dict          # (theme id, municipality) -> {column: W_tm * v_j}
    capacity_rows: dict        # pool id -> row index
    u: dict                    # (theme id, municipality) -> column (select mode)


def build_model(scenario: Scenario, select: bool, capacity_bonus: dict | None = None) -> Model:
    problem = Problem()
    capacity_bonus = capacity_bonus or {}
    x_entries = []
    y_columns = {}
    value_terms = {}
    cover = {}                 # (t, m) -> {x column: eff}
    pool_columns = {pool.id: [] for pool in scenario.pools}
    away_columns = {pool.id: [] for pool in scenario.pools}
    pool_theme_columns = {pool.id: {} for pool in scenario.pools}
    municipality_kind_columns: dict = {}

    for theme in scenario.themes:
        for municipality, need in theme.need.items():
            cover[(theme.id, municipality)] = {}
            weight = (theme.weight * scenario.level_weights[theme.level]
                      * theme.severity.get(municipality, 1.0))
            columns, terms = [], {}
            for j, segment in enumerate(theme.returns):
                column = problem.add_variable(f"y[{theme.id},{municipality},{j}]",
                                              0.0, segment.share * need)
                columns.append(column)
                terms[column] = weight * segment.value
            y_columns[(theme.id, municipality)] = columns
            value_terms[(theme.id, municipality)] = terms

    for pool in scenario.pools:
        home = scenario.under[pool.node]
        node_parent = scenario.parent[pool.node]
        away = (scenario.under[node_parent] - home) if node_parent is not None else set()
        joint = scenario.node_type[pool.node] in ("district", "unit")
        for theme in scenario.themes:
            if pool.kind not in theme.kinds:
                continue
            for municipality in theme.need:
                is_away = municipality not in home
                if is_away and not (pool.mutual_aid is not None and municipality in away):
                    continue
                eff = theme.kinds[pool.kind]
                if joint:
                    eff *= theme.joint_efficiency
                if is_away:
                    eff *= pool.mutual_aid["efficiency"]
                column = problem.add_variable(f"x[{pool.id},{theme.id},{municipality}]")
                x_entries.append((column, pool.id, theme.id, municipality, eff, is_away))
                cover[(theme.id, municipality)][column] = eff
                pool_columns[pool.id].append(column)
                if is_away:
                    away_columns[pool.id].append(column)
                pool_theme_columns[pool.id].setdefault(theme.id, []).append(column)
                municipality_kind_columns.setdefault((municipality, pool.kind), []).append(column)

    # 1. Link: sum_j y_tmj = cov_tm.
    for key, columns in y_columns.items():
        coefficients = {column: 1.0 for column in columns}
        for column, eff in cover[key].items():
            coefficients[column] = coefficients.get(column, 0.0) - eff
        problem.add_row(coefficients, 0.0, 0.0, f"link[{key[0]},{key[1]}]")

    capacity_rows = {}
    for pool in scenario.pools:
        # 2. Capacity with reserve.
        capacity_rows[pool.id] = problem.add_row(
            {column: 1.0 for column in pool_columns[pool.id]}, -math.inf,
            (1.0 - pool.reserve) * pool.capacity + capacity_bonus.get(pool.id, 0.0),
            f"capacity[{pool.id}]")
        # 3. Mutual aid.
        if pool.mutual_aid is not None:
            problem.add_row({column: 1.0 for column in away_columns[pool.id]}, -math.inf,
                            pool.mutual_aid["max_share"] * pool.capacity, f"aid[{pool.id}]")
        # 6. Pool limits.
        for index, (themes, share) in enumerate(pool.limits):
            columns = [c for t in themes for c in pool_theme_columns[pool.id].get(t, [])]
            problem.add_row({column: 1.0 for column in columns}, -math.inf,
                            share * pool.capacity, f"limit[{pool.id},{index}]")

    for theme in scenario.themes:
        # 4. Minimum.
        if theme.minimum > 0:
            for municipality, need in theme.need.items():
                problem.add_row(cover[(theme.id, municipality)], theme.minimum * need, math.inf,
                                f"minimum[{theme.id},{municipality}]")
        # 5. Displacement, both directions.
        if theme.max_gap is not None:
            for first, second in scenario.neighbours:
                if first not in theme.need or second not in theme.need:
                    continue
                for a, b in ((first, second), (second, first)):
                    coefficients = {}
                    for column, eff in cover[(theme.id, a)].items():
                        coefficients[column] = coefficients.get(column, 0.0) + eff / theme.need[a]
                    for column, eff in cover[(theme.id, b)].items():
                        coefficients[column] = coefficients.get(column, 0.0) - eff / theme.need[b]
                    problem.add_row(coefficients, -math.inf, theme.max_gap,
                                    f"gap[{theme.id},{a},{b}]")

    # 7. Presence (raw hours).
    for index, (kind, rate) in enumerate(scenario.presence):
        for municipality in scenario.municipalities:
            if municipality not in scenario.population:
                continue
            columns = municipality_kind_columns.get((municipality, kind), [])
            problem.add_row({column: 1.0 for column in columns},
                            rate * scenario.population[municipality] / 1000.0, math.inf,
                            f"presence[{index},{municipality}]")

    u_columns = {}
    if select:
        for theme in scenario.themes:
            if not theme.candidate:
                continue
            for municipality, need in theme.need.items():
                column = problem.add_variable(f"u[{theme.id},{municipality}]", 0.0, 1.0, True)
                u_columns[(theme.id, municipality)] = column
                ys = {c: 1.0 for c in y_columns[(theme.id, municipality)]}
                problem.add_row({**ys, column: -need}, -math.inf, 0.0,
                                f"chosen[{theme.id},{municipality}]")
                problem.add_row({**ys, column: -theme.min_effort * need}, 0.0, math.inf,
                                f"effort[{theme.id},{municipality}]")
        if scenario.max_per_municipality is not None:
            for municipality in scenario.municipalities:
                columns = [c for (t, m), c in u_columns.items() if m == municipality]
                if columns:
                    problem.add_row({c: 1.0 for c in columns}, -math.inf,
                                    scenario.max_per_municipality, f"select[{municipality}]")

    return Model(problem, x_entries, y_columns, value_terms, capacity_rows, u_columns)


def _objective(model: Model, keys) -> dict:
    objective = {}
    for key in keys:
        for column, value in model.value_terms[key].items():
            objective[column] = objective.get(column, 0.0) + value
    return objective


def _value(model: Model, solution, keys) -> float:
    return float(sum(value * solution[column] for key in keys
                     for column, value in model.value_terms[key].items()))


@dataclass
class Outcome:
    status: str
    model: Model
    solution: object = None
    final_problem: Problem | None = None
    final_objective: dict | None = None
    final_value: float | None = None
    duals: object = None
    stages: list | None = None
    min_attainment: float | None = None


def solve_mode(scenario: Scenario, mode: str, capacity_bonus: dict | None = None) -> Outcome:
    model = build_model(scenario, mode == "select", capacity_bonus)
    problem = model.problem
    all_keys = list(model.value_terms)

    if mode == "weighted":
        objective = _objective(model, all_keys)
        status, x, value, duals = problem.solve_lp(objective)
        return Outcome(status, model, x, problem, objective, value, duals)

    if mode == "lexicographic":
        groups = [("core", [t.id for t in scenario.themes if t.core])]
        for level in LEVELS:
            groups.append((level, [t.id for t in scenario.themes
                                   if not t.core and t.level == level]))
        groups = [(name, ids) for name, ids in groups if ids]
        stages = []
        outcome = None
        for name, ids in groups:
            keys = [key for key in all_keys if key[0] in ids]
            objective = _objective(model, keys)
            status, x, value, duals = problem.solve_lp(objective)
            if status != "optimal":
                return Outcome(status, model)
            stages.append({"group": name, "objective": value})
            outcome = Outcome(status, model, x, problem.copy(), objective, value, duals)
            problem.add_row(objective, value - STAGE_TOLERANCE * max(1.0, abs(value)), math.inf,
                            f"stage[{name}]")
        if outcome is None:    # no themes at all: nothing to maximise
            status, x, value, duals = problem.solve_lp({})
            outcome = Outcome(status, model, x, problem, {}, value, duals)
        outcome.stages = stages
        return outcome

    if mode == "maxmin":
        municipality_keys = {}
        for key in all_keys:
            municipality_keys.setdefault(key[1], []).append(key)
        ideals = {m: _ideal(scenario, model, keys) for m, keys in municipality_keys.items()}
        positive = [m for m in scenario.municipalities if ideals.get(m, 0.0) > 0]
        z_star = None
        if positive:
            z = problem.add_variable("z", -math.inf, math.inf)
            for municipality in positive:
                # z <= V_m / I_m  <=>  I_m z - V_m <= 0
                coefficients = {z: ideals[municipality]}
                for column, value in _objective(model, municipality_keys[municipality]).items():
                    coefficients[column] = coefficients.get(column, 0.0) - value
                problem.add_row(coefficients, -math.inf, 0.0, f"maxmin[{municipality}]")
            status, x, z_star, duals = problem.solve_lp({z: 1.0})
            if status != "optimal":
                return Outcome(status, model)
            problem.lower[z] = z_star - STAGE_TOLERANCE
        objective = _objective(model, all_keys)
        status, x, value, duals = problem.solve_lp(objective)
        if status != "optimal":
            return Outcome(status, model)
        outcome = Outcome(status, model, x, problem, objective, value, duals)
        outcome.min_attainment = z_star
        return outcome

    if mode == "select":
        objective = _objective(model, all_keys)
        status, x, value = problem.solve_mip(objective)
        if status != "optimal":
            return Outcome(status, model)
        # Duals of the LP with the binaries fixed at their chosen values.
        fixed = problem.copy()
        for column in model.u.values():
            fixed.lower[column] = fixed.upper[column] = float(round(x[column]))
            fixed.integer[column] = False
        status, x_lp, value_lp, duals = fixed.solve_lp(objective)
        if status != "optimal":
            raise RuntimeError("LP with fixed binaries is infeasible")
        return Outcome("optimal", model, x, fixed, objective, value_lp, duals)

    raise ValueError(f"unknown mode {mode}")


def _ideal(scenario: Scenario, model: Model, keys) -> float:
    themes = {t.id: t for t in scenario.themes}
    total = 0.0
    for theme_id, municipality in keys:
        theme = themes[theme_id]
        weight = (theme.weight * scenario.level_weights[theme.level]
                  * theme.severity.get(municipality, 1.0))
        need = theme.need[municipality]
        total += weight * sum(s.value * s.share * need for s in theme.returns)
    return total


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def report(scenario: Scenario, mode: str, fd: str | None) -> dict:
    outcome = solve_mode(scenario, mode)
    model = outcome.model
    all_keys = list(model.value_terms)
    ideal = _ideal(scenario, model, all_keys)
    result = {"scenario": scenario.name, "mode": mode, "status": outcome.status,
              "files": scenario.files}
    optimal = outcome.status == "optimal"
    solution = outcome.solution
    objective = _value(model, solution, all_keys) if optimal else None
    result["objective"] = objective
    result["ideal"] = ideal
    result["attainment"] = (objective / ideal if optimal and ideal > 0 else None)

    pools = []
    for pool in scenario.pools:
        entry = {"id": pool.id, "capacity": pool.capacity,
                 "allocatable": (1.0 - pool.reserve) * pool.capacity,
                 "allocated": None, "hour_value": None}
        if optimal:
            entry["allocated"] = float(sum(solution[c] for c, p, *_ in model.x if p == pool.id))
            dual = float(outcome.duals[model.capacity_rows[pool.id]])
            entry["hour_value"] = dual
            if fd == "final":
                changed = outcome.final_problem.copy()
                coefficients, lower, upper, name = changed.rows[model.capacity_rows[pool.id]]
                changed.rows[model.capacity_rows[pool.id]] = (coefficients, lower, upper + 1.0,
                                                              name)
                status, _, value, _ = changed.solve_lp(outcome.final_objective)
                entry["hour_value_dual"] = dual
                entry["hour_value"] = value - outcome.final_value
            elif fd == "rerun":
                other = solve_mode(scenario, mode, {pool.id: 1.0})
                entry["hour_value_dual"] = dual
                entry["hour_value"] = (_value(other.model, other.solution,
                                              list(other.model.value_terms)) - objective)
        pools.append(entry)
    result["pools"] = pools

    coverage = []
    for theme in scenario.themes:
        for municipality, need in theme.need.items():
            covered = (float(sum(solution[c] for c in model.y[(theme.id, municipality)]))
                       if optimal else None)
            coverage.append({"theme": theme.id, "municipality": municipality, "need": need,
                             "covered": covered})
    result["coverage"] = coverage

    municipalities = []
    for municipality in scenario.municipalities:
        keys = [key for key in all_keys if key[1] == municipality]
        value = _value(model, solution, keys) if optimal else None
        ideal_m = _ideal(scenario, model, keys)
        municipalities.append({"id": municipality, "value": value, "ideal": ideal_m,
                               "attainment": (value / ideal_m if optimal and ideal_m > 0
                                              else None)})
    result["municipalities"] = municipalities

    if mode == "lexicographic":
        result["stages"] = outcome.stages if optimal else None
    if mode == "maxmin":
        result["min_attainment"] = outcome.min_attainment if optimal else None
    if mode == "select":
        selected = []
        for municipality in scenario.municipalities:
            keys = [key for key in model.u if key[1] == municipality]
            if keys:
                chosen = ([t for t, m in keys if solution[model.u[(t, m)]] > 0.5]
                          if optimal else None)
                selected.append({"municipality": municipality, "themes": chosen})
        result["selected"] = selected
    return result


def closest_to(scenario: Scenario, mode: str, csv_path: str) -> dict:
    """The stable choice (DESIGN.md 4.5, docs/model.md): among the allocations that keep the mode's
    optimum (the final LP's objective held at V* - 1e-7 max(1, |V*|)), the least total absolute
    change in hours per (pool, theme, municipality) from the allocation in `csv_path`; cells
    missing on one side count as 0. Returns {"status", "hours_moved"}."""
    outcome = solve_mode(scenario, mode)
    if outcome.status != "optimal":
        return {"status": outcome.status, "hours_moved": None}
    reference = {}
    with open(csv_path, newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["pool"].strip(), row["theme"].strip(), row["municipality"].strip())
            reference[key] = reference.get(key, 0.0) + float(row["hours"])
    problem = outcome.final_problem.copy()
    value = outcome.final_value
    problem.add_row(dict(outcome.final_objective),
                    value - STAGE_TOLERANCE * max(1.0, abs(value)), math.inf, "hold")
    distance = {}
    seen = set()
    for column, pool, theme, municipality, _, _ in outcome.model.x:
        key = (pool, theme, municipality)
        target = reference.get(key, 0.0)
        if key in reference:
            seen.add(key)
        if target <= 0:
            distance[column] = distance.get(column, 0.0) - 1.0
        else:
            more = problem.add_variable(f"more[{column}]")
            less = problem.add_variable(f"less[{column}]")
            problem.add_row({column: 1.0, more: -1.0, less: 1.0}, target, target, f"move[{column}]")
            distance[more] = -1.0
            distance[less] = -1.0
    absent = sum(abs(hours) for key, hours in reference.items() if key not in seen)
    status, _, best, _ = problem.solve_lp(distance)
    if status != "optimal":
        return {"status": status, "hours_moved": None}
    return {"status": "optimal", "hours_moved": -best + absent}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Reference model (test oracle) for ivp.")
    parser.add_argument("scenario")
    parser.add_argument("--mode", default="weighted",
                        choices=["weighted", "lexicographic", "maxmin", "select"])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--fd", action="store_const", dest="fd", const="final",
                       help="hour_value by finite difference on the final LP (+1 hour)")
    group.add_argument("--fd-rerun", action="store_const", dest="fd", const="rerun",
                       help="hour_value by re-running the whole mode with +1 hour")
    group.add_argument("--closest-to", metavar="CSV",
                       help="only the least hours moved from this allocation among the optima")
    args = parser.parse_args(argv)
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        if args.closest_to:
            print(json.dumps(closest_to(scenario, args.mode, args.closest_to), indent=2))
            return 0
        result = report(scenario, args.mode, args.fd)
    except RuntimeError as error:
        print(f"solver failure: {error}", file=sys.stderr)
        return 3
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

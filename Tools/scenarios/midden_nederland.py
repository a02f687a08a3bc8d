#!/usr/bin/env python3
"""Writes Scenarios/midden-nederland-rvs.yaml: the Regional Safety Strategy (RVS) of police unit
Midden-Nederland over all its municipalities of 2024.

Real, from ivp's built-in geography (Sources/CapacityAllocation/Geography/GeographyData.swift, built
by Tools/geography/build.py from CBS/PDOK): which municipalities the unit has (38 in 2024), their CBS
codes, inhabitants on 1 January 2024 and land borders. Stated as assumptions in the file: the grouping
into districts and base teams (not public in this form), and every capacity and need. The themes are the
three regional priorities of the RVS 2019-2022 ([Hilversum 2018]), adopted by the unit and served first
by the unit's own pools.

Usage: python3 Tools/scenarios/midden_nederland.py [OUTPUT]   (default: Scenarios/midden-nederland-rvs.yaml)
Deterministic: the same geography gives the same bytes.
"""
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEOGRAPHY = os.path.join(ROOT, "Sources", "CapacityAllocation", "Geography", "GeographyData.swift")
UNIT = "RE03"

# [aanname] Districts and base teams. The police publish no table of them per municipality; this grouping
# keeps every district and base team contiguous on the map and follows the structure the IVP documents give
# for Gooi en Vechtstreek ([Blaricum 2023] 1.3: Gooi Noord and Gooi Zuid). Each base team lists CBS names.
DISTRICTS = [
    ("gooi-en-vechtstreek", "District Gooi en Vechtstreek", [
        ("gooi-noord", "Basisteam Gooi Noord", ["Gooise Meren", "Huizen", "Blaricum", "Laren (NH.)"]),
        ("gooi-zuid", "Basisteam Gooi Zuid", ["Hilversum", "Wijdemeren"]),
    ]),
    ("flevoland", "District Flevoland", [
        ("basisteam-almere", "Basisteam Almere", ["Almere"]),
        ("lelystad-zeewolde", "Basisteam Lelystad-Zeewolde", ["Lelystad", "Zeewolde"]),
        ("noordoostpolder-urk-dronten", "Basisteam Noordoostpolder-Urk-Dronten", ["Noordoostpolder", "Urk", "Dronten"]),
    ]),
    ("utrecht-stad", "District Utrecht Stad", [
        ("basisteam-utrecht", "Basisteam Utrecht", ["Utrecht"]),
    ]),
    ("utrecht-oost", "District Utrecht Oost", [
        ("basisteam-amersfoort", "Basisteam Amersfoort", ["Amersfoort"]),
        ("eemland-noord", "Basisteam Eemland Noord", ["Baarn", "Soest", "Bunschoten", "Eemnes"]),
        ("zeist-de-bilt", "Basisteam Zeist-De Bilt", ["Zeist", "De Bilt"]),
        ("heuvelrug", "Basisteam Heuvelrug", ["Utrechtse Heuvelrug", "Woudenberg", "Leusden"]),
        ("veenendaal-rhenen", "Basisteam Veenendaal-Rhenen", ["Veenendaal", "Rhenen", "Renswoude"]),
        ("bunnik-wijk", "Basisteam Bunnik-Wijk bij Duurstede", ["Bunnik", "Wijk bij Duurstede"]),
    ]),
    ("utrecht-west", "District Utrecht West", [
        ("nieuwegein-ijsselstein", "Basisteam Nieuwegein-IJsselstein", ["Nieuwegein", "IJsselstein"]),
        ("houten-vijfheerenlanden", "Basisteam Houten-Vijfheerenlanden", ["Houten", "Vijfheerenlanden"]),
        ("basisteam-woerden", "Basisteam Woerden", ["Woerden", "Montfoort", "Oudewater", "Lopik"]),
        ("vecht-en-venen", "Basisteam Vecht en Venen", ["Stichtse Vecht", "De Ronde Venen"]),
    ]),
]

# [aanname] Capacity per 1,000 inhabitants, the ratios of the Gooi en Vechtstreek scenario (125 general FTE
# and 40 district detectives for about 245,000 inhabitants there; 4 FTE of cyber specialists for its share).
GENERAL_FTE = 1.0          # general police FTE per 1,000 inhabitants
CLAIMED_SHARE = 0.40       # share of a base team's hours outside this plan: intake, custody, guarding, and the local IVP priorities
DISTRICT_DETECTIVES = 0.16 # FTE per 1,000
DISTRICT_CLAIMED = 0.30    # large investigations, capacity delivered to the unit, local priorities
UNIT_DETECTIVES = 0.12     # Dienst Regionale Recherche, FTE per 1,000
UNIT_CLAIMED = 0.50        # national and other casework outside the RVS themes
UNIT_CYBER = 0.016         # cybercrime team, FTE per 1,000
HOURS, AVAILABILITY = 1350, 0.90


def load_geography():
    text = open(GEOGRAPHY, encoding="utf-8").read()
    data = json.loads(text[text.index('#"""') + 4:text.index('"""#')])
    return data


def slug(name):
    import unicodedata
    folded = unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode().lower()
    out, pending = "", False
    for char in folded:
        if char.isalnum():
            if pending and out:
                out += "-"
            out, pending = out + char, False
        else:
            pending = True
    return out


def fte(value):
    """FTE rounded up to a half."""
    return math.ceil(value * 2) / 2


def number(value):
    return str(int(value)) if value == int(value) else f"{value:g}"


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Scenarios", "midden-nederland-rvs.yaml")
    geography = load_geography()
    municipalities = {m["name"]: m for m in geography["municipalities"] if m["unit"] == UNIT}
    grouped = [name for _, _, teams in DISTRICTS for _, _, names in teams for name in names]
    if sorted(grouped) != sorted(municipalities):
        missing = sorted(set(municipalities) - set(grouped))
        extra = sorted(set(grouped) - set(municipalities))
        sys.exit(f"the grouping does not match unit {UNIT} of the geography: missing {missing}, not in the unit {extra}")
    population = sum(m["population"] for m in municipalities.values())

    lines = []
    out = lines.append
    out("# yaml-language-server: $schema=../docs/scenario.schema.json")
    out("# Regionale Veiligheidsstrategie (RVS) Midden-Nederland: the three regional priorities of the unit over all")
    out("# its municipalities of 2024. Written by Tools/scenarios/midden_nederland.py; edit the script, not this file.")
    out("#")
    out("# Sources, as in the other bundled scenarios (titles in Scenarios/README.md, \"Sources\"):")
    out("#   [Hilversum 2018] the RVS Midden-Nederland 2019-2022, consulted with the 39 municipalities of the unit: three")
    out("#                regional priorities, \"georganiseerde ondermijnende criminaliteit\", \"het effectief verbinden van")
    out("#                veiligheid met zorg\" and \"het bevorderen van cyberveiligheid\", chosen as development themes on")
    out("#                which the partners \"bundelen ... hun krachten\"; \"onveiligheid [trekt] zich weinig aan van")
    out("#                gemeentegrenzen\";")
    out("#   [Blaricum 2023] the unit covers Utrecht, Flevoland and Gooi en Vechtstreek; Gooi Noord and Gooi Zuid;")
    out("#   [publiek]    the municipalities of the unit in 2024, their CBS codes, inhabitants on 1 January 2024 (CBS")
    out("#                Wijken en Buurten 2024) and land borders, from ivp's built-in geography (CBS, Kadaster/PDOK):")
    out(f"#                {len(municipalities)} municipalities and {population:,} inhabitants (the 39 of 2019 less Weesp, part of")
    out("#                Amsterdam since 2022); the wijkagent norm of 1 per 5,000 inhabitants;")
    out("#   [aanname]    everything else: the districts and base teams (the police publish no such table), every")
    out("#                capacity (the per-inhabitant ratios of the Gooi en Vechtstreek scenario), every need and weight.")
    out("# \"Pooled at unit level\": the three themes are adopted by the unit, and the unit's own detectives and cyber")
    out("# team (joint_efficiency) serve every municipality; base teams add their general police and wijkagenten.")
    out("# Hours are hours per year.")
    out("")
    out("name: Regionale Veiligheidsstrategie Midden-Nederland")
    out("description: >-")
    out(f"  De {len(municipalities)} gemeenten van de eenheid Midden-Nederland (2024) met de drie regionale prioriteiten")
    out("  van de Regionale Veiligheidsstrategie: georganiseerde ondermijnende criminaliteit, veiligheid en zorg,")
    out("  en cyberveiligheid, gebundeld op het niveau van de eenheid. Echte inwonertallen en grenzen; districten,")
    out("  basisteams, capaciteiten en behoeften zijn aannames.")
    out("")
    out(f"hours_per_fte: {HOURS}   # [aanname] as the Gooi en Vechtstreek scenario")
    out("reserve: 0.10         # [aanname] as the Gooi en Vechtstreek scenario")
    out("level_weights: {national: 1.0, regional: 1.0, district: 1.0, base_team: 0.95, local: 0.9}   # [aanname] here the regional themes are the plan")
    out("returns:              # [aanname] diminishing returns, as the Gooi en Vechtstreek scenario")
    out("  - {share: 0.5, value: 1.0}")
    out("  - {share: 0.3, value: 0.6}")
    out("  - {share: 0.2, value: 0.25}")
    out("")
    out("units:")
    out("  - {id: midden-nederland, name: Eenheid Midden-Nederland}   # [Blaricum 2023], [Hilversum 2018]")
    out("districts:   # [aanname] five districts; Gooi en Vechtstreek as [Blaricum 2023]")
    for district, name, _ in DISTRICTS:
        out(f"  - {{id: {district}, name: {name}, unit: midden-nederland}}")
    out("base_teams:  # [aanname] contiguous groups of about 50,000-130,000 inhabitants; Gooi Noord and Gooi Zuid as [Blaricum 2023] 1.3")
    for district, _, teams in DISTRICTS:
        for team, name, _ in teams:
            out(f"  - {{id: {team}, name: {name}, district: {district}}}")
    out("# [publiek] CBS code and inhabitants on 1 January 2024 (CBS Wijken en Buurten 2024, as built into ivp).")
    out("municipalities:")
    ids = {}
    for district, _, teams in DISTRICTS:
        for team, _, names in teams:
            for name in names:
                m = municipalities[name]
                ids[name] = slug(name)
                out(f"  - {{id: {ids[name]}, name: {name}, base_team: {team}, population: {m['population']}, cbs_code: {m['code']}}}")
    out("# [publiek] the real land borders among these municipalities (CBS/PDOK 2024, built into ivp).")
    out("neighbours: borders")
    out("")
    out("pools:")
    unit_fte = fte(population / 1000 * UNIT_DETECTIVES)
    cyber_fte = fte(population / 1000 * UNIT_CYBER)
    out("  # --- Unit capacity: the RVS themes are pooled here")
    out("  - id: dienst-regionale-recherche")
    out("    name: Dienst Regionale Recherche Midden-Nederland")
    out("    at: midden-nederland")
    out("    kind: investigation")
    out(f"    fte: {number(unit_fte)}   # [aanname] {UNIT_DETECTIVES} FTE per 1,000 inhabitants x {population:,}, rounded up to a half")
    out(f"    availability: {AVAILABILITY}")
    out(f"    claimed_hours: {round(unit_fte * HOURS * AVAILABILITY * UNIT_CLAIMED, -2):.0f}   # [aanname] {UNIT_CLAIMED:.0%}: casework outside the RVS themes")
    out("  - id: cybercrimeteam")
    out("    name: Cybercrimeteam eenheid Midden-Nederland")
    out("    at: midden-nederland")
    out("    kind: cyber")
    out(f"    fte: {number(cyber_fte)}   # [aanname] {UNIT_CYBER} FTE per 1,000 inhabitants (4 FTE for Gooi en Vechtstreek's ~245,000), rounded up")
    out(f"    availability: {AVAILABILITY}")
    out("  # --- District detectives")
    for district, name, teams in DISTRICTS:
        people = sum(municipalities[n]["population"] for _, _, names in teams for n in names)
        value = fte(people / 1000 * DISTRICT_DETECTIVES)
        out(f"  - id: {district}-recherche")
        out(f"    name: {name}, districtsrecherche")
        out(f"    at: {district}")
        out("    kind: investigation")
        out(f"    fte: {number(value)}   # [aanname] {DISTRICT_DETECTIVES} per 1,000 x {people:,} inhabitants")
        out(f"    availability: {AVAILABILITY}")
        out(f"    claimed_hours: {round(value * HOURS * AVAILABILITY * DISTRICT_CLAIMED, -2):.0f}   # [aanname] {DISTRICT_CLAIMED:.0%}: large cases, capacity for the unit, local priorities")
    out("  # --- Base teams: general police and wijkagenten")
    for district, _, teams in DISTRICTS:
        for team, name, names in teams:
            people = sum(municipalities[n]["population"] for n in names)
            general = fte(people / 1000 * GENERAL_FTE)
            community = math.ceil(people / 5000)
            out(f"  - id: {team}-basis")
            out(f"    name: {name}, basispolitiezorg")
            out(f"    at: {team}")
            out("    kind: general")
            out(f"    fte: {number(general)}   # [aanname] {GENERAL_FTE} per 1,000 x {people:,} inhabitants")
            out(f"    availability: {AVAILABILITY}")
            out(f"    claimed_hours: {round(general * HOURS * AVAILABILITY * CLAIMED_SHARE, -2):.0f}   # [aanname] {CLAIMED_SHARE:.0%}: intake, custody, volume crime, guarding and the municipalities' own IVP priorities, outside this plan")
            out("    mutual_aid: {max_share: 0.10, efficiency: 0.85}   # [aanname] as Gooi en Vechtstreek")
            out("    limits:")
            out("      - {themes: [noodhulp], max_share: 0.50}   # [aanname] as Gooi en Vechtstreek")
            out(f"  - id: {team}-wijkagenten")
            out(f"    name: {name}, wijkagenten")
            out(f"    at: {team}")
            out("    kind: community")
            out(f"    fte: {community}   # [publiek] norm 1 per 5,000: {people:,} / 5,000, rounded up")
            out(f"    availability: {AVAILABILITY}")
            out("    limits:")
            out("      - {themes: [cyberveiligheid], max_share: 0.05}     # [aanname] voorlichting only, as Gooi en Vechtstreek")
            out("      - {themes: [ondermijning], max_share: 0.25}        # [aanname] signalling in the wijk, as Gooi en Vechtstreek")
    out("")
    out("# [publiek] 1 wijkagent per 5,000 inhabitants = 270 hours per 1,000; x 0.90 availability [aanname] x 80% in the")
    out("# neighbourhood = 194.4 hours per 1,000 inhabitants, as the Gooi en Vechtstreek scenario.")
    out("presence:")
    out("  - {kind: community, hours_per_1000_inhabitants: 194.4}")
    out("")
    out("themes:")
    out("  # ===== The three regional priorities of the RVS ([Hilversum 2018]), adopted by the unit =====")
    out("  - id: ondermijning")
    out("    name: Georganiseerde ondermijnende criminaliteit (RVS)")
    out("    level: regional                 # [Hilversum 2018] regional priority 1")
    out("    adopted_by: [midden-nederland]")
    out("    kinds: {investigation: 1.0, general: 0.5, community: 0.5}   # [aanname] as Gooi en Vechtstreek")
    out("    weight: 1.0                     # [aanname]")
    out("    joint_efficiency: 1.1           # [aanname] unit and district detectives: the partners \"bundelen ... hun krachten\" [Hilversum 2018]")
    out("    need: {per_1000_inhabitants: 450}   # [aanname] Gooi en Vechtstreek's 300 for its district priority plus 150 for the unit's development work (taskforces, afpakken)")
    out("    max_gap: 0.15                   # [aanname] waterbedeffect over real borders: \"onveiligheid trekt zich weinig aan van gemeentegrenzen\" [Hilversum 2018]")
    out("  - id: zorg-en-veiligheid")
    out("    name: Veiligheid verbinden met zorg (RVS)")
    out("    level: regional                 # [Hilversum 2018] regional priority 2")
    out("    adopted_by: [midden-nederland]")
    out("    kinds: {community: 1.0, general: 0.8}   # [aanname] as Gooi en Vechtstreek")
    out("    weight: 1.0                     # [aanname] chosen here, unlike in Gooi en Vechtstreek 2023")
    out("    need: {per_1000_inhabitants: 200}   # [aanname] Gooi en Vechtstreek's 120 plus the unit's development work")
    out("    max_gap: 0.20                   # [aanname]")
    out("  - id: cyberveiligheid")
    out("    name: Cyberveiligheid (RVS)")
    out("    level: regional                 # [Hilversum 2018] regional priority 3")
    out("    adopted_by: [midden-nederland]")
    out("    kinds: {cyber: 1.0, investigation: 0.6, community: 0.7}   # [aanname] specialists; detectives at 60%; wijkagenten on voorlichting")
    out("    weight: 1.0                     # [aanname]")
    out("    joint_efficiency: 1.1           # [aanname]")
    out("    need: {per_1000_inhabitants: 80}    # [aanname] cybercrime (40) and digitale veiligheid (70) of Gooi en Vechtstreek, less their overlap")
    out("")
    out("  # ===== Core police tasks: a floor, a low weight, no extra capacity (as Gooi en Vechtstreek) =====")
    districts = ", ".join(d for d, _, _ in DISTRICTS)
    core = [
        ("noodhulp", "Noodhulp (24/7)", "{general: 1.0}", 400, 0.9),
        ("huiselijk-geweld", "Huiselijk geweld", "{general: 1.0, community: 0.9, investigation: 0.8}", 60, 0.7),
        ("woninginbraak", "Woninginbraak", "{general: 1.0, investigation: 0.9, community: 0.7}", 50, 0.6),
        ("jaarwisseling", "Jaarwisseling", "{general: 1.0, community: 0.8}", 15, 0.8),
        ("radicalisering", "Radicalisering", "{community: 1.0, investigation: 0.8}", 8, 0.5),
    ]
    for theme, name, kinds, need, minimum in core:
        out(f"  - id: {theme}")
        out(f"    name: {name}")
        out("    level: district                 # [aanname] organised per district")
        out(f"    adopted_by: [{districts}]")
        out("    core: true")
        out(f"    kinds: {kinds}   # [aanname] as Gooi en Vechtstreek")
        out("    weight: 0.3                     # [aanname] low: no extra capacity")
        out(f"    need: {{per_1000_inhabitants: {need}}}   # [aanname] as Gooi en Vechtstreek")
        out(f"    minimum: {minimum}                   # [aanname] as Gooi en Vechtstreek")
    text = "\n".join(lines) + "\n"
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds ivp's own geography of the 342 Dutch municipalities of 2024 from the public data folder.

Usage: python3 Tools/geography/build.py DATA_FOLDER [OUTPUT]

DATA_FOLDER holds the files described in Tools/geography/README.md (CBS/PDOK boundaries as TopoJSON,
populations, police units and the extra touching pairs). OUTPUT defaults to
Sources/CapacityAllocation/Geography/GeographyData.swift, a Swift source holding the geography as one
JSON text, so the built binary needs no resource file and no data folder at run time.

Python 3 standard library only. The script checks what it derives against the data folder's own
derived files (the arc neighbours) and stops with a message when they disagree.
"""

import csv
import json
import math
import os
import sys

# Douglas-Peucker tolerance in the TopoJSON's quantisation grid (one step is 0.001 degree of
# longitude, about 69 m, and 0.0009996 degree of latitude, about 111 m). The boundaries are already
# generalised with mapshaper; one grid step removes the points a national map cannot show while a
# district of a few municipalities still reads as its real shape.
TOLERANCE = 1.0
# Pairs whose shapes touch without sharing an arc count as land neighbours from this shared length
# (DESIGN.md 4.2 (5)).
MIN_EXTRA_BORDER_KM = 0.5
CREDIT_NL = "Bron: CBS, Kadaster (PDOK)"
CREDIT_EN = "Source: CBS, Kadaster (PDOK)"


def fail(message):
    sys.stderr.write("build.py: " + message + "\n")
    sys.exit(1)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def decode_arcs(topo):
    """Absolute grid coordinates of every arc (TopoJSON delta encoding undone, not yet scaled)."""
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x, y))
        arcs.append(points)
    return arcs


def distance_to_segment(point, start, end):
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points, tolerance):
    """The points of a polyline kept by Douglas-Peucker; both ends are always kept."""
    if len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_index = -1.0, None
        for index in range(first + 1, last):
            distance = distance_to_segment(points[index], points[first], points[last])
            if distance > best:
                best, best_index = distance, index
        if best_index is not None and best > tolerance:
            keep[best_index] = True
            stack.append((first, best_index))
            stack.append((best_index, last))
    return [point for point, kept in zip(points, keep) if kept]


def simplify_arc(points, tolerance):
    """Simplifies one arc. Each arc is simplified once and shared by both municipalities it
    separates, so neighbours keep exactly the same border. A closed arc (an island, a ring with no
    neighbour) is split at its point farthest from the start so that it keeps at least a triangle."""
    if len(points) > 3 and points[0] == points[-1]:
        start = points[0]
        far = max(range(1, len(points) - 1), key=lambda i: math.hypot(points[i][0] - start[0], points[i][1] - start[1]))
        first = douglas_peucker(points[: far + 1], tolerance)
        second = douglas_peucker(points[far:], tolerance)
        simplified = first + second[1:]
        if len(simplified) < 4:
            # Keep the point farthest from the segment start-far on either side.
            candidates = [i for i in range(1, len(points) - 1) if i != far]
            extra = max(candidates, key=lambda i: distance_to_segment(points[i], start, points[far]))
            kept = sorted({0, far, extra, len(points) - 1})
            simplified = [points[i] for i in kept]
        return simplified
    return douglas_peucker(points, tolerance)


def polygons_of(geometry):
    return [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def signed_area(points):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1])) / 2


def contains(points, x, y):
    inside = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def label_point(polygons, arcs, cos_latitude):
    """A point inside the largest polygon to put the municipality's name on: its centroid when that
    lies inside (and outside its holes), else the middle of the widest inside stretch of the
    horizontal line through the centroid. Coordinates are grid units, rounded to 0.1."""
    best = None
    for polygon in polygons:
        rings = [ring_points(ring, arcs) for ring in polygon]
        area = abs(signed_area(rings[0]))
        if best is None or area > best[0]:
            best = (area, rings)
    _, rings = best
    outer = rings[0]
    area = signed_area(outer)
    if area == 0:
        x, y = outer[0]
        return [x, y]
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(outer, outer[1:] + outer[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    cx /= 6 * area
    cy /= 6 * area

    def inside(x, y):
        return contains(outer, x, y) and not any(contains(hole, x, y) for hole in rings[1:])

    if not inside(cx, cy):
        y = cy + 0.01  # off the grid lines, so no vertex lies exactly on the scan line
        crossings = []
        for ring in rings:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
                if (y0 > y) != (y1 > y):
                    crossings.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        crossings.sort()
        stretches = [(crossings[i + 1] - crossings[i], (crossings[i] + crossings[i + 1]) / 2)
                     for i in range(0, len(crossings) - 1, 2)]
        if stretches:
            cx, cy = max(stretches)[1], y
    return [round(cx, 1), round(cy, 1)]


def main():
    if len(sys.argv) < 2:
        fail("usage: build.py DATA_FOLDER [OUTPUT]")
    data = sys.argv[1]
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        repository, "Sources", "CapacityAllocation", "Geography", "GeographyData.swift")

    with open(os.path.join(data, "gemeente_2024.topojson"), encoding="utf-8") as handle:
        topo = json.load(handle)
    geometries = topo["objects"]["gemeente_2024"]["geometries"]
    arcs = decode_arcs(topo)
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]

    populations = {row["statcode"]: (row["statnaam"], int(row["inwoners_2024"]))
                   for row in read_csv(os.path.join(data, "gemeenten_2024_bevolking.csv"))}
    units = {row["statcode"]: (row["eenheid_code"], row["eenheid_naam"])
             for row in read_csv(os.path.join(data, "gemeente_2024_eenheid.csv"))}
    codes = [geometry["properties"]["statcode"] for geometry in geometries]
    if len(set(codes)) != len(codes) or set(codes) != set(populations) or set(codes) != set(units):
        fail("the boundaries, populations and units do not list the same municipalities")

    # Land neighbours: the pairs sharing an arc, checked against the data folder's own list, plus
    # the touching pairs with at least MIN_EXTRA_BORDER_KM of shared border.
    arc_users = {}
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for index in ring:
                    arc_users.setdefault(index if index >= 0 else ~index, set()).add(geometry["properties"]["statcode"])
    arc_pairs = set()
    for users in arc_users.values():
        ordered = sorted(users)
        if len(ordered) > 2:
            fail("an arc is used by more than two municipalities: " + ", ".join(ordered))
        if len(ordered) == 2:
            arc_pairs.add(tuple(ordered))
    listed = {tuple(sorted((row["statcode_a"], row["statcode_b"])))
              for row in read_csv(os.path.join(data, "gemeente_2024_buren.csv"))}
    if listed != arc_pairs:
        fail("the arc neighbours differ from gemeente_2024_buren.csv (%d vs %d pairs)" % (len(arc_pairs), len(listed)))
    extra_pairs = {tuple(sorted((row["statcode_a"], row["statcode_b"])))
                   for row in read_csv(os.path.join(data, "gemeente_2024_buren_geometrisch_extra.csv"))
                   if float(row["gedeelde_grens_km"]) >= MIN_EXTRA_BORDER_KM}
    neighbours = {code: set() for code in codes}
    for first, second in arc_pairs | extra_pairs:
        neighbours[first].add(second)
        neighbours[second].add(first)

    # Simplify each used arc once; renumber the used arcs densely.
    used = sorted(arc_users)
    new_index = {old: new for new, old in enumerate(used)}
    simplified = [simplify_arc(arcs[old], TOLERANCE) for old in used]
    points_before = sum(len(arcs[old]) for old in used)
    points_after = sum(len(arc) for arc in simplified)

    latitude = translate[1] + 1400 * scale[1]
    cos_latitude = math.cos(math.radians(latitude))
    municipalities = []
    for geometry, code in zip(geometries, codes):
        name, population = populations[code]
        unit_code, _ = units[code]
        outline = [[[new_index[i] if i >= 0 else ~new_index[~i] for i in ring] for ring in polygon]
                   for polygon in polygons_of(geometry)]
        municipalities.append({
            "code": code,
            "name": name,
            "population": population,
            "unit": unit_code,
            "neighbours": sorted(neighbours[code]),
            "label": label_point(polygons_of(geometry), arcs, cos_latitude),
            "outline": outline,
        })
    unit_names = {code: name for code, name in sorted(set(units.values()))}

    header = {
        "source": "CBS/PDOK gebiedsindelingen 2024 (generalised, via cartomap/nl), CBS population 1 January 2024",
        "credit": {"nl": CREDIT_NL, "en": CREDIT_EN},
        "scale": scale,
        "translate": translate,
        "tolerance": TOLERANCE,
        "minimumExtraBorderKm": MIN_EXTRA_BORDER_KM,
        "units": unit_names,
    }
    lines = ["{" + json.dumps(header, ensure_ascii=False, separators=(",", ":"))[1:-1] + ","]
    lines.append('"arcs":[')
    lines += [json.dumps([c for point in arc for c in point], separators=(",", ":")) + ("," if i < len(simplified) - 1 else "")
              for i, arc in enumerate(simplified)]
    lines.append('],"municipalities":[')
    lines += [json.dumps(m, ensure_ascii=False, separators=(",", ":")) + ("," if i < len(municipalities) - 1 else "")
              for i, m in enumerate(municipalities)]
    lines.append("]}")
    text = "\n".join(lines)
    if '"#' in text:
        fail("the data contains the raw string delimiter")
    swift = (
        "// Generated by Tools/geography/build.py from the public CBS/PDOK data; do not edit by hand.\n"
        "// Rebuild: python3 Tools/geography/build.py DATA_FOLDER (see Tools/geography/README.md).\n"
        "// " + CREDIT_NL + ". Douglas-Peucker tolerance %g grid step(s); %d of %d arc points kept.\n\n"
        "extension Geography {\n"
        "    /// The geography as JSON: one line per arc and per municipality, so a rebuild diffs readably.\n"
        "    static let json = #\"\"\"\n%s\n\"\"\"#\n"
        "}\n"
    ) % (TOLERANCE, points_after, points_before, text)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(swift)
    print("%s: %d municipalities, %d arcs, %d of %d points kept (tolerance %g), %d neighbour pairs (%d by arc, %d touching >= %g km), %d bytes"
          % (os.path.relpath(output), len(municipalities), len(simplified), points_after, points_before, TOLERANCE,
             len(arc_pairs | extra_pairs), len(arc_pairs), len(extra_pairs - arc_pairs), MIN_EXTRA_BORDER_KM,
             len(swift.encode("utf-8"))))


if __name__ == "__main__":
    main()

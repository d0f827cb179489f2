"""Plane geometry helpers (demo corpus for bench-audit; unrelated to the demo tasks)."""

import math


def distance(p, q):
    return math.hypot(q[0] - p[0], q[1] - p[1])


def polygon_area(points):
    """Shoelace formula; points in order, either orientation."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2.0


def centroid(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return sum(xs) / len(xs), sum(ys) / len(ys)

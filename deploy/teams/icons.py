#!/usr/bin/env python3
"""Draws the two Teams icons of B12Bot, using only Python's standard library.

    python3 deploy/teams/icons.py           # rewrites color.png and outline.png beside this file
    python3 deploy/teams/icons.py FOLDER    # writes them into FOLDER instead

color.png   192x192, full colour: white "B12" on a teal disc over a darker teal square.
outline.png  32x32, white "B12" on a transparent background (every pixel is white; only alpha varies).

Both are 8-bit RGBA, non-interlaced PNGs. The pixels are the same on every run.
"""

import math
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

TEAL_DARK = (11, 122, 117)     # #0B7A75, also the manifest's accentColor
TEAL_LIGHT = (20, 149, 143)    # the disc behind the letters
WHITE = (255, 255, 255)

SAMPLES = 4                    # 4x4 samples per pixel for smooth edges


# --- Shapes: each answers "does this point lie inside me?" in glyph units (cap height 1, y downwards). ---

def capsule(x0, y0, x1, y1):
    """A straight stroke from (x0, y0) to (x1, y1) with round ends."""
    def inside(x, y, half):
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length2))
        px, py = x0 + t * dx - x, y0 + t * dy - y
        return px * px + py * py <= half * half
    return inside


def arc(cx, cy, radius, start, sweep):
    """A curved stroke along a circle, from angle `start` turning `sweep` degrees (clockwise on screen)."""
    ends = [
        capsule(cx + radius * math.cos(math.radians(a)), cy + radius * math.sin(math.radians(a)),
                cx + radius * math.cos(math.radians(a)), cy + radius * math.sin(math.radians(a)))
        for a in (start, start + sweep)
    ]

    def inside(x, y, half):
        distance = math.hypot(x - cx, y - cy)
        if abs(distance - radius) <= half:
            angle = math.degrees(math.atan2(y - cy, x - cx))
            if (angle - start) % 360.0 <= sweep:
                return True
        return any(end(x, y, half) for end in ends)
    return inside


def point_on(cx, cy, radius, angle):
    return cx + radius * math.cos(math.radians(angle)), cy + radius * math.sin(math.radians(angle))


# The three letters, each 0.62 wide and 1 high; strokes are centred on these lines.
GLYPH_WIDTH = 0.62
GLYPH_GAP = 0.22

LETTER_B = [
    capsule(0.0, 0.0, 0.0, 1.0),
    capsule(0.0, 0.0, 0.30, 0.0),
    arc(0.30, 0.235, 0.235, -90.0, 180.0),
    capsule(0.30, 0.47, 0.0, 0.47),
    capsule(0.0, 0.47, 0.33, 0.47),
    arc(0.33, 0.735, 0.265, -90.0, 180.0),
    capsule(0.33, 1.0, 0.0, 1.0),
]

LETTER_1 = [
    capsule(0.36, 0.0, 0.36, 1.0),
    capsule(0.36, 0.0, 0.08, 0.22),
    capsule(0.10, 1.0, 0.62, 1.0),
]

_TWO_END = point_on(0.31, 0.30, 0.30, 35.0)
LETTER_2 = [
    arc(0.31, 0.30, 0.30, 190.0, 205.0),
    capsule(_TWO_END[0], _TWO_END[1], 0.0, 1.0),
    capsule(0.0, 1.0, 0.62, 1.0),
]


def text_shapes():
    """The strokes of "B12", with their x offsets applied."""
    shapes = []
    for index, letter in enumerate((LETTER_B, LETTER_1, LETTER_2)):
        offset = index * (GLYPH_WIDTH + GLYPH_GAP)
        shapes.extend(shifted(shape, offset) for shape in letter)
    return shapes


def shifted(shape, offset):
    return lambda x, y, half: shape(x - offset, y, half)


TEXT_WIDTH = 3 * GLYPH_WIDTH + 2 * GLYPH_GAP


def text_coverage(size, left, top, scale, half_stroke):
    """For each pixel, the share (0..1) covered by "B12" drawn at `scale` pixels per glyph unit."""
    shapes = text_shapes()
    coverage = [[0.0] * size for _ in range(size)]
    margin = half_stroke * scale + 1
    for py in range(size):
        for px in range(size):
            if not (left - margin <= px <= left + TEXT_WIDTH * scale + margin and top - margin <= py <= top + scale + margin):
                continue
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES - left) / scale
                    y = (py + (sy + 0.5) / SAMPLES - top) / scale
                    if any(shape(x, y, half_stroke) for shape in shapes):
                        hits += 1
            coverage[py][px] = hits / (SAMPLES * SAMPLES)
    return coverage


def disc_coverage(size, cx, cy, radius):
    coverage = [[0.0] * size for _ in range(size)]
    for py in range(size):
        for px in range(size):
            hits = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = px + (sx + 0.5) / SAMPLES - cx
                    y = py + (sy + 0.5) / SAMPLES - cy
                    if x * x + y * y <= radius * radius:
                        hits += 1
            coverage[py][px] = hits / (SAMPLES * SAMPLES)
    return coverage


def blend(under, over, share):
    return tuple(round(u + (o - u) * share) for u, o in zip(under, over))


def color_icon():
    size = 192
    scale = 52.0
    half_stroke = 0.085
    left = (size - TEXT_WIDTH * scale) / 2
    top = (size - scale) / 2
    disc = disc_coverage(size, size / 2, size / 2, 80.0)
    text = text_coverage(size, left, top, scale, half_stroke)
    pixels = []
    for py in range(size):
        row = []
        for px in range(size):
            rgb = blend(blend(TEAL_DARK, TEAL_LIGHT, disc[py][px]), WHITE, text[py][px])
            row.append(rgb + (255,))
        pixels.append(row)
    return size, pixels


def outline_icon():
    size = 32
    scale = 12.0
    half_stroke = 0.105
    left = (size - TEXT_WIDTH * scale) / 2
    top = (size - scale) / 2
    text = text_coverage(size, left, top, scale, half_stroke)
    pixels = [[WHITE + (round(255 * text[py][px]),) for px in range(size)] for py in range(size)]
    return size, pixels


def paeth(left, up, up_left):
    estimate = left + up - up_left
    to_left, to_up, to_up_left = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
    if to_left <= to_up and to_left <= to_up_left:
        return left
    return up if to_up <= to_up_left else up_left


def filtered_rows(pixels):
    """Each row with the PNG filter that makes it smallest (the usual heuristic: least sum of |byte| as signed)."""
    step = 4
    above = bytes(len(pixels[0]) * step)
    for row in pixels:
        raw = bytes(value for pixel in row for value in pixel)
        candidates = []
        for kind in range(5):
            out = bytearray([kind])
            for i, value in enumerate(raw):
                left = raw[i - step] if i >= step else 0
                up = above[i]
                up_left = above[i - step] if i >= step else 0
                predicted = (0, left, up, (left + up) // 2, paeth(left, up, up_left))[kind]
                out.append((value - predicted) & 255)
            candidates.append(out)
        yield min(candidates, key=lambda c: sum(b if b < 128 else 256 - b for b in c[1:]))
        above = raw


def png(size, pixels):
    """An 8-bit RGBA PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(filtered_rows(pixels))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(folder, exist_ok=True)
    for name, draw in (("color.png", color_icon), ("outline.png", outline_icon)):
        size, pixels = draw()
        with open(os.path.join(folder, name), "wb") as file:
            file.write(png(size, pixels))
        print(f"{name}: {size}x{size}")


if __name__ == "__main__":
    main()

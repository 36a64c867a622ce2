"""Charts with matplotlib: sourcing, tone and the timeline.

One colour per side everywhere (charts and the HTML report), from a colour-blind-safe palette.
Every function returns the matplotlib `Figure` and takes an explicit `figsize`.
"""
from __future__ import annotations

# ---- palette (shared) -------------------------------------------------------------------------

#: One colour per side, from the Okabe-Ito palette (safe for the common colour-vision deficiencies).
#: The sides are those of the shipped profiles; "unassigned" is a speaker no profile rule places.
SIDE_COLORS: dict[str, str] = {
    "pro-government": "#D55E00",  # vermillion
    "opposition": "#0072B2",  # blue
    "independent": "#009E73",  # bluish green
    "unassigned": "#999999",  # grey
}

#: Okabe-Ito colours not used by `SIDE_COLORS`, handed out in order to the sides of a user's profile.
EXTRA_SIDE_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")


def side_colors(sides=()) -> dict[str, str]:
    """`SIDE_COLORS` plus a stable colour for every other side in `sides` (sorted, then cycled)."""
    colors = dict(SIDE_COLORS)
    others = sorted({str(side) for side in sides} - set(colors))
    for number, side in enumerate(others):
        colors[side] = EXTRA_SIDE_COLORS[number % len(EXTRA_SIDE_COLORS)]
    return colors


# ---- sourcing charts ---------------------------------------------------------------------------

# ---- tone charts -------------------------------------------------------------------------------

# ---- timeline chart ----------------------------------------------------------------------------

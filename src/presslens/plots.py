"""Charts with matplotlib: sourcing, tone and the timeline.

One colour per side everywhere (charts and the HTML report), from a colour-blind-safe palette.
Every function returns the matplotlib `Figure` and takes an explicit `figsize`.
"""
from __future__ import annotations

# ---- palette (shared) -------------------------------------------------------------------------

# ---- sourcing charts ---------------------------------------------------------------------------

# ---- tone charts -------------------------------------------------------------------------------

# ---- timeline chart ----------------------------------------------------------------------------

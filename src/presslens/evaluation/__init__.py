"""Scorers that measure presslens against public annotated data (nothing from it ships here)."""

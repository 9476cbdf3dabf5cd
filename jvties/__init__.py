"""Data layer, filters and figure builders of the Japan–Viet Nam ties dashboard."""

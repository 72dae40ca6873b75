"""Health: the care day a midwife or health visitor asks about: nappies and temperatures."""

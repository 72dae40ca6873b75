"""Pumping and the milk store: expressing sessions, and the bags of expressed milk kept."""

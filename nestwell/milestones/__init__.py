"""Firsts: a first smile, first steps, kept on the day they happened."""

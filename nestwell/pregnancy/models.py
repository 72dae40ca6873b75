"""Pregnancy keeps no tables of its own: movements, letters, the birth's first hour and
skin-to-skin are moments in the journal, and the birth is recorded on the Child."""

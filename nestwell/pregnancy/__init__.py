"""Pregnancy and birth: movements, letters, recording the birth, first hour, kangaroo care."""

"""Listening in the nursery: the on-device cry detector (YAMNet scores in, crying and happy
sounds out). The same model and rules run in the browser and in Python."""

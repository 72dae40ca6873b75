"""Moments: kinds, timers, quick-log, edit and undo, and the one timeline other apps add to."""

"""Answering the baby: cues and crying episodes, the responsive-care view, routines."""

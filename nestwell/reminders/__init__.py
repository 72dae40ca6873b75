"""Reminders, gently and only as she asks: in the app, and by Web Push where she turns it on."""

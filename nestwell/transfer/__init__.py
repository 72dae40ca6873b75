"""Taking data in and out: the Nestwell export format, importers from other trackers,
and the loader that checks and saves imported rows."""

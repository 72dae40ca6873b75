"""Photos kept with a moment, a first or a letter: stripped of metadata, served only to
the household through Nestwell itself."""

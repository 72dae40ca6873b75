"""Running Nestwell: backups, scheduled jobs, the web server's configuration, demo data."""

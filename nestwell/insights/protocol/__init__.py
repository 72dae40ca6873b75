"""The 24-hour protocol: two weeks of days, quarter-hour by quarter-hour (issue 18)."""

#!/usr/bin/env python3
"""Write nestwell/lib/data/habits.json: what the Unicode CLDR (through Babel) says of each
place in each language Nestwell offers (the clock, the first day of the week, whether a
date writes the month first), and the country of each time zone. A worker then reads this
small table instead of loading CLDR (4 MB of each worker); tests/test_habits_table.py
holds it to Babel, so a new Babel that changes an answer fails there until this is run.

    .venv/bin/python scripts/cldr-habits.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nestwell.lib.measures import HABITS_FILE, table_from_cldr  # noqa: E402


def main() -> int:
    text = json.dumps(table_from_cldr(), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    HABITS_FILE.parent.mkdir(exist_ok=True)
    HABITS_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"{HABITS_FILE.relative_to(ROOT)}: {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

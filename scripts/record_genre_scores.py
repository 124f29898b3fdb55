"""Record each genre case's current F1 in tests/fixtures/genre-scores.json: the ratchet
that tests/test_genre.py holds the extraction to (a case may rise, never fall).

    .venv/bin/python scripts/record_genre_scores.py

Run it when a change raises scores (or adds fixtures), and commit the file with the change:
its diff shows which cases rose. It refuses to record a drop unless given --allow-drop.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_genre  # noqa: E402  (the scoring the tests use, so the two cannot disagree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-drop", action="store_true", help="record lower scores too")
    options = parser.parse_args()
    before = test_genre.recorded_scores()
    scores = {}
    for case in test_genre.cases("expected"):
        fixture, question = case.values
        scores[test_genre.case_id(fixture, question)] = round(
            test_genre.score(fixture, question)[0], 6
        )
    drops = {k: (before[k], v) for k, v in scores.items() if k in before and v < before[k] - 1e-9}
    if drops and not options.allow_drop:
        for key, (old, new) in sorted(drops.items()):
            print(f"{key}: {old:.3f} -> {new:.3f}", file=sys.stderr)
        raise SystemExit("scores fell: fix the extraction, or record with --allow-drop")
    rises = sum(1 for k, v in scores.items() if v > before.get(k, -1.0) + 1e-9)
    test_genre.SCORES.write_text(
        json.dumps(scores, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(
        f"recorded {len(scores)} cases ({rises} new or higher) in {test_genre.SCORES}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()

"""Reference side of the jh-simhash differential test.

Reads a JSON file holding a list of feature lists (lists of strings) and
prints `Simhash(features).value` for each, one decimal integer per line, in
order. Run by tests/python_differential.rs; needs `pip install simhash==2.1.2`.
"""

import json
import sys
from importlib.metadata import version

from simhash import Simhash

# The Rust crate promises compatibility with this exact release; another
# version could differ (or agree by luck), so refuse rather than mislead.
EXPECTED_VERSION = "2.1.2"


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: differential.py FEATURE_LISTS.json", file=sys.stderr)
        return 2
    installed = version("simhash")
    if installed != EXPECTED_VERSION:
        print(
            f"simhash {installed} is installed, the test needs {EXPECTED_VERSION}: "
            f"pip install simhash=={EXPECTED_VERSION}",
            file=sys.stderr,
        )
        return 3
    with open(sys.argv[1], encoding="utf-8") as f:
        feature_lists = json.load(f)
    out = sys.stdout
    for features in feature_lists:
        out.write(f"{Simhash(features).value}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

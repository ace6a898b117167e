"""extruct JSON-LD + microdata extraction, timed per page (the baseline of
`cargo xtask bench-extract`).

Each page is read and decoded once; the timed call is
extruct.extract(html, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore").
Prints one JSON object: {file: median_ms}.
"""
import json
import statistics
import sys
import time

import extruct


def main():
    reps = int(sys.argv[1])
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            html = f.read().decode("utf-8", errors="replace")
        extruct.extract(html, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore")
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            extruct.extract(html, syntaxes=["json-ld", "microdata"], uniform=True, errors="ignore")
            times.append((time.perf_counter() - t) * 1000)
        out[path] = statistics.median(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

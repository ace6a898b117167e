"""The Python system's fingerprint pipeline (DECISIONS.md ADR-017), timed per page.

BeautifulSoup(html, 'lxml'); drop script/style/nav/footer/header; get_text(' ',
strip=True).lower().split(); 3-word shingles; Simhash(shingles).value.
Prints one JSON object: {file: {"ms": median_ms, "min": ms, "max": ms, "hash": hex, "shingles": n}}.
"""
import json
import statistics
import sys
import time

from bs4 import BeautifulSoup
from simhash import Simhash


def fingerprint(html):
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.select("script, style, nav, footer, header"):
        tag.decompose()
    words = soup.get_text(separator=" ", strip=True).lower().split()
    if len(words) < 3:
        return 0, 0
    features = [" ".join(words[i:i + 3]) for i in range(len(words) - 2)]
    return Simhash(features).value, len(features)


def main():
    reps = int(sys.argv[1])
    out = {}
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            html = f.read().decode("utf-8", errors="replace")
        fingerprint(html)  # warm-up
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            value, n = fingerprint(html)
            times.append((time.perf_counter() - t) * 1000)
        out[path] = {"ms": statistics.median(times), "min": min(times), "max": max(times),
                     "hash": format(value, "016x"), "shingles": n}
    print(json.dumps(out))


main()

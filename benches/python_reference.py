#!/usr/bin/env python3
"""The Python reference libraries on the agreement benchmark's corpus (native JSONL): the same
token measures spanbench computes, timed in the same way (median of 5).

- tokens: the regex \\w+|[^\\w\\s] (Python's re is Unicode-aware like spanbench's);
- per label and pair, Cohen's kappa (scikit-learn) over tokens in or out of the label;
- per label, Fleiss' kappa (statsmodels) and nominal alpha (krippendorff) over all three;
- per pair, span F1 exact (seqeval, from per-label BIO tags).

Prints "python <measure> ms <median>" lines and "python total ms <median>".
"""

import json
import re
import statistics
import sys
import time

import krippendorff
import numpy
from seqeval.metrics import f1_score
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

TOKEN = re.compile(r"\w+|[^\w\s]")
LABELS = ["quote", "claim", "rebuttal", "speaker"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prepare(records, annotators):
    """Token flags per annotator and label, and BIO tags per annotator, per document."""
    flags = {(w, l): [] for w in annotators for l in LABELS}
    bio = {w: [] for w in annotators}
    for r in records:
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(r["text"])]
        starts = numpy.array([s for s, _ in toks])
        ends = numpy.array([e for _, e in toks])
        for w in annotators:
            tags = ["O"] * len(toks)
            per_label = {l: numpy.zeros(len(toks), dtype=int) for l in LABELS}
            for a in r["annotations"]:
                if a["annotator"] != w:
                    continue
                for s, e in a["fragments"]:
                    hit = numpy.nonzero((starts < e) & (ends > s))[0]
                    per_label[a["label"]][hit] = 1
                    if len(hit):
                        tags[hit[0]] = "B-" + a["label"]
                        for i in hit[1:]:
                            tags[i] = "I-" + a["label"]
            for l in LABELS:
                flags[(w, l)].append(per_label[l])
            bio[w].append(tags)
    return {k: numpy.concatenate(v) for k, v in flags.items()}, bio


def timed(fn):
    times = []
    for _ in range(5):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main():
    records = load(sys.argv[1])
    annotators = sorted({a["annotator"] for r in records for a in r["annotations"]})
    pairs = [(a, b) for i, a in enumerate(annotators) for b in annotators[i + 1:]]
    prep = timed(lambda: prepare(records, annotators))
    flags, bio = prepare(records, annotators)

    def cohen():
        for a, b in pairs:
            for l in LABELS:
                cohen_kappa_score(flags[(a, l)], flags[(b, l)])

    def fleiss():
        for l in LABELS:
            yes = sum(flags[(w, l)] for w in annotators)
            fleiss_kappa(numpy.stack([yes, len(annotators) - yes], axis=1))

    def alpha():
        for l in LABELS:
            krippendorff.alpha(reliability_data=numpy.stack([flags[(w, l)] for w in annotators]),
                               level_of_measurement="nominal")

    def spans():
        for a, b in pairs:
            f1_score(bio[a], bio[b])

    figures = {"tokens and tags": prep, "Cohen's kappa (scikit-learn)": timed(cohen),
               "Fleiss' kappa (statsmodels)": timed(fleiss),
               "nominal alpha (krippendorff)": timed(alpha), "span F1 (seqeval)": timed(spans)}
    for name, value in figures.items():
        print(f"python {name}   median {value:.1f} ms")
    print(f"python total ms {sum(figures.values()):.1f}")


if __name__ == "__main__":
    main()

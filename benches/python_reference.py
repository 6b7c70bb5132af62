#!/usr/bin/env python3
"""The Python reference libraries on the agreement benchmark's corpus (native JSONL), doing the
same measures spanbench's `agreement_with_relations` does, timed the same way (first run and
median of 5 warm runs):

- tokens: the regex \\w+|[^\\w\\s] (Python's re is Unicode-aware like spanbench's);
- per label and pair, Cohen's kappa (scikit-learn) over tokens in or out of the label;
- per label, Fleiss' kappa (statsmodels) and nominal alpha (krippendorff) over all three;
- per label and pair, F1 exact from seqeval's entities of per-label BIO tags (one tag sequence
  per label, so spans of different labels do not overwrite each other), per document and
  pooled;
- per label and pair, F1 overlap from a maximum one-to-one matching (scipy), per document and
  pooled;
- per pair, attribution-link agreement as tests/python/make_agreement_fixtures.py defines it.

Only unitizing alpha (alpha_U), which has no Python implementation, is spanbench's alone.
Prints "python <measure> first <ms> median <ms>" lines and "python total ms <median>".
"""

import json
import pathlib
import re
import statistics
import sys
import time

import krippendorff
import numpy
from scipy.optimize import linear_sum_assignment
from seqeval.metrics.sequence_labeling import get_entities
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "python"))
from make_agreement_fixtures import link_agreement  # noqa: E402

TOKEN = re.compile(r"\w+|[^\w\s]")
LABELS = ["quote", "claim", "rebuttal", "speaker"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prepare(records, annotators):
    """Token flags per annotator and label (all documents), and per document, annotator and
    label the BIO tags and the spans."""
    flags = {(w, l): [] for w in annotators for l in LABELS}
    bio, spans = [], []
    for r in records:
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(r["text"])]
        starts = numpy.array([s for s, _ in toks])
        ends = numpy.array([e for _, e in toks])
        doc_bio, doc_spans = {}, {}
        for w in annotators:
            per_label = {l: numpy.zeros(len(toks), dtype=int) for l in LABELS}
            tags = {l: ["O"] * len(toks) for l in LABELS}
            for l in LABELS:
                doc_spans[(w, l)] = []
            for a in r["annotations"]:
                if a["annotator"] != w:
                    continue
                label = a["label"]
                doc_spans[(w, label)].append(a["fragments"])
                for s, e in a["fragments"]:
                    hit = numpy.nonzero((starts < e) & (ends > s))[0]
                    per_label[label][hit] = 1
                    if len(hit):
                        tags[label][hit[0]] = "B-" + label
                        for i in hit[1:]:
                            tags[label][i] = "I-" + label
            for l in LABELS:
                flags[(w, l)].append(per_label[l])
                doc_bio[(w, l)] = tags[l]
        bio.append(doc_bio)
        spans.append(doc_spans)
    return {k: numpy.concatenate(v) for k, v in flags.items()}, bio, spans


def timed(fn):
    times = []
    for _ in range(6):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times[0], statistics.median(times[1:])


def f1(tp, na, nb):
    return None if na + nb == 0 else 2 * tp / (na + nb)


def main():
    records = load(sys.argv[1])
    annotators = sorted({a["annotator"] for r in records for a in r["annotations"]})
    pairs = [(a, b) for i, a in enumerate(annotators) for b in annotators[i + 1:]]
    prep = timed(lambda: prepare(records, annotators))
    flags, bio, spans = prepare(records, annotators)

    def cohen():
        return {(a, b, l): cohen_kappa_score(flags[(a, l)], flags[(b, l)]) for a, b in pairs for l in LABELS}

    def fleiss():
        out = {}
        for l in LABELS:
            yes = sum(flags[(w, l)] for w in annotators)
            out[l] = fleiss_kappa(numpy.stack([yes, len(annotators) - yes], axis=1))
        return out

    def alpha():
        return {l: krippendorff.alpha(reliability_data=numpy.stack([flags[(w, l)] for w in annotators]),
                                      level_of_measurement="nominal") for l in LABELS}

    def exact():
        """seqeval's entities per document: per-document F1 and pooled counts."""
        pooled, per_doc = {}, []
        for doc in bio:
            figures = {}
            for a, b in pairs:
                for l in LABELS:
                    ea, eb = set(get_entities(doc[(a, l)])), set(get_entities(doc[(b, l)]))
                    counts = (len(ea & eb), len(ea), len(eb))
                    figures[(a, b, l)] = f1(*counts)
                    old = pooled.get((a, b, l), (0, 0, 0))
                    pooled[(a, b, l)] = tuple(x + y for x, y in zip(old, counts))
            per_doc.append(figures)
        return {k: f1(*v) for k, v in pooled.items()}, per_doc

    def overlap():
        """A maximum one-to-one matching of overlapping spans per document (scipy)."""
        pooled, per_doc = {}, []
        for doc in spans:
            figures = {}
            for a, b in pairs:
                for l in LABELS:
                    la, lb = doc[(a, l)], doc[(b, l)]
                    tp = 0
                    if la and lb:
                        m = numpy.array([[any(s < f and t < e for s, e in x for t, f in y) for y in lb] for x in la],
                                        dtype=float)
                        rows, cols = linear_sum_assignment(-m)
                        tp = int(m[rows, cols].sum())
                    counts = (tp, len(la), len(lb))
                    figures[(a, b, l)] = f1(*counts)
                    old = pooled.get((a, b, l), (0, 0, 0))
                    pooled[(a, b, l)] = tuple(x + y for x, y in zip(old, counts))
            per_doc.append(figures)
        return {k: f1(*v) for k, v in pooled.items()}, per_doc

    def links():
        return {(a, b): link_agreement(records, a, b) for a, b in pairs}

    figures = {"tokens and tags": prep, "Cohen's kappa (scikit-learn)": timed(cohen),
               "Fleiss' kappa (statsmodels)": timed(fleiss),
               "nominal alpha (krippendorff)": timed(alpha),
               "F1 exact per label and document (seqeval entities)": timed(exact),
               "F1 overlap per label and document (scipy matching)": timed(overlap),
               "attribution links": timed(links)}
    for name, (first, warm) in figures.items():
        print(f"python {name}   first {first:.1f} ms, warm median {warm:.1f} ms")
    print(f"python first total ms {sum(f for f, _ in figures.values()):.1f}")
    print(f"python total ms {sum(w for _, w in figures.values()):.1f}")


if __name__ == "__main__":
    main()

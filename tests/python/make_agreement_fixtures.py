#!/usr/bin/env python3
"""Writes the agreement fixtures in tests/fixtures/agreement/ with their expected values,
computed by the reference implementations, not by spanbench:

- Cohen's kappa per label over tokens: scikit-learn's cohen_kappa_score;
- F1 exact per label: seqeval (entities from per-label BIO tags over tokens; every span in the
  fixtures is token-aligned and spans of one label and annotator do not overlap, so seqeval's
  entities are exactly the spans), pooled by hand for micro;
- F1 overlap: a maximum one-to-one matching by scipy's linear_sum_assignment;
- Fleiss' kappa: statsmodels;
- Krippendorff's nominal alpha with missing data: the `krippendorff` package;
- link agreement: counted here from its definition in SPEC/the agree report;
- gamma (Mathet et al. 2015) for anna/ben per document: pygamma-agreement's best-alignment
  disorder and gamma (written, not re-checked by CI: pygamma needs a MILP solver).

The unitizing alpha has no Python reference implementation; it is checked against
Krippendorff's (2004, p. 254) published worked example in `krippendorff_2004.json`, whose
values come from the book (as reproduced by DKPro Statistics' test suite), not from a program.

Usage: python tests/python/make_agreement_fixtures.py           (rewrites the fixtures)
       python tests/python/make_agreement_fixtures.py --check   (CI: recomputes, compares)
Needs: scikit-learn, seqeval, scipy, statsmodels, krippendorff, numpy.
"""

import json
import math
import pathlib
import re
import sys
import tempfile

import krippendorff
import numpy
from scipy.optimize import linear_sum_assignment
from seqeval.metrics.sequence_labeling import get_entities
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

OUT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "agreement"
LABELS = ["quote", "claim", "rebuttal", "speaker"]
TOKEN = re.compile(r"\w+|[^\w\s]")

# Documents: text, and per annotator a list of (label, [needle, ...] or [(needle, nth), ...]).
# A list of several needles is one discontinuous annotation. `links` are (from index, to index)
# attribution links between that annotator's annotations. An annotator missing from `layers`
# skipped the document.
DOCS = [
    {
        "id": "verschachtelt",
        "title": "Nested: a claim inside a quote",
        "text": "„Die Preise steigen nicht weiter“, sagte Finanzministerin Ada Roth am Freitag. "
        "Ökonomen halten das für falsch.\n",
        "layers": {
            "anna": [("quote", ["„Die Preise steigen nicht weiter“"]),
                     ("claim", ["Die Preise steigen nicht weiter"]),
                     ("speaker", ["Finanzministerin Ada Roth"]),
                     ("rebuttal", ["Ökonomen halten das für falsch"])],
            "ben": [("quote", ["„Die Preise steigen nicht weiter“"]),
                    ("speaker", ["Ada Roth"])],
            "cem": [("quote", ["„Die Preise steigen nicht weiter“"]),
                    ("claim", ["Die Preise steigen nicht weiter"]),
                    ("speaker", ["Finanzministerin Ada Roth"])],
        },
        "links": {"anna": [(0, 2)], "ben": [(0, 1)], "cem": [(0, 2)]},
    },
    {
        "id": "emoji",
        "title": "Emoji and a combining accent before the spans",
        "text": "🧑‍🚒 Feuerwehr: „Alles unter Kontrolle 👍“, erklärte Sprecher José Núñez. "
        "Anwohner sagen, der Rauch sei giftig.\n",
        "layers": {
            "anna": [("quote", ["„Alles unter Kontrolle 👍“"]),
                     ("speaker", ["Sprecher José Núñez"]),
                     ("claim", ["der Rauch sei giftig"])],
            "ben": [("quote", ["„Alles unter Kontrolle 👍“"]),
                    ("speaker", ["José Núñez"]),
                    ("claim", ["der Rauch sei giftig"])],
            "cem": [("quote", ["Alles unter Kontrolle"]),
                    ("speaker", ["Sprecher José Núñez"])],
        },
        # Cem marked the quote but did not say who said it.
        "links": {"anna": [(0, 1)], "ben": [(0, 1)], "cem": []},
    },
    {
        "id": "zerteilt",
        "title": "A discontinuous quote",
        "text": "„Wir halten“, sagte der Trainer, „an der Aufstellung fest.“ Die Fans "
        "widersprachen lautstark.\n",
        "layers": {
            "anna": [("quote", ["„Wir halten“", "„an der Aufstellung fest.“"]),
                     ("speaker", ["der Trainer"])],
            "ben": [("quote", ["„Wir halten“"]),
                    ("quote", ["„an der Aufstellung fest.“"]),
                    ("speaker", ["der Trainer"])],
            "cem": [("quote", ["„Wir halten“", "„an der Aufstellung fest.“"]),
                    ("speaker", ["Trainer"])],
        },
        "links": {"anna": [(0, 1)], "ben": [(0, 2), (1, 2)], "cem": [(0, 1)]},
    },
    {
        "id": "ausgelassen",
        "title": "Cem skipped this one",
        "text": "Senator Kim Park said the bill \"will pass this week\". Critics doubt it.\n",
        "layers": {
            "anna": [("quote", ["\"will pass this week\""]),
                     ("speaker", ["Senator Kim Park"])],
            "ben": [("quote", ["\"will pass this week\""]),
                    ("speaker", ["Senator Kim Park"]),
                    ("claim", ["Critics doubt it"])],
        },
        "links": {"anna": [(0, 1)], "ben": [(0, 1)]},
    },
]


def codepoint_span(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


def tokens(text):
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def build():
    records = []
    for d in DOCS:
        anns, rels = [], []
        for who, items in d["layers"].items():
            ids = []
            for k, (label, needles) in enumerate(items):
                frags = [codepoint_span(d["text"], n) for n in needles]
                text = " ".join(d["text"][s:e] for s, e in frags)
                ann_id = f"{who[0]}{k + 1}"
                ids.append(ann_id)
                anns.append({"id": ann_id, "annotator": who, "label": label,
                             "fragments": frags, "text": text})
            for n, (f, t) in enumerate(d["links"].get(who, [])):
                rels.append({"id": f"r{n + 1}", "annotator": who, "type": "attribution",
                             "from": ids[f], "to": ids[t]})
        records.append({"id": d["id"], "title": d["title"], "text": d["text"],
                        "annotations": anns, "relations": rels,
                        "status": {w: "done" for w in d["layers"]}})
    return records


def layer(rec, who, label=None):
    return [a for a in rec["annotations"]
            if a["annotator"] == who and (label is None or a["label"] == label)]


def flags(rec, who, label):
    toks = tokens(rec["text"])
    out = []
    for s, e in toks:
        out.append(int(any(fs < e and s < fe
                           for a in layer(rec, who, label) for fs, fe in a["fragments"])))
    return out


def bio(rec, who, label):
    """Per-label BIO tags over tokens; each fragment is one entity (token-aligned)."""
    toks = tokens(rec["text"])
    tags = ["O"] * len(toks)
    for a in layer(rec, who, label):
        for fs, fe in a["fragments"]:
            inside = [i for i, (s, e) in enumerate(toks) if s >= fs and e <= fe]
            assert inside, (rec["id"], a)
            assert toks[inside[0]][0] == fs and toks[inside[-1]][1] == fe, (rec["id"], a)
            tags[inside[0]] = "B-" + label
            for i in inside[1:]:
                tags[i] = "I-" + label
    return tags


def f1(tp, na, nb):
    return None if na + nb == 0 else 2 * tp / (na + nb)


def exact_counts(docs, a, b, label):
    """(tp, |a|, |b|) for F1 exact. Discontinuous annotations are compared whole: the
    fixtures' BIO check (seqeval) covers the continuous ones, and a discontinuous one
    matches only an identical discontinuous one."""
    tp = na = nb = 0
    for rec in docs:
        la, lb = layer(rec, a, label), layer(rec, b, label)
        na, nb = na + len(la), nb + len(lb)
        rest = [x["fragments"] for x in lb]
        for x in la:
            if x["fragments"] in rest:
                rest.remove(x["fragments"])
                tp += 1
        # seqeval agrees wherever every annotation is one fragment.
        if all(len(x["fragments"]) == 1 for x in la + lb):
            ea = set(get_entities(bio(rec, a, label)))
            eb = set(get_entities(bio(rec, b, label)))
            assert len(ea) == len(la) and len(eb) == len(lb), "no overlapping spans per label"
    return tp, na, nb


def seqeval_exact(docs, a, b, label):
    """F1 exact on continuous spans, counted by seqeval's entity extraction."""
    tp = na = nb = 0
    for rec in docs:
        ea = set(get_entities(bio(rec, a, label)))
        eb = set(get_entities(bio(rec, b, label)))
        tp, na, nb = tp + len(ea & eb), na + len(ea), nb + len(eb)
    return tp, na, nb


def overlap_counts(docs, a, b, label):
    tp = na = nb = 0
    for rec in docs:
        la, lb = layer(rec, a, label), layer(rec, b, label)
        na, nb = na + len(la), nb + len(lb)
        if la and lb:
            m = numpy.zeros((len(la), len(lb)))
            for i, x in enumerate(la):
                for j, y in enumerate(lb):
                    m[i, j] = any(s < f and t < e for s, e in x["fragments"]
                                  for t, f in y["fragments"])
            rows, cols = linear_sum_assignment(-m)
            tp += int(m[rows, cols].sum())
    return tp, na, nb


def kappa(docs, a, b, label):
    xa = [f for rec in docs for f in flags(rec, a, label)]
    xb = [f for rec in docs for f in flags(rec, b, label)]
    if len(set(xa) | set(xb)) < 2:
        return None
    value = cohen_kappa_score(xa, xb)
    return None if math.isnan(value) else float(value)


def link_agreement(docs, a, b):
    """Among overlap-matched pairs (same label, maximum matching) where either side has an
    attribution link: the share whose targets map onto each other."""
    agree = compared = 0
    for rec in docs:
        la, lb = layer(rec, a), layer(rec, b)
        # Matching per label, as the F1 overlap matching.
        match = {}
        for label in LABELS:
            xa = [i for i, x in enumerate(la) if x["label"] == label]
            xb = [j for j, y in enumerate(lb) if y["label"] == label]
            if not xa or not xb:
                continue
            m = numpy.zeros((len(xa), len(xb)))
            for i, ia in enumerate(xa):
                for j, jb in enumerate(xb):
                    m[i, j] = any(s < f and t < e for s, e in la[ia]["fragments"]
                                  for t, f in lb[jb]["fragments"])
            rows, cols = linear_sum_assignment(-m)
            for r, c in zip(rows, cols):
                if m[r, c]:
                    match[xa[r]] = xb[c]

        def targets(lst, who, ann):
            return {next(k for k, y in enumerate(lst) if y["id"] == r["to"])
                    for r in rec["relations"]
                    if r["annotator"] == who and r["from"] == ann["id"]}

        for i, j in match.items():
            ta, tb = targets(la, a, la[i]), targets(lb, b, lb[j])
            if not ta and not tb:
                continue
            compared += 1
            mapped = {match.get(t) for t in ta}
            if None not in mapped and mapped == tb:
                agree += 1
    return None if compared == 0 else agree / compared


def expected(records, annotators):
    docs = [r for r in records if all(layer(r, w) for w in annotators)]
    pairs = []
    for i, a in enumerate(annotators):
        for b in annotators[i + 1:]:
            exact = {l: exact_counts(docs, a, b, l) for l in LABELS}
            continuous = all(len(x["fragments"]) == 1 for r in docs for x in r["annotations"])
            if continuous:
                # Where every span is one fragment, seqeval's entities give the same counts.
                for l in LABELS:
                    assert seqeval_exact(docs, a, b, l) == exact[l], (a, b, l)
            over = {l: overlap_counts(docs, a, b, l) for l in LABELS}
            pooled = lambda c: f1(*[sum(v[k] for v in c.values()) for k in range(3)])  # noqa: E731
            pairs.append({
                "a": a, "b": b,
                "f1_exact": {"micro": pooled(exact),
                             "per_label": {l: f1(*exact[l]) for l in LABELS}},
                "f1_overlap": {"micro": pooled(over),
                               "per_label": {l: f1(*over[l]) for l in LABELS}},
                "kappa": {l: kappa(docs, a, b, l) for l in LABELS},
                "relations": {"attribution": link_agreement(docs, a, b)},
            })
    out = {"annotators": annotators, "documents": len(docs), "pairs": pairs,
           "f1_exact_by": "seqeval" if all(
               len(x["fragments"]) == 1 for r in docs for x in r["annotations"])
           else "whole-annotation count (discontinuous spans present)"}
    if len(annotators) > 2:
        fleiss = {}
        for l in LABELS:
            table = []
            for rec in docs:
                per = [flags(rec, w, l) for w in annotators]
                for t in range(len(per[0])):
                    yes = sum(p[t] for p in per)
                    table.append([yes, len(annotators) - yes])
            value = fleiss_kappa(numpy.array(table))
            fleiss[l] = None if math.isnan(value) else float(value)
        out["fleiss_kappa"] = fleiss
    # Nominal alpha: every document at least two of them annotated, the others missing.
    several = [r for r in records if sum(bool(layer(r, w)) for w in annotators) >= 2]
    alpha = {}
    for l in LABELS:
        rows = []
        for w in annotators:
            row = []
            for rec in several:
                n = len(tokens(rec["text"]))
                row.extend(flags(rec, w, l) if layer(rec, w) else [numpy.nan] * n)
            rows.append(row)
        data = numpy.array(rows, dtype=float)
        values = set(data[~numpy.isnan(data)].tolist())
        alpha[l] = None if len(values) < 2 else float(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    out["alpha_nominal"] = {"documents": len(several), "per_label": alpha}
    return out


def gamma_reference(records, a, b):
    """pygamma-agreement per document for the pair: the best alignment's disorder (exact) and
    gamma (its expected disorder is sampled, numpy seeded)."""
    import pygamma_agreement as pa
    from pyannote.core import Segment

    out = {}
    dissimilarity = pa.CombinedCategoricalDissimilarity(alpha=1, beta=1, delta_empty=1)
    for rec in records:
        continuum = pa.Continuum()
        for who in (a, b):
            continuum.add_annotator(who)
            for x in layer(rec, who):
                for s, e in x["fragments"]:
                    continuum.add(who, Segment(s, e), x["label"])
        if not any(layer(rec, w) for w in (a, b)):
            continue
        observed = continuum.get_best_alignment(dissimilarity).disorder
        numpy.random.seed(1)
        g = continuum.compute_gamma(dissimilarity, precision_level=0.02)
        out[rec["id"]] = {"observed": float(observed), "gamma": float(g.gamma)}
    return out


def close(a, b, path="expected"):
    """True when two JSON values are equal, numbers to 1e-9."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) < 1e-9 or a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k], f"{path}.{k}") for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, path) for x, y in zip(a, b))
    return a == b


def main():
    check = "--check" in sys.argv
    if check:
        # Recompute into a temporary folder and compare with what is committed.
        global OUT
        committed = OUT
        OUT = pathlib.Path(tempfile.mkdtemp())
    OUT.mkdir(parents=True, exist_ok=True)
    records = build()
    continuous = [r for r in records if r["id"] != "zerteilt"]
    for name, recs in [("cases.jsonl", records), ("continuous.jsonl", continuous)]:
        with open(OUT / name, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    runs = []
    for name, recs, who in [
        ("cases.jsonl", records, ["anna", "ben", "cem"]),
        ("cases.jsonl", records, ["anna", "ben"]),
        ("continuous.jsonl", continuous, ["anna", "ben", "cem"]),
    ]:
        run = expected(recs, who)
        run["file"] = name
        runs.append(run)
    result = {"generated_by": "tests/python/make_agreement_fixtures.py", "runs": runs}
    if not check:
        # pygamma-agreement needs a MILP solver; only the writer runs it (CI does not).
        result["gamma_anna_ben"] = gamma_reference(records, "anna", "ben")
    with open(OUT / "expected.json", "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
        f.write("\n")
    if check:
        for name in ["cases.jsonl", "continuous.jsonl"]:
            if (OUT / name).read_text(encoding="utf-8") != (committed / name).read_text(
                    encoding="utf-8"):
                sys.exit(f"{name} differs from what the script writes: rerun it")
        new = json.loads((OUT / "expected.json").read_text(encoding="utf-8"))
        old = json.loads((committed / "expected.json").read_text(encoding="utf-8"))
        old.pop("gamma_anna_ben", None)
        if not close(new, old):
            sys.exit("expected.json differs from what the reference libraries compute now")
        print("agreement fixtures: the committed values are what the reference libraries compute")
        return
    print(f"wrote the fixtures and expected.json in {OUT}")


if __name__ == "__main__":
    main()

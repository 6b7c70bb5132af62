#!/usr/bin/env python3
"""Proves spanbench's exports load where users load them, and that every span survives.

Usage: check_exports.py SPANBENCH_BINARY DEMO_JSONL

For the demo and for generated documents (emoji, combining marks, CRLF, nested and
discontinuous spans, two annotators) it imports into a fresh project, exports every format, and
checks each file against the project's own JSONL: with Hugging Face `datasets` (jsonl), with
`seqeval` (CoNLL chunks), and by slicing the text at every offset (brat, doccano, Label Studio,
CSV). Any difference fails with a message; a missing library fails too.
"""
import csv
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402  (fails loudly when missing)
import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402
from seqeval.metrics.sequence_labeling import get_entities  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402
import krippendorff  # noqa: E402
import numpy  # noqa: E402
from statsmodels.stats.inter_rater import fleiss_kappa  # noqa: E402

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)


def run(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"spanbench {' '.join(args)} failed:\n{result.stderr}")
    return result


def generated_jsonl():
    """Documents where offsets go wrong in other tools."""
    docs = []
    texts = [
        "„Wir schaffen das 👍🏽“, sagte Rene\u0301 Albers.\r\nDas Amt widersprach: 40.000 Fälle 😀.\r\n",
        "👩\u200d💻 @opennet: We read all 212 pages – look it up 📄👀\n\n\"This deal,\" she said, \"was never read.\"",
        "漢字 und Umlaute: „Äußerst fraglich“, meinte Jürgen. Er irrt.\n",
    ]
    for n, text in enumerate(texts):
        def frag(needle, nth=0):
            start = -1
            for _ in range(nth + 1):
                start = text.index(needle, start + 1)
            return [start, start + len(needle)]

        anns, rels = [], []
        if n == 0:
            spec = {
                "anna": [("a1", "quote", [frag("„Wir schaffen das 👍🏽“")]), ("a2", "speaker", [frag("Rene\u0301 Albers")]),
                          ("a3", "claim", [frag("Wir schaffen das")]), ("a4", "rebuttal", [frag("40.000 Fälle")])],
                "ben": [("a1", "quote", [frag("Wir schaffen das 👍🏽")]), ("a2", "speaker", [frag("Albers")])],
            }
            links = {"anna": [("r1", "attribution", "a1", "a2"), ("r2", "rebuts", "a4", "a3")], "ben": [("r1", "attribution", "a1", "a2")]}
        elif n == 1:
            spec = {
                "anna": [("a1", "speaker", [frag("@opennet")]), ("a2", "quote", [frag("We read all 212 pages – look it up 📄👀")]),
                          ("a3", "quote", [frag("\"This deal,\""), frag("\"was never read.\"")]), ("a4", "speaker", [frag("she")])],
                "ben": [("a1", "quote", [frag("\"This deal,\""), frag("\"was never read.\"")])],
            }
            links = {"anna": [("r1", "attribution", "a2", "a1"), ("r2", "attribution", "a3", "a4")], "ben": []}
        else:
            spec = {"anna": [("a1", "quote", [frag("„Äußerst fraglich“")]), ("a2", "speaker", [frag("Jürgen")])], "ben": []}
            links = {"anna": [("r1", "attribution", "a1", "a2")], "ben": []}
        for annotator, items in spec.items():
            for ann_id, label, frags in items:
                anns.append({"id": ann_id, "annotator": annotator, "label": label, "fragments": frags,
                             "text": " ".join(text[s:e] for s, e in frags)})
            for rel_id, kind, src, dst in links[annotator]:
                rels.append({"id": rel_id, "annotator": annotator, "type": kind, "from": src, "to": dst})
        docs.append({"id": f"gen-{n}", "title": f"Generated {n}", "text": text, "annotations": anns, "relations": rels,
                     "status": {"anna": "done"}})
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def expected_fragments(truth):
    """{(doc_id, annotator): sorted [(label, start, end)] per fragment}."""
    out = {}
    for rec in truth:
        for a in rec["annotations"]:
            for s, e in a["fragments"]:
                out.setdefault((rec["id"], a["annotator"]), []).append((a["label"], s, e))
    return {k: sorted(v) for k, v in out.items()}


def check_jsonl(path, truth):
    ds = datasets.load_dataset("json", data_files=str(path), split="train")
    check(len(ds) == len(truth), f"datasets read {len(ds)} rows, expected {len(truth)}")
    for row, rec in zip(ds, truth):
        check(row["text"] == rec["text"], f"jsonl/datasets: text of {rec['id']} differs")
        for a in row["annotations"]:
            joined = " ".join(row["text"][s:e] for s, e in a["fragments"])
            check(joined == a["text"], f"jsonl/datasets: {rec['id']} {a['id']}: {joined!r} != {a['text']!r}")


def check_brat(folder, truth, layers):
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    check("[entities]" in conf and "[relations]" in conf, "brat: annotation.conf lacks sections")
    expected = expected_fragments(truth)
    for rec in truth:
        for layer in layers:
            base = folder / layer if len(layers) > 1 else folder
            stem = re.sub(r"[^\w.\-]", "_", rec["id"]).lstrip(".") or "document"
            txt = (base / f"{stem}.txt").read_bytes().decode("utf-8")
            check(txt == rec["text"], f"brat: {stem}.txt is not the text exactly")
            got = []
            for line in (base / f"{stem}.ann").read_text(encoding="utf-8").splitlines():
                if not line.startswith("T"):
                    continue
                tid, middle, covered = line.split("\t")
                label, spans = middle.split(" ", 1)
                pieces = [tuple(map(int, p.split())) for p in spans.split(";")]
                check(" ".join(txt[s:e] for s, e in pieces) == covered, f"brat: {stem} {tid} text mismatch")
                got.extend((label, s, e) for s, e in pieces)
            check(sorted(got) == expected.get((rec["id"], layer), []), f"brat: {stem} ({layer}) spans differ")


def check_conll(path, truth, layers, labels):
    blocks = path.read_text(encoding="utf-8").split("-DOCSTART-")[1:]
    pairs = [(rec, layer) for rec in truth for layer in layers]
    check(len(blocks) == len(pairs), f"conll: {len(blocks)} blocks, expected {len(pairs)}")
    for block, (rec, layer) in zip(blocks, pairs):
        rows = [l.split(" ") for l in block.splitlines()[1:] if l.strip()]
        text, pos, starts = rec["text"], 0, []
        for row in rows:
            pos = text.index(row[0], pos)
            starts.append((pos, pos + len(row[0])))
            pos += len(row[0])
        for col, label in enumerate(labels):
            tags = [row[col + 1] for row in rows]
            chunks = sorted((starts[s][0], starts[e][1]) for _, s, e in get_entities(tags))
            frags = sorted((s, -e) for a in rec["annotations"]
                           if a["annotator"] == layer and a["label"] == label
                           for s, e in a["fragments"])
            # A fragment inside (or across) an earlier one of the same label is left out, as
            # the data card says: one column holds one chunk per token.
            want, taken = [], set()
            for s, neg_e in frags:
                e = -neg_e
                hit = [i for i, (ts, te) in enumerate(starts) if ts < e and s < te]
                if taken.intersection(hit):
                    continue
                taken.update(hit)
                want.append((starts[hit[0]][0], starts[hit[-1]][1]))
            # Adjacent fragments of one label on neighbouring tokens still come back as separate chunks.
            check(chunks == sorted(want), f"conll/seqeval: {rec['id']} ({layer}) {label}: {chunks} != {sorted(want)}")


def check_doccano(path, truth):
    expected = expected_fragments(truth)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        meta = row["meta"]
        got = sorted((e["label"], e["start_offset"], e["end_offset"]) for e in row["entities"])
        check(meta["offsets"] == "codepoint", "doccano: offsets unit not stated")
        check(got == expected.get((meta["spanbench_id"], meta["annotator"]), []), f"doccano: {meta['spanbench_id']} ({meta['annotator']}) differs")
        ids = {e["id"] for e in row["entities"]}
        check(all(r["from_id"] in ids and r["to_id"] in ids for r in row["relations"]), "doccano: relation to a missing entity")


def check_label_studio(path, truth):
    tasks = json.loads(path.read_text(encoding="utf-8"))
    expected = expected_fragments(truth)
    for task in tasks:
        data = task["data"]
        check(data["offsets"] == "codepoint", "label-studio: offsets should be code points by default (Label Studio indexes [...text])")
        for ann in task["annotations"]:
            layer = ann["meta"]["annotator"]
            got = []
            for r in ann["result"]:
                if r["type"] != "labels":
                    continue
                v = r["value"]
                # Code points, as Label Studio's editor counts ([...text]).
                check(data["text"][v["start"]:v["end"]] == v["text"], f"label-studio: {data['spanbench_id']} code point slice mismatch")
                got.append((v["labels"][0], v["start"], v["end"]))
            check(sorted(got) == expected.get((data["spanbench_id"], layer), []), f"label-studio: {data['spanbench_id']} ({layer}) differs")


def check_spacy(path, truth):
    nlp = spacy.blank("xx")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    texts = {r["id"]: r["text"] for r in truth}
    expected = expected_fragments(truth)
    layers = {a["annotator"] for r in truth for a in r["annotations"]}
    check(len(docs) == len(truth) * len(layers), f"spacy: {len(docs)} docs, expected {len(truth) * len(layers)}")
    for doc in docs:
        doc_id, layer = doc.user_data["spanbench_id"], doc.user_data["annotator"]
        check(doc.text == texts[doc_id], f"spacy: text of {doc_id} differs")
        got = sorted((s.label_, s.start_char, s.end_char) for s in doc.spans["sc"])
        check(got == expected.get((doc_id, layer), []), f"spacy: {doc_id} ({layer}) spans differ: {got}")
        for s in doc.spans["sc"]:
            check(s.text == texts[doc_id][s.start_char:s.end_char], f"spacy: span text of {doc_id} differs")
        ents = sorted((e.label_, e.start_char, e.end_char) for e in doc.ents)
        spans = sorted((s.label_, s.start_char, s.end_char) for s in doc.spans["sc"])
        by_position = sorted((start, end) for _, start, end in spans)
        nested = any(b[0] < a[1] for a, b in zip(by_position, by_position[1:]))
        check(ents == ([] if nested else spans), f"spacy: doc.ents of {doc_id} ({layer}) differ from the spans")


def check_csv(path, truth):
    texts = {r["id"]: r["text"] for r in truth}
    n = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n += 1
            frags = json.loads(row["fragments"])
            text = texts[row["document"]]
            check(" ".join(text[s:e] for s, e in frags) == row["text"], f"csv: {row['document']} {row['id']} mismatch")
    check(n == sum(len(r["annotations"]) for r in truth), "csv: wrong number of rows")


def check_agreement(binary, project, conll_path, truth, layers, labels):
    """`spanbench agree --json` against scikit-learn's kappa and F1 counted here."""
    report = json.loads(run(binary, "agree", str(project), "--json").stdout)
    if len(layers) < 2:
        return
    a, b = layers[0], layers[1]
    pair = next(p for p in report["pairs"] if p["a"] == a and p["b"] == b)

    def annotated(rec, who):
        return any(x["annotator"] == who for x in rec["annotations"]) or rec["status"].get(who, "new") != "new"

    both = {rec["id"] for rec in truth if annotated(rec, a) and annotated(rec, b)}
    check(report["documents"] == len(both), f"agree: {report['documents']} documents, expected {len(both)}")
    # F1 exact: same label and identical fragments, as multisets.
    from collections import Counter
    for label in labels:
        ca, cb = Counter(), Counter()
        for rec in truth:
            if rec["id"] not in both:
                continue
            for x in rec["annotations"]:
                if x["label"] == label:
                    key = (rec["id"], json.dumps(x["fragments"]))
                    (ca if x["annotator"] == a else cb if x["annotator"] == b else Counter())[key] += 1
        tp = sum((ca & cb).values())
        total = sum(ca.values()) + sum(cb.values())
        want = None if total == 0 else 2 * tp / total
        got = pair["f1_exact"]["per_label"][label]
        check(want == got or (want is not None and got is not None and abs(want - got) < 1e-9), f"agree: f1_exact {label}: {got} != {want}")
    # Kappa over the CoNLL tokens: a token is in a label when its tag is not O.
    blocks = conll_path.read_text(encoding="utf-8").split("-DOCSTART-")[1:]
    pairs = [(rec, layer) for rec in truth for layer in layers]
    flags = {}
    for block, (rec, layer) in zip(blocks, pairs):
        if rec["id"] not in both:
            continue
        rows = [l.split(" ") for l in block.splitlines()[1:] if l.strip()]
        for col, label in enumerate(labels):
            flags.setdefault((layer, label), []).extend(row[col + 1] != "O" for row in rows)
    for label in labels:
        x, y = flags[(a, label)], flags[(b, label)]
        want = cohen_kappa_score(x, y) if (any(x) or any(y)) and not (all(x) and all(y)) else None
        got = pair["kappa"][label]
        check((want is None and got is None) or abs(want - got) < 1e-9, f"agree: kappa {label}: {got} != sklearn {want}")
        if want is None:
            continue
        # Fleiss' kappa and Krippendorff's nominal alpha over the same tokens.
        table = numpy.array([[int(p) + int(q), 2 - int(p) - int(q)] for p, q in zip(x, y)])
        fk = fleiss_kappa(table)
        got = report["fleiss_kappa"][label]
        check(abs(fk - got) < 1e-9, f"agree: fleiss_kappa {label}: {got} != statsmodels {fk}")
        ka = krippendorff.alpha(reliability_data=numpy.array([x, y], dtype=float), level_of_measurement="nominal")
        got = report["alpha_nominal"]["per_label"][label]
        check(abs(ka - got) < 1e-9, f"agree: alpha_nominal {label}: {got} != krippendorff {ka}")


def main():
    binary, demo = sys.argv[1], sys.argv[2]
    work = pathlib.Path(tempfile.mkdtemp(prefix="spanbench-check-"))
    sources = {"demo": pathlib.Path(demo).read_text(encoding="utf-8"), "generated": generated_jsonl()}
    for name, content in sources.items():
        src = work / f"{name}.jsonl"
        src.write_text(content, encoding="utf-8", newline="")
        project = work / f"project-{name}"
        run(binary, "new", str(project))
        run(binary, "import", str(project), str(src))
        out = work / f"out-{name}"
        out.mkdir()
        formats = {"jsonl": "truth.jsonl", "brat": "brat", "conll": "data.conll", "doccano": "doccano.jsonl",
                   "label-studio": "tasks.json", "csv": "rows.csv", "spacy": "docs.spacy"}
        for fmt, target in formats.items():
            run(binary, "export", str(project), "--format", fmt, "--out", str(out / target))
        truth = [json.loads(l) for l in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
        card = (out / "truth.jsonl.README.md").read_text(encoding="utf-8")
        layers = re.search(r"^- layers: (.*)$", card, re.M).group(1).split(", ")
        labels = ["quote", "claim", "rebuttal", "speaker"]
        check_jsonl(out / "truth.jsonl", truth)
        check_brat(out / "brat", truth, layers)
        check_conll(out / "data.conll", truth, layers, labels)
        check_doccano(out / "doccano.jsonl", truth)
        check_label_studio(out / "tasks.json", truth)
        check_csv(out / "rows.csv", truth)
        check_spacy(out / "docs.spacy", truth)
        check_agreement(binary, project, out / "data.conll", truth, layers, labels)
        print(f"{name}: {len(truth)} documents, {sum(len(r['annotations']) for r in truth)} annotations checked in 7 formats")
    if FAILURES:
        print("\n".join(FAILURES))
        print(f"0 passed, {len(FAILURES)} failed")
        sys.exit(1)
    print("export and agreement checks: 16 passed, 0 failed")


if __name__ == "__main__":
    main()

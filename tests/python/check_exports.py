#!/usr/bin/env python3
"""Proves spanbench's exports load where users load them, and that every span survives.

Usage: check_exports.py SPANBENCH_BINARY DEMO_JSONL

For the demo and for generated documents (emoji, combining marks, CRLF, nested and
discontinuous spans, two annotators) it imports into a fresh project, exports every format, and
checks each file against the SOURCE it imported (never against spanbench's own export): the
same (document, annotator) pairs, labels and offsets, read with Hugging Face `datasets`
(jsonl), `seqeval` (CoNLL chunks), spaCy (DocBin) and by slicing the text at every offset
(brat, doccano, Label Studio, CSV). Label Studio's own SDK validates the Label Studio export and converts it to CoNLL
(check_label_studio_sdk.py). Then it proves the checks can fail: each format's check
must report failures on its export made empty, truncated, relabelled and shifted by one after
an emoji. Any difference fails with a message; a missing library fails too. The closing line
counts the checks actually made.
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
from check_label_studio_sdk import check_with_sdk  # noqa: E402

FAILURES = []
CHECKS = [0]


def check(condition, message):
    CHECKS[0] += 1
    if not condition:
        FAILURES.append(message)


def compare_pairs(fmt, got, expected):
    """The same (document, annotator) pairs with spans, and the same spans for each."""
    got = {k: sorted(v) for k, v in got.items() if v}
    check(set(got) == set(expected), f"{fmt}: (document, annotator) pairs {sorted(set(got) ^ set(expected))} differ")
    for key, spans in expected.items():
        check(got.get(key) == spans, f"{fmt}: {key} spans differ: {got.get(key)} != {spans}")


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
    texts = {r["id"]: r["text"] for r in truth}
    got = {}
    for row in ds:
        check(row["text"] == texts.get(row["id"]), f"jsonl/datasets: text of {row['id']} differs from the source")
        for a in row["annotations"] or []:
            joined = " ".join(row["text"][s:e] for s, e in a["fragments"])
            check(joined == a["text"], f"jsonl/datasets: {row['id']} {a['id']}: {joined!r} != {a['text']!r}")
            got.setdefault((row["id"], a["annotator"]), []).extend((a["label"], s, e) for s, e in a["fragments"])
    compare_pairs("jsonl/datasets", got, expected_fragments(truth))


def check_brat(folder, truth, layers):
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    check("[entities]" in conf and "[relations]" in conf, "brat: annotation.conf lacks sections")
    got_all = {}
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
            got_all[(rec["id"], layer)] = got
    compare_pairs("brat", got_all, expected_fragments(truth))


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
    texts = {r["id"]: r["text"] for r in truth}
    got = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        meta = row["meta"]
        check(meta["offsets"] == "codepoint", "doccano: offsets unit not stated")
        check(row["text"] == texts.get(meta["spanbench_id"]), f"doccano: text of {meta['spanbench_id']} differs from the source")
        got.setdefault((meta["spanbench_id"], meta["annotator"]), []).extend(
            (e["label"], e["start_offset"], e["end_offset"]) for e in row["entities"])
        # doccano 1.8's import contract for sequence labelling with relations.
        check(set(row) >= {"text", "entities", "relations"}, f"doccano: keys {sorted(row)}")
        check(all(set(e) == {"id", "label", "start_offset", "end_offset"}
                  and all(isinstance(e[k], int) for k in ("id", "start_offset", "end_offset"))
                  and isinstance(e["label"], str) for e in row["entities"]), "doccano: an entity breaks the contract")
        check(all({"id", "from_id", "to_id", "type"} <= set(r) for r in row["relations"]), "doccano: a relation breaks the contract")
        ids = {e["id"] for e in row["entities"]}
        check(all(r["from_id"] in ids and r["to_id"] in ids for r in row["relations"]), "doccano: relation to a missing entity")
    compare_pairs("doccano", got, expected_fragments(truth))


def check_label_studio(path, truth):
    tasks = json.loads(path.read_text(encoding="utf-8"))
    texts = {r["id"]: r["text"] for r in truth}
    got_all = {}
    for task in tasks:
        data = task["data"]
        check(data["offsets"] == "codepoint", "label-studio: offsets should be code points by default (Label Studio indexes [...text])")
        check(data["text"] == texts.get(data["spanbench_id"]), f"label-studio: text of {data['spanbench_id']} differs from the source")
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
            got_all.setdefault((data["spanbench_id"], layer), []).extend(got)
    compare_pairs("label-studio", got_all, expected_fragments(truth))


def check_spacy(path, truth):
    nlp = spacy.blank("xx")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    texts = {r["id"]: r["text"] for r in truth}
    layers = {a["annotator"] for r in truth for a in r["annotations"]}
    got_all = {}
    check(len(docs) == len(truth) * len(layers), f"spacy: {len(docs)} docs, expected {len(truth) * len(layers)}")
    for doc in docs:
        doc_id, layer = doc.user_data["spanbench_id"], doc.user_data["annotator"]
        check(doc.text == texts[doc_id], f"spacy: text of {doc_id} differs")
        got_all[(doc_id, layer)] = [(s.label_, s.start_char, s.end_char) for s in doc.spans["sc"]]
        for s in doc.spans["sc"]:
            check(s.text == texts[doc_id][s.start_char:s.end_char], f"spacy: span text of {doc_id} differs")
        ents = sorted((e.label_, e.start_char, e.end_char) for e in doc.ents)
        spans = sorted((s.label_, s.start_char, s.end_char) for s in doc.spans["sc"])
        by_position = sorted((start, end) for _, start, end in spans)
        nested = any(b[0] < a[1] for a, b in zip(by_position, by_position[1:]))
        check(ents == ([] if nested else spans), f"spacy: doc.ents of {doc_id} ({layer}) differ from the spans")
    compare_pairs("spacy", got_all, expected_fragments(truth))


def check_csv(path, truth):
    texts = {r["id"]: r["text"] for r in truth}
    n, got = 0, {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n += 1
            frags = json.loads(row["fragments"])
            text = texts[row["document"]]
            check(" ".join(text[s:e] for s, e in frags) == row["text"], f"csv: {row['document']} {row['id']} mismatch")
            got.setdefault((row["document"], row["annotator"]), []).extend((row["label"], s, e) for s, e in frags)
    check(n == sum(len(r["annotations"]) for r in truth), "csv: wrong number of rows")
    compare_pairs("csv", got, expected_fragments(truth))


def check_agreement(binary, project, conll_path, truth, layers, labels):
    """`spanbench agree --json` against scikit-learn's kappa and F1 counted here."""
    report = json.loads(run(binary, "agree", str(project), "--json").stdout)
    references = {"F1 exact": {}, "kappa": {}}
    if len(layers) < 2:
        return references
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
        references["F1 exact"][label] = want
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
        references["kappa"][label] = want
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
    return references


def check_readme_figures(references, labels):
    """README's demo table shows, to three places, the kappa of scikit-learn and the F1 exact
    counted here (not spanbench's own output)."""
    readme = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for row, values in references.items():
        line = re.search(rf"^anna/ben {row} +(.*)$", readme, re.M)
        check(line is not None, f"README: no demo row 'anna/ben {row}'")
        if line is None:
            continue
        shown = line.group(1).split()[-len(labels):]
        want = [f"{values[label]:.3f}" for label in labels]
        check(shown == want, f"README: demo {row} shows {shown}, the reference computes {want}")


EMOJI = re.compile("[\U0001F300-\U0001FAFF]")


def after_emoji(text, start):
    return bool(EMOJI.search(text[:start]))


def mutate_records(records, kind):
    """The broken variants of a list of per-document records (rows, tasks)."""
    if kind == "empty":
        return []
    if kind == "truncated":
        return records[: len(records) // 2]
    return records


def mutate(fmt, kind, src, dst, texts):
    """Writes `src` (an export in `fmt`) broken as `kind` says to `dst`."""
    import copy
    import shutil
    if fmt == "brat":
        shutil.copytree(src, dst)
        anns = sorted(dst.rglob("*.ann"))
        for n, ann in enumerate(anns):
            text = ann.with_suffix(".txt").read_text(encoding="utf-8")
            lines = ann.read_text(encoding="utf-8").splitlines()
            if kind == "empty":
                lines = []
            elif kind == "truncated" and n % 2 == 0:
                lines = lines[: len(lines) // 2]
            out = []
            for line in lines:
                if line.startswith("T"):
                    tid, middle, covered = line.split("\t")
                    label, spans = middle.split(" ", 1)
                    if kind == "wrong label":
                        label = "quote"
                    pieces = [tuple(map(int, p.split())) for p in spans.split(";")]
                    if kind == "shifted" and after_emoji(text, pieces[0][0]):
                        pieces = [(a + 1, b + 1) for a, b in pieces]
                    line = f"{tid}\t{label} {';'.join(f'{a} {b}' for a, b in pieces)}\t{covered}"
                out.append(line)
            ann.write_text("".join(l + "\n" for l in out), encoding="utf-8")
        return
    if fmt == "spacy":
        from spacy.tokens import Span
        nlp = spacy.blank("xx")
        docs = list(DocBin().from_disk(src).get_docs(nlp.vocab))
        docs = mutate_records(docs, kind)
        for doc in docs:
            spans = list(doc.spans["sc"])
            if kind == "wrong label":
                spans = [Span(doc, x.start, x.end, label="quote") for x in spans]
            if kind == "shifted":
                spans = [Span(doc, x.start + 1, x.end + 1, label=x.label_) if after_emoji(doc.text, x.start_char) and x.end < len(doc) else x for x in spans]
            doc.spans["sc"] = spans
        bin_ = DocBin(store_user_data=True)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(dst)
        return
    if fmt == "conll":
        blocks = src.read_text(encoding="utf-8").split("-DOCSTART-")
        head, blocks = blocks[0], blocks[1:]
        blocks = mutate_records(blocks, kind)
        out = []
        for block in blocks:
            lines = block.split("\n")
            rows = [l.split(" ") for l in lines[1:] if l.strip()]
            if kind == "wrong label":
                rows = [[r[0], r[2], r[1], *r[3:]] for r in rows]
            if kind == "shifted" and any(EMOJI.search(r[0]) for r in rows):
                first = next(i for i, r in enumerate(rows) if EMOJI.search(r[0]))
                for col in range(1, len(rows[0])):
                    tags = [r[col] for r in rows]
                    tags = tags[:first] + ["O"] + tags[first:-1]
                    for r, t in zip(rows, tags):
                        r[col] = t
            out.append(lines[0] + "\n" + "".join(" ".join(r) + "\n" for r in rows) + "\n")
        dst.write_text(head + "".join("-DOCSTART-" + b for b in out), encoding="utf-8")
        return
    if fmt == "csv":
        with open(src, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        rows = mutate_records(rows, kind)
        for row in rows:
            frags = json.loads(row["fragments"])
            if kind == "wrong label":
                row["label"] = "quote"
            if kind == "shifted" and after_emoji(texts[row["document"]], frags[0][0]):
                row["fragments"] = json.dumps([[a + 1, b + 1] for a, b in frags])
        with open(dst, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
        return
    if fmt == "label-studio":
        tasks = mutate_records(json.loads(src.read_text(encoding="utf-8")), kind)
        for task in tasks:
            for ann in task["annotations"]:
                for r in ann["result"]:
                    if r["type"] != "labels":
                        continue
                    v = r["value"]
                    if kind == "wrong label":
                        v["labels"] = ["quote"]
                    if kind == "shifted" and after_emoji(task["data"]["text"], v["start"]):
                        v["start"], v["end"] = v["start"] + 1, v["end"] + 1
        dst.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
        return
    # jsonl and doccano: one JSON object per line.
    rows = [json.loads(l) for l in src.read_text(encoding="utf-8").splitlines()]
    rows = mutate_records(copy.deepcopy(rows), kind)
    for row in rows:
        for a in row.get("annotations", []):
            if kind == "wrong label":
                a["label"] = "quote"
            if kind == "shifted" and after_emoji(row["text"], a["fragments"][0][0]):
                a["fragments"] = [[x + 1, y + 1] for x, y in a["fragments"]]
        for e in row.get("entities", []):
            if kind == "wrong label":
                e["label"] = "quote"
            if kind == "shifted" and after_emoji(row["text"], e["start_offset"]):
                e["start_offset"], e["end_offset"] = e["start_offset"] + 1, e["end_offset"] + 1
    dst.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def prove_checks_fail(out, truth, layers, labels):
    """Each format's check must fail on each broken variant of its export."""
    texts = {r["id"]: r["text"] for r in truth}
    checkers = {
        "jsonl": ("truth.jsonl", lambda p: check_jsonl(p, truth)),
        "brat": ("brat", lambda p: check_brat(p, truth, layers)),
        "conll": ("data.conll", lambda p: check_conll(p, truth, layers, labels)),
        "doccano": ("doccano.jsonl", lambda p: check_doccano(p, truth)),
        "label-studio": ("tasks.json", lambda p: check_label_studio(p, truth)),
        "csv": ("rows.csv", lambda p: check_csv(p, truth)),
        "spacy": ("docs.spacy", lambda p: check_spacy(p, truth)),
    }
    broken = out.parent / "broken"
    broken.mkdir()
    proven, missed = 0, []
    for fmt, (name, checker) in checkers.items():
        for kind in ["empty", "truncated", "wrong label", "shifted"]:
            dst = broken / f"{kind.replace(' ', '-')}-{name}"
            mutate(fmt, kind, out / name, dst, texts)
            saved = list(FAILURES)
            try:
                checker(dst)
                caught = len(FAILURES) > len(saved)
            except Exception:  # a check that crashes on broken input has caught it too
                caught = True
            FAILURES[:] = saved
            if caught:
                proven += 1
            else:
                missed.append(f"{fmt} ({kind})")
    check(not missed, f"these checks pass on a broken export: {', '.join(missed)}")
    print(f"proof that the checks can fail: {proven} of {proven + len(missed)} broken exports caught")


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
        # The truth is what was imported, never what spanbench exported.
        truth = [json.loads(l) for l in content.splitlines() if l.strip()]
        card = (out / "truth.jsonl.README.md").read_text(encoding="utf-8")
        layers = re.search(r"^- layers: (.*)$", card, re.M).group(1).split(", ")
        check(sorted(layers) == sorted({a["annotator"] for r in truth for a in r["annotations"]}),
              f"{name}: the data card's layers {layers} are not the source's")
        labels = ["quote", "claim", "rebuttal", "speaker"]
        check_jsonl(out / "truth.jsonl", truth)
        check_brat(out / "brat", truth, layers)
        check_conll(out / "data.conll", truth, layers, labels)
        check_doccano(out / "doccano.jsonl", truth)
        check_label_studio(out / "tasks.json", truth)
        check_with_sdk(check, out / "tasks.json", out / "tasks.json.labeling-config.xml")
        check_csv(out / "rows.csv", truth)
        check_spacy(out / "docs.spacy", truth)
        references = check_agreement(binary, project, out / "data.conll", truth, layers, labels)
        if name == "demo":
            check_readme_figures(references, labels)
        if name == "generated":
            prove_checks_fail(out, truth, layers, labels)
        print(f"{name}: {len(truth)} documents, {sum(len(r['annotations']) for r in truth)} annotations checked in 7 formats")
    if FAILURES:
        print("\n".join(FAILURES))
        print(f"{CHECKS[0] - len(FAILURES)} checks passed, {len(FAILURES)} failed")
        sys.exit(1)
    print(f"export and agreement checks: {CHECKS[0]} passed, 0 failed")


if __name__ == "__main__":
    main()

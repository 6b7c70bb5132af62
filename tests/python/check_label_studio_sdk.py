"""Label Studio's own code on spanbench's Label Studio export (used by check_exports.py).

- `LabelInterface(config).validate()` accepts the exported labelling config;
- `LabelInterface.validate_prediction` finds no error in any exported annotation (every region
  and relation), and does find one in an export with a label the config lacks;
- Label Studio's converter turns the export into CoNLL 2003, and every span a flat BIO column
  can hold (not overlapping another span of its annotation, its ends on the converter's token
  boundaries) comes out as one chunk with its label; the rest are counted, not hidden.
"""
import copy
import json
import os
import tempfile

from label_studio_sdk.converter import Converter  # fails loudly when missing
from label_studio_sdk.label_interface import LabelInterface
from seqeval.metrics.sequence_labeling import get_entities


def sdk_errors(config, tasks):
    interface = LabelInterface(config)
    interface.validate()
    errors = []
    for task in tasks:
        for ann in task["annotations"]:
            errors.extend(interface.validate_prediction(ann, return_errors=True))
    return errors


def converter_spans(config, path, tasks):
    """(checked, kept, not representable, lost spans) of the converter's CoNLL 2003."""
    out = tempfile.mkdtemp(prefix="spanbench-ls-conll-")
    Converter(config=config, project_dir=None, download_resources=False).convert_to_conll2003(
        str(path), out, is_dir=False)
    body = open(os.path.join(out, "result.conll"), encoding="utf-8").read().split("\n", 1)[1]
    blocks = [b for b in body.split("\n\n") if b.strip()]
    items = [(t, a) for t in tasks for a in t["annotations"]]
    checked = kept = unrepresentable = 0
    lost = [] if len(blocks) == len(items) else [f"{len(blocks)} blocks for {len(items)} annotations"]
    for block, (task, ann) in zip(blocks, items):
        text = task["data"]["text"]
        rows = [line.rsplit(" ", 3) for line in block.split("\n") if line]
        pos, bounds = 0, []
        for row in rows:
            pos = text.index(row[0], pos)
            bounds.append((pos, pos + len(row[0])))
            pos += len(row[0])
        chunks = {(label, bounds[s][0], bounds[e][1]) for label, s, e in get_entities([r[3] for r in rows])}
        starts, ends = {b[0] for b in bounds}, {b[1] for b in bounds}
        spans = [(r["value"]["labels"][0], r["value"]["start"], r["value"]["end"])
                 for r in ann["result"] if r["type"] == "labels"]
        for span in spans:
            alone = not any(o != span and o[1] < span[2] and span[1] < o[2] for o in spans)
            if alone and span[1] in starts and span[2] in ends:
                checked += 1
                if span in chunks:
                    kept += 1
                else:
                    lost.append(f"{task['data'].get('spanbench_id')}: {span} {text[span[1]:span[2]]!r}")
            else:
                unrepresentable += 1
    return checked, kept, unrepresentable, lost


def check_with_sdk(check, tasks_path, config_path):
    config = config_path.read_text(encoding="utf-8")
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    errors = sdk_errors(config, tasks)
    check(not errors, f"label-studio-sdk: validate_prediction: {errors[:5]}")
    # The validation can fail: a label the config lacks is an error.
    broken = copy.deepcopy(tasks)
    region = next(r for t in broken for a in t["annotations"] for r in a["result"] if r["type"] == "labels")
    region["value"]["labels"] = ["not-in-the-config"]
    check(sdk_errors(config, broken), "label-studio-sdk: validate_prediction accepted a label the config lacks")
    checked, kept, unrepresentable, lost = converter_spans(config, tasks_path, tasks)
    check(not lost and checked > 0, f"label-studio-sdk converter lost spans: {lost[:5]}")
    print(f"label-studio-sdk: config valid, {sum(len(t['annotations']) for t in tasks)} annotations valid; "
          f"converter to CoNLL 2003 kept {kept} of {checked} spans a flat BIO column can hold "
          f"({unrepresentable} nested, overlapping or inside a token)")

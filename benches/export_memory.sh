#!/usr/bin/env bash
# Peak memory of exports over a large generated project (issue 10: "an export of 1 GB of JSONL
# runs in bounded memory"). Generates SIZE_MB of native JSONL (distinct articles of about 5 KB
# with 20 annotations and 5 links each), imports it, then exports it as jsonl, csv and brat and
# prints wall time and peak resident memory of each (GNU time's %M).
#
# Run: benches/export_memory.sh [BINARY] [SIZE_MB]   (default: target/release/spanbench, 1024)
set -euo pipefail
bin=${1:-target/release/spanbench}
size_mb=${2:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
python3 - "$work/in" "$size_mb" <<'PY'
import json, random, sys
out, size_mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
words = ("Regierung Sprecher sagte Dienstag Berlin Beweise Behörde Datensätze Opposition "
         "Untersuchung Ministerium minister agreement users risk critics statement claim "
         "department publish week Reilly Stadt Schule Polizei Gericht Urteil Zeugen").split()
total, n, part = 0, 0, 0
limit = size_mb * 1024 * 1024
while total < limit:
    with open(f"{out}/part{part:04d}.jsonl", "w", encoding="utf-8") as f:
        written = 0
        while written < 8 * 1024 * 1024 and total < limit:
            text = f"Artikel {n}\n\n" + " ".join(rng.choice(words) for _ in range(700)) + "."
            starts = [i + 1 for i, c in enumerate(text) if c == " "][:: 30][:20]
            anns = []
            for k, s in enumerate(starts):
                e = text.find(" ", s)
                anns.append({"id": f"a{k}", "annotator": "anna",
                             "label": ["quote", "speaker", "claim", "speaker"][k % 4],
                             "fragments": [[s, e]], "text": text[s:e]})
            rels = [{"id": f"r{k}", "annotator": "anna", "type": "attribution",
                     "from": f"a{4 * k}", "to": f"a{4 * k + 1}"} for k in range(5)]
            line = json.dumps({"id": f"doc-{n}", "text": text, "annotations": anns,
                               "relations": rels, "status": {"anna": "done"}},
                              ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode())
            total += len(line.encode())
            n += 1
    part += 1
print(f"generated {n} documents, {total / 1048576:.0f} MB of JSONL", file=sys.stderr)
PY
"$bin" new "$work/project" >/dev/null
/usr/bin/time -f "import: %e s, peak %M KB" "$bin" import "$work/project" "$work/in" >/dev/null
du -sh "$work/project" | sed 's/^/project: /'
for format in jsonl csv brat; do
  /usr/bin/time -f "export $format: %e s, peak %M KB" \
    "$bin" export "$work/project" --format "$format" --out "$work/out-$format" >/dev/null
  du -sh "$work/out-$format"* | head -1 | sed "s/^/  size: /"
  rm -rf "$work/out-$format"*
done

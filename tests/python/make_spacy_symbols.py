#!/usr/bin/env python3
"""Writes src/formats/spacy_symbols.rs: spaCy's fixed symbol ids (spacy.symbols.IDS).

spaCy's StringStore gives these strings their symbol id instead of their hash, so the DocBin
writer must too. Run with spaCy installed: python3 tests/python/make_spacy_symbols.py
"""
import pathlib

import spacy
from spacy.symbols import IDS

out = pathlib.Path(__file__).resolve().parents[2] / "src" / "formats" / "spacy_symbols.rs"
rows = sorted((name, sid) for name, sid in IDS.items() if name)
lines = [
    f"//! spaCy's fixed symbol ids, from `spacy.symbols.IDS` of spaCy {spacy.__version__}.",
    "//! Written by `tests/python/make_spacy_symbols.py`; do not edit by hand.",
    "",
    "/// (string, id), sorted by string.",
    "pub const SYMBOLS: &[(&str, u64)] = &[",
]
lines += [f"    ({name!r}, {sid})," .replace("'", '"') for name, sid in rows]
lines += ["];", ""]
out.write_text("\n".join(lines), encoding="utf-8")
print(f"wrote {len(rows)} symbols to {out}")

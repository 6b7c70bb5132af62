//! Every importer meets broken input: valid files of each format, truncated, with bytes
//! flipped, inserted or repeated. No input may panic; a refused import changes nothing; what
//! is accepted passes `check`. Bounded here (`cargo test`); `tests/soak.sh` runs many more
//! cases (`SPANBENCH_FUZZ_CASES`).

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use spanbench::formats::ImportFormat;
use spanbench::importer::{ImportOptions, import_paths};
use spanbench::model::Schema;
use spanbench::workspace::Workspace;

const DEMO_JSONL: &str = include_str!("../projects/demo/demo.jsonl");

fn cases() -> u32 {
    std::env::var("SPANBENCH_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

/// One change to a valid file.
#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let nasty = prop::sample::select(vec![
        b"\0".to_vec(),
        b"\xff\xfe".to_vec(),
        b"\xc3".to_vec(),
        "\u{2028}".as_bytes().to_vec(),
        "😀".as_bytes().to_vec(),
        b"\"".to_vec(),
        b"}".to_vec(),
        b"\n".to_vec(),
        b"18446744073709551615".to_vec(),
        b"-1".to_vec(),
        b"1e309".to_vec(),
        b"[[0, 99999999999]]".to_vec(),
        b"\t".to_vec(),
        b"\\u0000".to_vec(),
        b"\\ud800".to_vec(),
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), nasty).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Repeat(at, len)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len().max(1);
        match m {
            Mutation::Truncate(at) => bytes.truncate(at % n),
            Mutation::Flip(at, b) => {
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] ^= b | 1;
                }
            }
            Mutation::Insert(at, more) => {
                let i = at % (bytes.len() + 1);
                bytes.splice(i..i, more.iter().copied());
            }
            Mutation::Repeat(at, len) => {
                let start = at % n;
                let end = (start + len).min(bytes.len());
                let piece = bytes.get(start..end).unwrap_or(&[]).to_vec();
                bytes.splice(start..start, piece);
            }
        }
    }
    bytes
}

/// What the project holds, to see that a refused import changed nothing: every count per
/// layer, label and status (cheap enough to take before every case of a long run).
fn snapshot(ws: &Workspace) -> String {
    format!("{:?}", ws.store.stats().unwrap())
}

/// Feeds mutated copies of `files` (name, bytes; the first is the one mutated) to the importer.
fn fuzz(format: ImportFormat, files: &[(&str, Vec<u8>)]) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = std::cell::RefCell::new(
        Workspace::create(&tmp.path().join("p"), "fuzz", Schema::default_news()).unwrap(),
    );
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let options = ImportOptions {
        format,
        annotator: Some("fuzz".into()),
        ..ImportOptions::default()
    };
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let seed = files[0].1.clone();
    let result = runner.run(&prop::collection::vec(mutation(), 1..4), |mutations| {
        let mutated = apply(seed.clone(), &mutations);
        let paths: Vec<PathBuf> = files
            .iter()
            .enumerate()
            .map(|(i, (name, bytes))| {
                let path = dir.join(name);
                std::fs::write(&path, if i == 0 { &mutated } else { bytes }).unwrap();
                path
            })
            .collect();
        let mut ws = ws.borrow_mut();
        let before = snapshot(&ws);
        match import_paths(&mut ws, &paths[..1], &options, &mut |_| {}) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert_eq!(snapshot(&ws), before, "a refused import changed nothing");
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let ws = ws.into_inner();
    let problems = ws.store.check(ws.schema()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    cleanup(&dir);
}

fn cleanup(dir: &Path) {
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn jsonl_survives_broken_input() {
    let first_two: String = DEMO_JSONL
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    fuzz(
        ImportFormat::Jsonl,
        &[("demo.jsonl", first_two.into_bytes())],
    );
}

#[test]
fn doccano_survives_broken_input() {
    let line = r#"{"id": 7, "text": "„Nein“, sagte Putin 😀.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 6, "label": "quote"}, {"id": 2, "start_offset": 14, "end_offset": 19, "label": "speaker"}], "relations": [{"id": 3, "from_id": 1, "to_id": 2, "type": "attribution"}]}"#;
    fuzz(
        ImportFormat::Doccano,
        &[("d.jsonl", format!("{line}\n").into_bytes())],
    );
}

#[test]
fn label_studio_survives_broken_input() {
    let tasks = r#"[{"id": 1, "data": {"text": "„Nein“, sagte Putin 😀."}, "annotations": [{"completed_by": 1, "result": [
        {"id": "q", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 6, "text": "„Nein“", "labels": ["quote"]}},
        {"id": "s", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 14, "end": 19, "text": "Putin", "labels": ["speaker"]}},
        {"from_id": "q", "to_id": "s", "type": "relation", "direction": "right", "labels": ["attribution"]}]}]}]"#;
    fuzz(
        ImportFormat::LabelStudio,
        &[("tasks.json", tasks.as_bytes().to_vec())],
    );
}

#[test]
fn brat_survives_broken_input() {
    let text = "„Nein“, sagte Putin 😀.\n";
    let ann = "T1\tquote 0 6\t„Nein“\nT2\tspeaker 14 19\tPutin\nR1\tattribution Arg1:T1 Arg2:T2\nA1\tform T1 direct\n#1\tAnnotatorNotes T1\tkurz\n";
    // The .txt is what the importer is pointed at; the .ann is mutated.
    fuzz(
        ImportFormat::Brat,
        &[
            ("a.ann", ann.as_bytes().to_vec()),
            ("a.txt", text.as_bytes().to_vec()),
        ],
    );
}

#[test]
fn text_survives_broken_input() {
    let text = "Überschrift\r\n\r\n„Wir können das“, sagte Krause 😀 e\u{301}.\n";
    fuzz(ImportFormat::Txt, &[("a.txt", text.as_bytes().to_vec())]);
    let latin1: Vec<u8> = b"Gr\xfc\xdfe aus K\xf6ln, sagte er.".to_vec();
    fuzz(ImportFormat::Txt, &[("b.txt", latin1)]);
}

//! Import, export and open+list over a generated corpus: 10,000 articles of about 3 KB, each
//! with 20 annotations and 5 relations (issue: foundation). Prints medians.
//!
//! Run: `cargo bench --bench store` (release build). `SPANBENCH_BENCH_DOCS=1000` for a smaller run.

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use spanbench::exporter::{ExportFormat, ExportOptions, export};
use spanbench::importer::{ImportOptions, import_paths};
use spanbench::model::{OffsetUnit, Schema};
use spanbench::workspace::Workspace;

const SENTENCES: &[&str] = &[
    "„Wir haben keine Beweise gesehen“, sagte der Sprecher am Dienstag in Berlin.",
    "The minister said the agreement \"puts millions of users at risk\" 😀.",
    "Nach Angaben der Behörde seien mehr als 40.000 Datensätze betroffen gewesen.",
    "Critics rejected the claim and called it \"simply false\", according to a statement.",
    "Die Opposition forderte eine Untersuchung der Vorgänge im Ministerium 👍🏽.",
    "Reilly later said the department would publish the full text next week.",
];

fn article(i: usize) -> serde_json::Value {
    let mut text = format!("Artikel {i}\n\n");
    let mut k = i;
    while text.len() < 3000 {
        text.push_str(SENTENCES[k % SENTENCES.len()]);
        text.push(if k.is_multiple_of(4) { '\n' } else { ' ' });
        k += 1;
    }
    // 20 annotations on word starts spread over the text, 5 attribution links.
    let chars: Vec<char> = text.chars().collect();
    let starts: Vec<usize> = (1..chars.len())
        .filter(|&p| chars[p - 1] == ' ' && chars[p].is_alphabetic())
        .collect();
    let step = starts.len() / 20;
    // Every fourth annotation (a1, a5, ...) is a quote or rebuttal, linked to the speaker after it.
    let label = |n: usize| match n % 4 {
        0 if (n / 4).is_multiple_of(2) => "quote",
        0 => "rebuttal",
        2 => "claim",
        _ => "speaker",
    };
    let mut annotations = Vec::new();
    for n in 0..20 {
        let s = starts[n * step];
        let e = (s..chars.len())
            .find(|&p| !chars[p].is_alphanumeric())
            .unwrap_or(chars.len());
        let covered: String = chars[s..e].iter().collect();
        annotations.push(json!({"id": format!("a{}", n + 1), "annotator": "anna",
            "label": label(n), "fragments": [[s, e]], "text": covered}));
    }
    let relations: Vec<_> = (0..5)
        .map(|r| {
            json!({"id": format!("r{}", r + 1), "annotator": "anna", "type": "attribution",
            "from": format!("a{}", r * 4 + 1), "to": format!("a{}", r * 4 + 2)})
        })
        .collect();
    json!({"id": format!("doc-{i}"), "title": format!("Artikel {i}"), "text": text,
        "annotations": annotations, "relations": relations, "status": {"anna": "done"}})
}

fn main() -> anyhow::Result<()> {
    let docs: usize = std::env::var("SPANBENCH_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs = 3;
    let tmp = tempfile::tempdir()?;
    let input = tmp.path().join("corpus.jsonl");
    let mut lines = String::new();
    for i in 0..docs {
        lines.push_str(&article(i).to_string());
        lines.push('\n');
    }
    std::fs::write(&input, &lines)?;
    println!(
        "corpus: {docs} documents, {} annotations, {} relations, {:.1} MB of JSONL",
        docs * 20,
        docs * 5,
        lines.len() as f64 / 1e6
    );

    let (mut import_t, mut export_t, mut open_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut formats_t: std::collections::BTreeMap<&str, Vec<Duration>> =
        std::collections::BTreeMap::new();
    let mut db_size = 0;
    for run in 0..runs {
        let dir = tmp.path().join(format!("p{run}"));
        let mut ws = Workspace::create(&dir, "bench", Schema::default_news())?;
        let t = Instant::now();
        let outcome = import_paths(
            &mut ws,
            std::slice::from_ref(&input),
            &ImportOptions::default(),
            &mut |_| {},
        )?;
        import_t.push(t.elapsed());
        assert_eq!(outcome.report.annotations_added, docs * 20);
        drop(ws);
        db_size = dir_size(&dir);

        for _ in 0..5 {
            let t = Instant::now();
            let ws = Workspace::open(&dir)?;
            let list = ws.store.list_documents(Some("anna"))?;
            open_t.push(t.elapsed());
            assert_eq!(list.len(), docs);
        }

        let ws = Workspace::open(&dir)?;
        let out = tmp.path().join(format!("out{run}.jsonl"));
        let t = Instant::now();
        let mut options = ExportOptions::new(ExportFormat::JSONL);
        options.offsets = Some(OffsetUnit::Codepoint);
        let report = export(&ws, &out, &options)?;
        export_t.push(t.elapsed());
        assert_eq!(report.annotations, docs * 20);
        for format in [
            ExportFormat::BRAT,
            ExportFormat::CONLL,
            ExportFormat::DOCCANO,
            ExportFormat::LABEL_STUDIO,
            ExportFormat::CSV,
            ExportFormat::SPACY,
        ] {
            let out = tmp.path().join(format!("out{run}-{}", format.name()));
            let t = Instant::now();
            let report = export(&ws, &out, &ExportOptions::new(format))?;
            formats_t
                .entry(format.name())
                .or_default()
                .push(t.elapsed());
            assert_eq!(report.annotations, docs * 20);
        }
    }
    for (name, times) in formats_t {
        println!(
            "export {name:<28} median {}  (target 2000 ms per 100,000 annotations)",
            ms(median(times))
        );
    }
    println!(
        "import JSONL (parse, check, write)  median {}  (target 5000 ms)",
        ms(median(import_t))
    );
    println!(
        "export JSONL                        median {}  (target 2000 ms)",
        ms(median(export_t))
    );
    println!(
        "open project + list documents       median {}  (target 200 ms)",
        ms(median(open_t))
    );
    println!(
        "database size after import          {:.1} MB",
        db_size as f64 / 1e6
    );
    Ok(())
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

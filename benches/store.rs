//! Import, export and open+list over a generated corpus: 10,000 articles of about 3 KB, each
//! with 20 annotations and 5 relations (issue: foundation). Prints medians.
//!
//! Run: `cargo bench --bench store` (release build). `SPANBENCH_BENCH_DOCS=1000` for a smaller run.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/timing.rs"]
mod timing;
use corpus::article;
use timing::{median, ms};

use std::path::Path;
use std::time::{Duration, Instant};

use spanbench::exporter::{ExportFormat, ExportOptions, export};
use spanbench::importer::{ImportOptions, import_paths};
use spanbench::model::{OffsetUnit, Schema};
use spanbench::workspace::Workspace;

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

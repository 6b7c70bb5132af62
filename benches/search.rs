//! Corpus search over 10,000 generated articles of about 3 KB (30 MB of text, every text
//! distinct, from a seeded generator): the target is at most 50 ms per query. Prints the
//! first (cold) and the median of 20 warm runs for a rare name, a name with its first name, a
//! word in every article, a missing word, and an annotation search.
//!
//! Run: `cargo bench --bench search` (release build). `SPANBENCH_BENCH_DOCS=1000` for a smaller run.

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};
#[path = "support/words.rs"]
mod words;
use words::{FIRST, LAST, Seeded, vocabulary};

use std::time::Instant;

use spanbench::model::{Annotation, Document, DocumentRecord, Fragment, Schema};
use spanbench::store::AnnotationQuery;
use spanbench::workspace::Workspace;

fn article(i: usize, rng: &mut Seeded, words: &[String]) -> DocumentRecord {
    let mut text = format!("Artikel {i}\n\n");
    let speaker = format!(
        "{} {}",
        FIRST[rng.below(FIRST.len())],
        LAST[rng.below(LAST.len())]
    );
    let mut annotations = Vec::new();
    while text.len() < 3000 {
        for _ in 0..12 {
            text.push_str(rng.skewed(words));
            text.push(' ');
        }
        if rng.below(3) == 0 {
            let start = text.chars().count();
            text.push_str(&speaker);
            let end = text.chars().count();
            annotations.push(Annotation {
                origin: Default::default(),
                id: format!("a{}", annotations.len() + 1),
                annotator: "anna".into(),
                label: "speaker".into(),
                fragments: vec![Fragment::new(start, end)],
                text: speaker.clone(),
                attributes: Default::default(),
                note: String::new(),
            });
            text.push_str(" sagte, die ");
        } else {
            text.push_str("und die ");
        }
        text.push_str(if rng.below(5) == 0 { ".\n\n" } else { ". " });
    }
    // A word only article 4,321 (of 10,000) has.
    if i == 4321 {
        text.push_str("Zwetschgendatschi.");
    }
    let doc = Document::new(
        format!("doc-{i}"),
        format!("Artikel {i}"),
        text,
        Default::default(),
    );
    let mut record = DocumentRecord::bare(doc, true);
    record.annotations = annotations;
    record
}

fn main() -> anyhow::Result<()> {
    let docs: usize = std::env::var("SPANBENCH_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir()?;
    let mut ws = Workspace::create(&tmp.path().join("p"), "bench", Schema::default_news())?;
    let mut rng = Seeded(0x5eed_5eed);
    let words = vocabulary(&mut rng);
    let records: Vec<DocumentRecord> = (0..docs).map(|i| article(i, &mut rng, &words)).collect();
    let bytes: usize = records.iter().map(|r| r.document.text.len()).sum();
    let started = Instant::now();
    for chunk in records.chunks(1000) {
        ws.store.import_records(chunk, &mut |_, _| {})?;
    }
    println!(
        "corpus: {docs} articles, {:.1} MB of text, imported (with the index) in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    drop(ws);
    let ws = Workspace::open(&tmp.path().join("p"))?;
    let queries = [
        ("rare word (1 article)", "Zwetschgendatschi"),
        ("name", "Krause"),
        ("first and last name", "Petra Krause"),
        ("word in every article", "sagte"),
        ("missing word", "Quarkstrudel"),
    ];
    println!("query                         hits  docs  cold      warm median (20)");
    for (what, query) in queries {
        let started = Instant::now();
        let found = ws.store.search_text(query, 500)?;
        let cold = started.elapsed();
        let mut warm = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            ws.store.search_text(query, 500)?;
            warm.push(started.elapsed());
        }
        println!(
            "{what:<29} {:>4}{} {:>5}  {:<9} {}",
            found.hits.len(),
            if found.truncated { "+" } else { " " },
            found.documents,
            ms(cold),
            ms(median(warm))
        );
    }
    let query = AnnotationQuery::parse("label:speaker krause");
    let started = Instant::now();
    let hits = ws.store.search_annotations(&query, 500)?;
    let cold = started.elapsed();
    let mut warm = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        ws.store.search_annotations(&query, 500)?;
        warm.push(started.elapsed());
    }
    println!(
        "{:<29} {:>4}        {:<9} {}",
        "annotations: speaker krause",
        hits.len(),
        ms(cold),
        ms(median(warm))
    );
    Ok(())
}

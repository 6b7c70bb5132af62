//! Rule suggestions on German news (issue "Suggestions"): quality against the annotated
//! WikiNews articles in `../shared/data/` (not in the repository: CC BY-NC-SA; the bench says
//! so and stops when they are missing) and the speed of the rules.
//!
//! Run: `cargo bench --bench suggest` (release). `SPANBENCH_SUGGEST_DATA=FILE.jsonl` measures
//! another file in the native format; `SPANBENCH_CRF_ITERATIONS` and
//! `SPANBENCH_CRF_MIN_FREQUENCY` train the model otherwise than the default.

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};

use std::time::Instant;

use spanbench::model::DocumentRecord;
use spanbench::suggest::evaluate::{Compared, Evaluation, evaluate};
use spanbench::suggest::learn::{Learned, Training};
use spanbench::suggest::{Suggestion, as_layer, suggest};
use spanbench::suggester::train_on;

fn load(path: &str) -> Option<Vec<DocumentRecord>> {
    let text = std::fs::read_to_string(path).ok()?;
    let records = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .filter_map(|(n, l)| spanbench::formats::jsonl::parse_line(l, &format!("d{n}"), None).ok())
        .collect();
    Some(records)
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
    let dev = std::env::var("SPANBENCH_SUGGEST_DATA")
        .unwrap_or_else(|_| format!("{root}wikinews-de-dev.jsonl"));
    let Some(records) = load(&dev) else {
        println!(
            "{dev} is missing: the suggestion bench needs the annotated articles (see ../shared/data/README.md)"
        );
        hostile();
        return;
    };
    let found: Vec<Vec<Suggestion>> = records.iter().map(|r| suggest(&r.document.text)).collect();
    println!("rules alone on {} ({} articles):", dev, records.len());
    print!("{}", measured(&records, &found).table());
    learned(root, &records, &dev);
    // Speed: the rules over 1,000 articles (the file's articles, repeated).
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r.document.text.as_str())
        .cycle()
        .take(1000)
        .collect();
    let runs: Vec<_> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let found: usize = texts.iter().map(|t| suggest(t).len()).sum();
            assert!(found > 0);
            t.elapsed()
        })
        .collect();
    println!(
        "rules over 1,000 articles: first {}, median of 5 {}  (target 1 s)",
        ms(runs[0]),
        ms(median(runs))
    );
    hostile();
}

/// The rules over 1 MB texts that break naive scans: marked phrases without a sentence end,
/// opening marks never closed, and one short quoted sentence after another. The time must
/// grow with the text, not with its square (it had: the first took minutes).
fn hostile() {
    for (what, piece) in [
        (
            "marked phrases in one endless sentence",
            "„Wir sagen das“, ",
        ),
        ("opening marks never closed", "„a "),
        (
            "short sentences, each with a quote",
            "Er sagte, dass „es“ sei. ",
        ),
    ] {
        let text = piece.repeat(1_000_000 / piece.len());
        let runs: Vec<_> = (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(suggest(&text));
                t.elapsed()
            })
            .collect();
        println!(
            "rules over 1 MB of {what}: median of 3 {}",
            ms(median(runs))
        );
    }
}

/// The learned suggester: trained on the train file, measured on `dev`; training time, and
/// the time to suggest for 1,000 articles.
fn learned(root: &str, dev: &[DocumentRecord], dev_name: &str) {
    let train_path = std::env::var("SPANBENCH_SUGGEST_TRAIN")
        .unwrap_or_else(|_| format!("{root}wikinews-de-train.jsonl"));
    let Some(train_records) = load(&train_path) else {
        println!("{train_path} is missing: no learned figures");
        return;
    };
    let iterations = std::env::var("SPANBENCH_CRF_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Training::default().iterations);
    let min_frequency = std::env::var("SPANBENCH_CRF_MIN_FREQUENCY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Training::default().min_frequency);
    let t = Instant::now();
    let training = Training {
        iterations,
        min_frequency,
    };
    let stored =
        train_on(&train_records, &["train".to_string()], training).expect("training works");
    let model = Learned::from_file(&stored.model).expect("the model loads");
    let trained = t.elapsed();
    let t = Instant::now();
    let found: Vec<Vec<Suggestion>> = dev
        .iter()
        .map(|r| model.suggest(&r.document.text).expect("the model tags"))
        .collect();
    let tagged = t.elapsed();
    println!(
        "\nlearned ({} train articles, {iterations} L-BFGS iterations, features seen {min_frequency}+ times, model {} KB) on {dev_name}:",
        train_records.len(),
        stored.model.len() / 1024
    );
    print!("{}", measured(dev, &found).table());
    println!(
        "training {}; suggesting for the {} dev articles {} ({} per 1,000)",
        ms(trained),
        dev.len(),
        ms(tagged),
        ms(tagged * 1000 / dev.len().max(1) as u32)
    );
}

/// The suggestions `found` for each of `records`, measured against the records' annotations.
fn measured(records: &[DocumentRecord], found: &[Vec<Suggestion>]) -> Evaluation {
    let mut n = 0;
    let mut fresh = |prefix: &str| {
        n += 1;
        format!("{prefix}{n}")
    };
    let layers: Vec<_> = records
        .iter()
        .zip(found)
        .map(|(r, f)| as_layer(&r.document.text, f, &mut fresh))
        .collect();
    let compared: Vec<Compared> = records
        .iter()
        .zip(&layers)
        .map(|(r, (anns, rels))| Compared {
            text: &r.document.text,
            suggested: (anns, rels),
            gold: (&r.annotations, &r.relations),
        })
        .collect();
    evaluate(&compared)
}

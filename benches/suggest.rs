//! Rule suggestions on German news (issue "Suggestions"): quality against the annotated
//! WikiNews articles in `../shared/data/` (not in the repository: CC BY-NC-SA; the bench says
//! so and stops when they are missing) and the speed of the rules.
//!
//! Run: `cargo bench --bench suggest` (release). `SPANBENCH_SUGGEST_DATA=FILE.jsonl` measures
//! another file in the native format.

#[path = "support/timing.rs"]
mod timing;
use timing::{median, ms};

use std::time::Instant;

use spanbench::model::DocumentRecord;
use spanbench::suggest::evaluate::{Compared, evaluate};
use spanbench::suggest::{as_layer, suggest};

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
        return;
    };
    let mut n = 0;
    let mut fresh = |prefix: &str| {
        n += 1;
        format!("{prefix}{n}")
    };
    let layers: Vec<_> = records
        .iter()
        .map(|r| as_layer(&r.document.text, &suggest(&r.document.text), &mut fresh))
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
    println!("rules alone on {} ({} articles):", dev, records.len());
    print!("{}", evaluate(&compared).table());
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
}

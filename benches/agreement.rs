//! All agreement measures over 1,000 documents × 3 annotators × 50 annotations (issue: review
//! and agreement). Prints the median of 5 runs.
//!
//! Run: `cargo bench --bench agreement`.

use std::time::{Duration, Instant};

use spanbench::agreement::agreement_with_relations;
use spanbench::model::{Annotation, Document, DocumentRecord, Fragment};

fn corpus() -> Vec<DocumentRecord> {
    let sentence = "„Wir haben keine Beweise gesehen“, sagte der Sprecher am Dienstag in Berlin. ";
    let labels = ["quote", "claim", "rebuttal", "speaker"];
    (0..1000)
        .map(|d| {
            let text = sentence.repeat(40);
            let len = text.chars().count();
            let mut record = DocumentRecord::bare(
                Document::new(format!("d{d}"), "t".into(), text, Default::default()),
                true,
            );
            for (k, who) in ["anna", "ben", "carla"].iter().enumerate() {
                for n in 0..50 {
                    // Spans every 60 code points, shifted a little per annotator and document.
                    let start = (n * 60 + (k * 3 + d) % 7).min(len - 20);
                    let end = start + 10 + (n + k) % 8;
                    record.annotations.push(Annotation {
                        id: format!("a{n}"),
                        annotator: who.to_string(),
                        label: labels[(n + k * (n % 3 == 0) as usize) % 4].into(),
                        fragments: vec![Fragment::new(start, end)],
                        text: String::new(),
                        attributes: Default::default(),
                        note: String::new(),
                    });
                }
            }
            record
        })
        .collect()
}

fn main() {
    let records = corpus();
    let annotators: Vec<String> = ["anna", "ben", "carla"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let labels: Vec<String> = ["quote", "claim", "rebuttal", "speaker"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let kinds: Vec<String> = vec!["attribution".into(), "rebuts".into()];
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let report = agreement_with_relations(&records, &annotators, &labels, &kinds);
            assert_eq!(report.documents, 1000);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "1,000 documents × 3 annotators × 50 annotations: F1 exact and overlap, kappa, unitizing alpha"
    );
    println!(
        "all measures   median {:.1} ms  (target 1000 ms)",
        times[2].as_secs_f64() * 1000.0
    );
}

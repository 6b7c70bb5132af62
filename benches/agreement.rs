//! Agreement and review speed (issue: review and agreement), medians of 5 runs:
//!
//! - all agreement measures over 1,000 distinct generated documents × 3 annotators × 50
//!   word-aligned annotations (with attribution links), target 1 s; the first run and the
//!   median of 5 warm ones;
//! - the review view of one such document opening in the real window (headless, egui_kittest:
//!   the comparison, the marks and the first frame), target 50 ms; the first opening and the
//!   median of the warm ones;
//! - the Python reference libraries on the same data in the same run, doing the same measures
//!   (benches/python_reference.py says which; only alpha_U has no Python implementation). Set
//!   `SPANBENCH_PYTHON` to a Python that has them (default `python3`); without them that part
//!   says why and is left out.
//!
//! Run: `cargo bench --bench agreement`.

use std::time::{Duration, Instant};

#[path = "support/words.rs"]
#[allow(dead_code)]
mod words;
use words::{Seeded, vocabulary};

use egui_kittest::Harness;
use spanbench::agreement::agreement_with_relations;
use spanbench::model::{Annotation, Document, DocumentRecord, Fragment, Relation, Schema};
use spanbench::ui::SpanbenchApp;
use spanbench::ui::command::Command;
use spanbench::workspace::Workspace;

const ANNOTATORS: [&str; 3] = ["anna", "ben", "carla"];
const LABELS: [&str; 4] = ["quote", "claim", "rebuttal", "speaker"];

/// 1,000 distinct articles of about 3 KB (seeded), each annotated by three annotators with 50
/// word-aligned spans that differ a little per annotator, quotes linked to speakers.
fn corpus() -> Vec<DocumentRecord> {
    let mut rng = Seeded(0xa9_2e_e0);
    let words = vocabulary(&mut rng);
    (0..1000)
        .map(|d| {
            let (text, tokens) = article_text(&mut rng, &words);
            let chars: Vec<char> = text.chars().collect();
            let mut record = DocumentRecord::bare(
                Document::new(
                    format!("d{d}"),
                    format!("Artikel {d}"),
                    text,
                    Default::default(),
                ),
                true,
            );
            let step = tokens.len() / 50;
            for (k, who) in ANNOTATORS.iter().enumerate() {
                let mut speaker = None;
                for n in (0..50).rev() {
                    // Word-aligned spans, 1 to 4 words, shifted a little per annotator.
                    let first = n * step + (k + d + n) % 3;
                    let last = (first + (n + k) % 4).min(tokens.len() - 1);
                    let (start, end) = (tokens[first].0, tokens[last].1);
                    let label = LABELS[(n + k * (n % 3 == 0) as usize) % 4];
                    let id = format!("a{n}");
                    // Each quote is attributed to the next speaker after it.
                    if label == "speaker" {
                        speaker = Some(id.clone());
                    } else if let (Some(to), "quote") = (&speaker, label) {
                        record.relations.push(Relation {
                            id: format!("r{n}"),
                            annotator: who.to_string(),
                            kind: "attribution".into(),
                            from: id.clone(),
                            to: to.clone(),
                        });
                    }
                    record.annotations.push(Annotation {
                        origin: Default::default(),
                        id,
                        annotator: who.to_string(),
                        label: label.into(),
                        fragments: vec![Fragment::new(start, end)],
                        text: chars[start..end].iter().collect(),
                        attributes: Default::default(),
                        note: String::new(),
                    });
                }
            }
            record
        })
        .collect()
}

/// A distinct text of about 3 KB in sentences and paragraphs, with the code-point span of
/// every word.
fn article_text(rng: &mut Seeded, words: &[String]) -> (String, Vec<(usize, usize)>) {
    let (mut text, mut spans, mut at) = (String::new(), Vec::new(), 0);
    while text.len() < 3000 {
        for w in 0..12 {
            let word = rng.skewed(words);
            let len = word.chars().count();
            spans.push((at, at + len));
            text.push_str(word);
            at += len;
            if w < 11 {
                text.push(' ');
                at += 1;
            }
        }
        let end = if rng.below(5) == 0 { ".\n\n" } else { ". " };
        text.push_str(end);
        at += end.chars().count();
    }
    (text, spans)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Opening the review of one document in the real app, first frame included: the first
/// (cold) opening, the median of four more (warm); and an idle frame of the review once open.
fn review_open(record: &DocumentRecord) -> (Duration, Duration, Duration) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut ws =
        Workspace::create(&tmp.path().join("p"), "Bench", Schema::default_news()).expect("project");
    ws.store
        .import_records(std::slice::from_ref(record), &mut |_, _| {})
        .expect("import");
    let app = SpanbenchApp::new(ws, "anna".into());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            h.state_mut().apply(Command::ToggleReview);
            h.step();
            let took = t.elapsed();
            assert!(h.state().review.is_some());
            h.state_mut().apply(Command::ToggleReview);
            h.run();
            took
        })
        .collect();
    h.state_mut().apply(Command::ToggleReview);
    h.run();
    let idle: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            h.step();
            t.elapsed()
        })
        .collect();
    (times[0], median(times[1..].to_vec()), median(idle))
}

/// A 1 MB article annotated by two: a quote and its speaker with a link in every third
/// sentence; Ben moves every seventh quote's boundary and leaves out every eleventh.
fn long_article() -> DocumentRecord {
    let sentence = "„Wir haben keine Beweise gesehen“, sagte der Sprecher am Dienstag in Berlin. ";
    let per = sentence.chars().count();
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(sentence);
        n += 1;
        if n % 4 == 0 {
            text.push_str("\n\n");
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut record = DocumentRecord::bare(
        Document::new("long".into(), "Long".into(), text, Default::default()),
        true,
    );
    let mut pos = 0;
    for k in 0..n {
        let start = pos;
        pos += per + if (k + 1) % 4 == 0 { 2 } else { 0 };
        if k % 3 != 0 {
            continue;
        }
        for who in ["anna", "ben"] {
            if who == "ben" && k % 11 == 0 {
                continue;
            }
            let shift = usize::from(who == "ben" && k % 7 == 0);
            let spans = [
                ("quote", start + shift, start + 34),
                ("speaker", start + 41, start + 53),
            ];
            for (label, s, e) in spans {
                record.annotations.push(Annotation {
                    origin: Default::default(),
                    id: format!("{label}{k}"),
                    annotator: who.into(),
                    label: label.into(),
                    fragments: vec![Fragment::new(s, e)],
                    text: chars[s..e].iter().collect(),
                    attributes: Default::default(),
                    note: String::new(),
                });
            }
            record.relations.push(Relation {
                id: format!("r{k}"),
                annotator: who.into(),
                kind: "attribution".into(),
                from: format!("quote{k}"),
                to: format!("speaker{k}"),
            });
        }
    }
    record
}

/// Runs the Python reference on the corpus written as native JSONL; answers its printed
/// figures, or why it could not run.
fn python_reference(records: &[DocumentRecord]) -> Result<String, String> {
    let python = std::env::var("SPANBENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("corpus.jsonl");
    let mut out = String::new();
    for r in records {
        out.push_str(&spanbench::formats::jsonl::write_line(
            r,
            spanbench::model::OffsetUnit::Codepoint,
        ));
        out.push('\n');
    }
    std::fs::write(&path, out).map_err(|e| e.to_string())?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/python_reference.py");
    let output = std::process::Command::new(&python)
        .arg(script)
        .arg(&path)
        .output()
        .map_err(|e| format!("{python} did not start: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .unwrap_or("failed")
            .to_string())
    }
}

fn main() {
    let records = corpus();
    let annotators = strings(&ANNOTATORS);
    let labels = strings(&LABELS);
    let kinds = strings(&["attribution", "rebuts"]);
    let runs: Vec<Duration> = (0..6)
        .map(|_| {
            let t = Instant::now();
            let report = agreement_with_relations(&records, &annotators, &labels, &kinds);
            assert_eq!(report.documents, 1000);
            t.elapsed()
        })
        .collect();
    let all = median(runs[1..].to_vec());
    println!(
        "1,000 distinct generated documents × 3 annotators × 50 word-aligned annotations (+ attribution links)"
    );
    println!(
        "spanbench, all measures (F1 exact/overlap, Cohen's and Fleiss' kappa, alpha_U, nominal alpha, links, per document)   first {:.1} ms, warm median of 5 {:.1} ms  (target 1000 ms)",
        ms(runs[0]),
        ms(all)
    );
    let t = Instant::now();
    let mut report = agreement_with_relations(&records, &annotators, &labels, &kinds);
    spanbench::agreement::add_gamma(&mut report, &records, &labels, 30, 1);
    println!(
        "gamma per pair (3 pairs × 1,000 documents, 30 random continua each; not in the 1 s target)   one run {:.1} ms",
        ms(t.elapsed())
    );
    let (first, open, idle) = review_open(&records[0]);
    println!(
        "review view of one document (150 annotations, 3 annotators): open + first frame   first {:.1} ms, warm median {:.1} ms  (target 50 ms); idle frame {:.2} ms",
        ms(first),
        ms(open),
        ms(idle)
    );
    let long = long_article();
    let (first_long, open_long, idle_long) = review_open(&long);
    println!(
        "review view of a 1 MB article ({} annotations by 2 annotators): open + first frame   first {:.1} ms, warm median {:.1} ms; idle frame {:.2} ms",
        long.annotations.len(),
        ms(first_long),
        ms(open_long),
        ms(idle_long)
    );
    match python_reference(&records) {
        Ok(figures) => {
            print!("{figures}");
            if let Some(total) = figures
                .lines()
                .find_map(|l| l.strip_prefix("python total ms "))
                .and_then(|v| v.trim().parse::<f64>().ok())
            {
                println!(
                    "ratio: the Python reference took {:.1}× spanbench's time for all measures",
                    total / ms(all)
                );
            }
        }
        Err(why) => println!("Python reference left out: {why}"),
    }
}

//! Frame times of the window on a long article: 1 MB of text with 10,000 annotations (issue:
//! the annotation window). Drives the real app headless with egui_kittest and prints medians.
//!
//! Run: `cargo bench --bench window`. The frame is egui's whole pass (layout, widgets,
//! accessibility tree), without the GPU upload, which a headless harness does not do.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use spanbench::model::{Annotation, Document, DocumentRecord, Fragment, Schema};
use spanbench::ui::SpanbenchApp;
use spanbench::ui::command::Command;
use spanbench::workspace::Workspace;

const SENTENCES: &[&str] = &[
    "„Wir haben keine Beweise gesehen“, sagte der Sprecher am Dienstag in Berlin.",
    "The minister said the agreement \"puts millions of users at risk\" 😀.",
    "Nach Angaben der Behörde seien mehr als 40.000 Datensätze betroffen gewesen.",
    "Critics rejected the claim and called it \"simply false\", according to a statement.",
];

fn long_article() -> (String, Vec<Annotation>) {
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 1_000_000 {
        for _ in 0..4 {
            text.push_str(SENTENCES[k % SENTENCES.len()]);
            text.push(' ');
            k += 1;
        }
        text.push_str("\n\n");
    }
    // 10,000 one-word annotations spread evenly, every fifth nested in a longer quote.
    let chars: Vec<char> = text.chars().collect();
    let starts: Vec<usize> = (1..chars.len())
        .filter(|&p| chars[p - 1] == ' ' && chars[p].is_alphabetic())
        .collect();
    let step = starts.len() / 10_000;
    let labels = ["quote", "claim", "speaker", "rebuttal"];
    let mut annotations = Vec::new();
    for n in 0..10_000 {
        let s = starts[n * step];
        let e = (s..chars.len())
            .find(|&p| !chars[p].is_alphanumeric())
            .unwrap_or(chars.len());
        annotations.push(Annotation {
            origin: Default::default(),
            id: format!("a{}", n + 1),
            annotator: "anna".into(),
            label: labels[n % 4].into(),
            fragments: vec![Fragment::new(s, e)],
            text: chars[s..e].iter().collect(),
            attributes: Default::default(),
            note: String::new(),
        });
    }
    (text, annotations)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn timed(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// The window on `ws` for `who`, headless, one frame drawn.
fn window(ws: Workspace, who: &str) -> Harness<'static, SpanbenchApp> {
    let app = SpanbenchApp::new(ws, who.into());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    h
}

/// Opens `doc` `times` times (the short one in between): each time the open and its first
/// frame.
fn openings(h: &mut Harness<'_, SpanbenchApp>, doc: &str, times: usize) -> Vec<Duration> {
    (0..times)
        .map(|_| {
            h.state_mut().apply(Command::OpenDocument("small".into()));
            h.step();
            h.step();
            timed(|| {
                h.state_mut().apply(Command::OpenDocument(doc.into()));
                h.step();
            })
        })
        .collect()
}

fn main() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let mut ws = Workspace::create(&tmp.path().join("p"), "bench", Schema::default_news())?;
    let (text, annotations) = long_article();
    let size = text.len();
    let mut big = DocumentRecord::bare(
        Document::new(
            "big".into(),
            "A long article".into(),
            text,
            Default::default(),
        ),
        true,
    );
    big.annotations = annotations;
    big.validate(ws.schema()).map_err(anyhow::Error::msg)?;
    let small = DocumentRecord::bare(
        Document::new(
            "small".into(),
            "Short".into(),
            "Kurz.".into(),
            Default::default(),
        ),
        true,
    );
    ws.store.import_records(&[small, big], &mut |_, _| {})?;
    println!("article: {:.2} MB, 10,000 annotations", size as f64 / 1e6);

    let mut h = window(ws, "anna");
    // Opening the article: load from SQLite, index, first frame.
    let open = openings(&mut h, "big", 7);
    // Its suggestions are found in the background (a long article): wait for them, so that
    // what follows is measured with them drawn.
    let t = Instant::now();
    while h.state().view.as_ref().is_some_and(|v| v.offers.is_empty()) {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "no suggestions arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    let arrived = t.elapsed();
    let offered = h.state().view.as_ref().map_or(0, |v| v.offers.len());
    for _ in 0..5 {
        h.step();
    }

    let idle: Vec<Duration> = (0..60).map(|_| timed(|| h.step())).collect();

    // Adding an annotation: the edit (SQLite write, reload of the layer, re-index) and the frame after it.
    let (mut edit, mut frame_after) = (Vec::new(), Vec::new());
    for n in 0..20 {
        let p = &h.state().view.as_ref().expect("open").paragraphs[n];
        let range = (p.cps.start, p.cps.start + 8);
        edit.push(timed(|| {
            h.state_mut().apply(Command::SetSelection(Some(range)));
            h.state_mut().apply(Command::Tag("claim".into()));
        }));
        frame_after.push(timed(|| h.step()));
    }

    let mut resize = Vec::new();
    for n in 0..20 {
        let width = if n % 2 == 0 { 1200.0 } else { 1280.0 };
        h.set_size(egui::vec2(width, 800.0));
        resize.push(timed(|| h.step()));
    }

    println!(
        "open the article + first frame   first {}, warm median of 6 {}  (target 100 ms)",
        ms(open[0]),
        ms(median(open[1..].to_vec()))
    );
    println!(
        "its {offered} suggestions, found in the background, drawn {} after that frame",
        ms(arrived)
    );
    println!(
        "idle frame                        median {}  (target 4 ms)",
        ms(median(idle))
    );
    println!(
        "add an annotation (edit + reload) median {}",
        ms(median(edit))
    );
    println!(
        "frame after adding it             median {}  (target 8 ms)",
        ms(median(frame_after))
    );
    println!(
        "frame after resizing the window   median {}  (target 16 ms)",
        ms(median(resize))
    );
    drop(h);
    suggestions(&tmp.path().join("p"))
}

/// A news article of 24 paragraphs, a quote and its speaker in each sentence pair.
fn news_article() -> String {
    let mut text = String::from("Streit um den Datenschutz\n\n");
    for k in 0..24 {
        text.push_str(SENTENCES[k % SENTENCES.len()]);
        text.push(' ');
        text.push_str(SENTENCES[(k + 1) % SENTENCES.len()]);
        text.push_str("\n\n");
    }
    text
}

/// Opening a news article with its suggestions drawn (worked out by the rules as it opens),
/// against the same article for an annotator not offered suggestions; and the idle frame
/// with the suggestions drawn.
fn suggestions(project: &std::path::Path) -> anyhow::Result<()> {
    let mut ws = Workspace::open(project)?;
    let news = DocumentRecord::bare(
        Document::new(
            "news".into(),
            "News".into(),
            news_article(),
            Default::default(),
        ),
        true,
    );
    ws.store.import_records(&[news], &mut |_, _| {})?;
    ws.project.settings.no_suggestions_for = vec!["noah".into()];
    ws.project.save(project)?;
    drop(ws);
    let mut figures = Vec::new();
    for who in ["anna", "noah"] {
        let mut h = window(Workspace::open(project)?, who);
        let open = openings(&mut h, "news", 15);
        for _ in 0..5 {
            h.step();
        }
        let offered = h.state().view.as_ref().map_or(0, |v| v.offers.len());
        let idle: Vec<Duration> = (0..60).map(|_| timed(|| h.step())).collect();
        figures.push((median(open[1..].to_vec()), median(idle), offered));
    }
    let ((with, idle, offered), (without, idle_without, _)) = (figures[0], figures[1]);
    println!(
        "open a news article + first frame: {} with its {offered} suggestions drawn, {} without; added {}  (target 5 ms)",
        ms(with),
        ms(without),
        ms(with.saturating_sub(without))
    );
    println!(
        "idle frame with the suggestions drawn median {} (without {})  (target 1 ms)",
        ms(idle),
        ms(idle_without)
    );
    Ok(())
}

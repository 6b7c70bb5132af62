//! The generated corpus of the store and hub benches: article `i` is about 3 KB of distinct
//! text with 20 annotations and 5 attribution links by anna, marked done.

use serde_json::json;

const SENTENCES: &[&str] = &[
    "„Wir haben keine Beweise gesehen“, sagte der Sprecher am Dienstag in Berlin.",
    "The minister said the agreement \"puts millions of users at risk\" 😀.",
    "Nach Angaben der Behörde seien mehr als 40.000 Datensätze betroffen gewesen.",
    "Critics rejected the claim and called it \"simply false\", according to a statement.",
    "Die Opposition forderte eine Untersuchung der Vorgänge im Ministerium 👍🏽.",
    "Reilly later said the department would publish the full text next week.",
];

/// Article `i`, as a line of the native JSONL.
pub fn article(i: usize) -> serde_json::Value {
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

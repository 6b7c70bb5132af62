//! Property tests: offsets convert losslessly, and records survive write → read → store → read.

use std::collections::BTreeMap;

use proptest::prelude::*;
use spanbench::formats::jsonl;
use spanbench::model::annotation::covered_text;
use spanbench::model::{
    Annotation, DocStatus, Document, DocumentRecord, Fragment, OffsetIndex, OffsetUnit, Relation,
    Schema,
};
use spanbench::store::{LayerFilter, Store};

/// Pieces where tools get offsets wrong: emoji (with and without modifiers and ZWJ), combining
/// marks, CRLF, German and CJK letters, typographic quotes.
fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Wort",
        " ",
        "ß",
        "é",
        "e\u{301}",
        "😀",
        "👍🏽",
        "👩\u{200d}💻",
        "\r\n",
        "\n",
        "„",
        "“",
        "漢字",
        "\t",
        "Ä",
    ]);
    prop::collection::vec(pieces, 1..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn offsets_convert_losslessly(text in text_strategy()) {
        let index = OffsetIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        prop_assert_eq!(index.len_codepoints(), text.chars().count());
        for (cp, &byte) in boundaries.iter().enumerate() {
            prop_assert_eq!(index.from_codepoint(cp, OffsetUnit::Utf8), Some(byte));
            prop_assert_eq!(index.to_codepoint(byte, OffsetUnit::Utf8), Some(cp));
            let u16_pos = text[..byte].encode_utf16().count();
            prop_assert_eq!(index.from_codepoint(cp, OffsetUnit::Utf16), Some(u16_pos));
            prop_assert_eq!(index.to_codepoint(u16_pos, OffsetUnit::Utf16), Some(cp));
        }
        for byte in 0..=text.len() + 1 {
            if !boundaries.contains(&byte) {
                prop_assert_eq!(index.to_codepoint(byte, OffsetUnit::Utf8), None);
            }
        }
        prop_assert_eq!(index.from_codepoint(boundaries.len(), OffsetUnit::Utf16), None);
    }

    #[test]
    fn generated_records_round_trip(record in record_strategy(), unit in prop::sample::select(vec![OffsetUnit::Codepoint, OffsetUnit::Utf16, OffsetUnit::Utf8])) {
        let schema = Schema::default_news();
        // Through the file format, in any unit...
        let line = jsonl::write_line(&record, unit);
        let mut back = jsonl::parse_line(&line, "x", None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        back.validate(&schema)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &record);
        // ...and through the database.
        let mut store = Store::open_in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        store.import_records(std::slice::from_ref(&back), &mut |_, _| {}).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut stored = Vec::new();
        store.for_each_record(&LayerFilter::All, |r| { stored.push(r); Ok::<_, spanbench::store::StoreError>(()) })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(stored.len(), 1);
        prop_assert_eq!(jsonl::write_line(&stored[0], unit), line);
        prop_assert!(store.check(&schema).map_err(|e| TestCaseError::fail(e.to_string()))?.is_empty());
    }
}

/// A document with nested, overlapping and discontinuous annotations by two annotators, with
/// attribution links from every non-speaker to a speaker of the same layer.
fn record_strategy() -> impl Strategy<Value = DocumentRecord> {
    text_strategy()
        .prop_flat_map(|text| {
            let len = text.chars().count();
            let fragment =
                (0..len, 1..=len.clamp(1, 12)).prop_map(move |(s, l)| (s, (s + l).min(len)));
            let annotation = (
                prop::sample::select(vec!["quote", "claim", "rebuttal", "speaker"]),
                prop::collection::vec(fragment, 1..3),
                prop::sample::select(vec!["anna", "ben"]),
            );
            (Just(text), prop::collection::vec(annotation, 0..8))
        })
        .prop_map(|(text, raw)| {
            let index = OffsetIndex::new(&text);
            let mut annotations = Vec::new();
            for (n, (label, frags, annotator)) in raw.into_iter().enumerate() {
                // Make fragments sorted and separate (touching ones would merge).
                let mut fs: Vec<Fragment> = Vec::new();
                let mut sorted = frags;
                sorted.sort();
                for (s, e) in sorted {
                    if s >= e {
                        continue;
                    }
                    if fs.last().is_some_and(|l| s <= l.end) {
                        continue;
                    }
                    fs.push(Fragment::new(s, e));
                }
                if fs.is_empty() {
                    continue;
                }
                let covered = covered_text(&text, &index, &fs).unwrap_or_default();
                let mut attributes = BTreeMap::new();
                if label == "quote" {
                    attributes.insert("form".to_string(), serde_json::json!("direct"));
                }
                annotations.push(Annotation {
                    origin: Default::default(),
                    id: format!("a{}", n + 1),
                    annotator: annotator.into(),
                    label: label.into(),
                    fragments: fs,
                    text: covered,
                    attributes,
                    note: if n % 2 == 0 {
                        String::new()
                    } else {
                        "Notiz 📝".into()
                    },
                });
            }
            let mut relations = Vec::new();
            for a in &annotations {
                if a.label == "speaker" {
                    continue;
                }
                if let Some(s) = annotations
                    .iter()
                    .find(|s| s.label == "speaker" && s.annotator == a.annotator)
                {
                    relations.push(Relation {
                        id: format!("r{}", relations.len() + 1),
                        annotator: a.annotator.clone(),
                        kind: "attribution".into(),
                        from: a.id.clone(),
                        to: s.id.clone(),
                    });
                }
            }
            let mut status = BTreeMap::new();
            status.insert("anna".to_string(), DocStatus::Done);
            let mut meta = serde_json::Map::new();
            meta.insert("source".into(), serde_json::json!("generated"));
            DocumentRecord {
                document: Document::new("gen".into(), "Generiert".into(), text, meta),
                id_given: true,
                annotations,
                relations,
                status,
            }
        })
}

/// One layer of random spans — nested, overlapping, discontinuous, repeated — with each
/// quote linked to a random speaker, as (label, fragments) and links (quote index, speaker
/// index).
type RandomLayer = (
    Vec<(&'static str, Vec<(usize, usize)>)>,
    Vec<(usize, usize)>,
);

fn layer_strategy(len: usize) -> impl Strategy<Value = RandomLayer> {
    let fragment = (0..len, 1..=len.clamp(1, 15)).prop_map(move |(s, l)| (s, (s + l).min(len)));
    let annotation = (
        prop::sample::select(vec!["quote", "claim", "speaker"]),
        prop::collection::vec(fragment, 1..3),
    );
    (
        prop::collection::vec(annotation, 0..8),
        prop::collection::vec((0..8usize, 0..8usize), 0..6),
    )
}

/// `layer` as the annotations and links of `who`.
fn as_layer(who: &str, text: &str, layer: &RandomLayer) -> (Vec<Annotation>, Vec<Relation>) {
    let index = OffsetIndex::new(text);
    let mut anns: Vec<Annotation> = Vec::new();
    for (n, (label, frags)) in layer.0.iter().enumerate() {
        let mut fs: Vec<Fragment> = Vec::new();
        let mut sorted = frags.clone();
        sorted.sort();
        for (s, e) in sorted {
            if s < e && fs.last().is_none_or(|l| s > l.end) {
                fs.push(Fragment::new(s, e));
            }
        }
        if fs.is_empty() {
            continue;
        }
        anns.push(Annotation {
            origin: Default::default(),
            id: format!("{who}{n}"),
            annotator: who.into(),
            label: (*label).into(),
            text: covered_text(text, &index, &fs).unwrap_or_default(),
            fragments: fs,
            attributes: BTreeMap::new(),
            note: String::new(),
        });
    }
    let quotes: Vec<&Annotation> = anns.iter().filter(|a| a.label == "quote").collect();
    let speakers: Vec<&Annotation> = anns.iter().filter(|a| a.label == "speaker").collect();
    let mut rels: Vec<Relation> = Vec::new();
    for &(q, s) in &layer.1 {
        let (Some(q), Some(s)) = (
            quotes.get(q % quotes.len().max(1)),
            speakers.get(s % speakers.len().max(1)),
        ) else {
            continue;
        };
        if !rels.iter().any(|r| r.from == q.id && r.to == s.id) {
            rels.push(Relation {
                id: format!("r{}", rels.len()),
                annotator: who.into(),
                kind: "attribution".into(),
                from: q.id.clone(),
                to: s.id.clone(),
            });
        }
    }
    (anns, rels)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Issue "exports and imports that the real tools accept", item 2: a layer compared with an
    /// identical copy agrees perfectly on every measure that is defined — also with quotes
    /// nested in quotes and links from each of them.
    #[test]
    fn identical_layers_agree_on_every_defined_measure(
        text in "[a-zäöü „“,.]{20,60}",
        layer in layer_strategy(60),
    ) {
        let len = text.chars().count();
        let clipped: RandomLayer = (
            layer.0.iter().map(|(l, fs)| (*l, fs.iter().map(|&(s, e)| (s.min(len), e.min(len))).collect())).collect(),
            layer.1.clone(),
        );
        let (mut anns, mut rels) = as_layer("anna", &text, &clipped);
        let (b_anns, b_rels) = as_layer("ben", &text, &clipped);
        anns.extend(b_anns);
        rels.extend(b_rels);
        let mut record = DocumentRecord::bare(
            Document::new("d".into(), "d".into(), text.clone(), Default::default()),
            true,
        );
        record.annotations = anns;
        record.relations = rels;
        record.status.insert("anna".into(), DocStatus::Done);
        record.status.insert("ben".into(), DocStatus::Done);
        let labels: Vec<String> = ["quote", "claim", "rebuttal", "speaker"].map(String::from).to_vec();
        let report = spanbench::agreement::agreement_with_relations(
            &[record],
            &["anna".to_string(), "ben".to_string()],
            &labels,
            &["attribution".to_string()],
        );
        let perfect = |what: &str, v: Option<f64>| {
            prop_assert!(v.is_none_or(|x| (x - 1.0).abs() < 1e-9), "{what}: {v:?}");
            Ok(())
        };
        let p = &report.pairs[0];
        perfect("f1 exact", p.f1_exact.micro)?;
        perfect("f1 overlap", p.f1_overlap.micro)?;
        for l in &labels {
            perfect(&format!("f1 exact {l}"), p.f1_exact.per_label[l])?;
            perfect(&format!("f1 overlap {l}"), p.f1_overlap.per_label[l])?;
            perfect(&format!("kappa {l}"), p.kappa[l])?;
            perfect(&format!("alpha_u {l}"), report.alpha_u.per_label[l])?;
            perfect(&format!("alpha nominal {l}"), report.alpha_nominal.per_label[l])?;
        }
        perfect("attribution links", p.relations["attribution"])?;
        perfect("alpha_u", report.alpha_u.overall)?;
    }
}

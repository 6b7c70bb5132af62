//! Searching the corpus (issue "An annotator's full day", item 12): words and phrases through
//! the full-text index, annotations by label, layer, text, attribute and note.

mod common;

use spanbench::store::{AnnotationQuery, LayerFilter};
use spanbench::workspace::Workspace;

fn demo() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::demo_project(tmp.path());
    let ws = Workspace::open(&project).unwrap();
    (tmp, ws)
}

#[test]
fn a_name_is_found_in_every_document_that_has_it_with_its_context() {
    let (_tmp, ws) = demo();
    let found = ws.store.search_text("Krause", 100).unwrap();
    assert_eq!(found.documents, 1);
    assert!(!found.truncated);
    let record = ws
        .store
        .record("stadtwerke-lindenau", &LayerFilter::All)
        .unwrap();
    let expected = record.document.text.matches("Krause").count();
    assert_eq!(found.hits.len(), expected);
    for hit in &found.hits {
        assert_eq!(hit.doc, "stadtwerke-lindenau");
        let covered: String = record
            .document
            .text
            .chars()
            .skip(hit.start)
            .take(hit.end - hit.start)
            .collect();
        assert_eq!(covered, "Krause");
        assert_eq!(hit.matched, "Krause");
        assert!(!hit.before.is_empty() || !hit.after.is_empty());
    }
    // A phrase, any case; words that only occur apart do not match.
    let phrase = ws.store.search_text("petra krause", 100).unwrap();
    assert_eq!(
        phrase.hits.len(),
        record.document.text.matches("Petra Krause").count()
    );
    assert!(
        ws.store
            .search_text("Krause Petra", 100)
            .unwrap()
            .hits
            .is_empty()
    );
    // Words in several documents come in document order; the limit is kept and said.
    let common_word = ws.store.search_text("die", 3).unwrap();
    assert_eq!(common_word.hits.len(), 3);
    assert!(common_word.truncated);
    assert!(ws.store.search_text(" „“ ", 10).unwrap().hits.is_empty());
    assert!(
        ws.store
            .search_text("\"; DROP TABLE documents; --", 10)
            .unwrap()
            .hits
            .is_empty()
    );
}

#[test]
fn annotations_are_found_by_label_layer_text_and_attribute() {
    let (_tmp, ws) = demo();
    let layers = ws.store.annotators().unwrap();
    let layer = layers.first().unwrap().clone();
    let query = AnnotationQuery::parse(&format!("label:speaker by:{layer} krause"));
    let hits = ws.store.search_annotations(&query, 100).unwrap();
    assert!(!hits.is_empty());
    for hit in &hits {
        assert_eq!(hit.annotation.label, "speaker");
        assert_eq!(hit.annotation.annotator, layer);
        assert!(
            hit.annotation.text.to_lowercase().contains("krause"),
            "{hit:?}"
        );
    }
    // Counted by hand from the records: every speaker of that layer mentioning Krause.
    let mut expected = 0;
    for id in ws.store.document_ids().unwrap() {
        let record = ws.store.record(&id, &LayerFilter::All).unwrap();
        expected += record
            .annotations
            .iter()
            .filter(|a| a.label == "speaker" && a.annotator == layer && a.text.contains("Krause"))
            .count();
    }
    assert_eq!(hits.len(), expected);
    let direct = ws
        .store
        .search_annotations(&AnnotationQuery::parse("form=direct"), 1000)
        .unwrap();
    assert!(!direct.is_empty());
    assert!(
        direct
            .iter()
            .all(|h| h.annotation.attributes["form"] == "direct")
    );
    let none = ws
        .store
        .search_annotations(&AnnotationQuery::parse("label:nothing_like_this"), 10)
        .unwrap();
    assert!(none.is_empty());
}

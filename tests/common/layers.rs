//! Edits and reads of one layer of a working copy, through the same API the window uses.

use spanbench::model::{AnnRef, Annotation, Edit, Fragment, Origin};
use spanbench::store::LayerFilter;
use spanbench::workspace::Workspace;

/// Adds a claim on code points `start..start + len` of the `nth` document to `who`'s layer.
pub fn add_claim(
    copy: &std::path::Path,
    who: &str,
    nth: usize,
    start: usize,
    len: usize,
) -> String {
    let mut ws = Workspace::open(copy).unwrap();
    let doc = ws.store.document_ids().unwrap()[nth].clone();
    ws.apply(Edit::AddAnnotation {
        doc: doc.clone(),
        annotation: Annotation {
            id: String::new(),
            annotator: who.into(),
            label: "claim".into(),
            fragments: vec![Fragment::new(start, start + len)],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
            origin: Origin::Hand,
        },
    })
    .unwrap();
    doc
}

/// The layer `who` of `doc` in a working copy, as (label, fragments) pairs, sorted.
pub fn layer(copy: &std::path::Path, doc: &str, who: &str) -> Vec<(String, Vec<Fragment>)> {
    let ws = Workspace::open(copy).unwrap();
    let (anns, _) = ws
        .store
        .layer(doc, &LayerFilter::Only(vec![who.into()]))
        .unwrap();
    let mut out: Vec<_> = anns.into_iter().map(|a| (a.label, a.fragments)).collect();
    out.sort();
    out
}

/// Relabels the annotation of `who` on `doc` that covers `start..` in a working copy.
pub fn relabel(copy: &std::path::Path, doc: &str, who: &str, start: usize, label: &str) {
    let mut ws = Workspace::open(copy).unwrap();
    let (anns, _) = ws
        .store
        .layer(doc, &LayerFilter::Only(vec![who.into()]))
        .unwrap();
    let a = anns
        .iter()
        .find(|a| a.fragments[0].start == start)
        .expect("the annotation is there");
    ws.apply(Edit::Relabel {
        target: AnnRef {
            doc: doc.into(),
            annotator: who.into(),
            id: a.id.clone(),
        },
        label: label.into(),
    })
    .unwrap();
}

//! `spanbench suggest`: the `suggested` layer filled by the rules (and nothing else touched),
//! or `--evaluate LAYER`: the suggestions measured against a layer.

use std::process::ExitCode;

use anyhow::bail;

use super::args::SuggestArgs;
use super::{open, open_to_read};
use crate::model::{AnnRef, Edit, Fragment};
use crate::store::LayerFilter;
use crate::suggest::evaluate::{Compared, evaluate};
use crate::suggest::offer::is_rejected;
use crate::suggest::{SUGGESTED, as_layer, suggest as rules};
use crate::workspace::Workspace;

/// `spanbench suggest`.
pub(super) fn suggest(args: SuggestArgs) -> anyhow::Result<ExitCode> {
    if args.learn_from.is_some() {
        bail!(
            "--learn-from: a suggester learned from the project's layers is not built yet; `suggest` proposes quotes by rules (run it without --learn-from)"
        );
    }
    match &args.evaluate {
        Some(layer) => measure(&args, layer),
        None => fill(&args),
    }
}

/// The documents asked for: `--doc`, or all.
fn documents(ws: &Workspace, doc: Option<&str>) -> anyhow::Result<Vec<String>> {
    let all = ws.store.document_ids()?;
    match doc {
        Some(id) if all.iter().any(|d| d == id) => Ok(vec![id.to_string()]),
        Some(id) => bail!("the project has no document '{id}'"),
        None => Ok(all),
    }
}

/// Replaces the `suggested` layer of the documents with fresh suggestions, in one step.
fn fill(args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let mut ws = open(&args.project)?;
    let schema = ws.schema();
    if schema.label("quote").is_none()
        || schema.label("speaker").is_none()
        || schema.relation("attribution").is_none()
    {
        bail!(
            "suggestions need the labels 'quote' and 'speaker' and the relation type 'attribution' in project.ron"
        );
    }
    let mut edits = Vec::new();
    let (mut quotes, mut speakers, mut links) = (0, 0, 0);
    let docs = documents(&ws, args.doc.as_deref())?;
    for id in &docs {
        let (old, _) = ws
            .store
            .layer(id, &LayerFilter::Only(vec![SUGGESTED.into()]))?;
        edits.extend(
            old.iter()
                .map(|a| Edit::DeleteAnnotation(AnnRef::of(id, a))),
        );
        let doc = ws.store.document(id)?;
        // A span someone rejected never comes back.
        let rejected = ws.store.rejections(id)?;
        let found: Vec<_> = rules(&doc.text)
            .into_iter()
            .filter(|s| {
                let fragments: Vec<Fragment> = s
                    .fragments
                    .iter()
                    .map(|&(a, b)| Fragment::new(a, b))
                    .collect();
                !is_rejected(&rejected, "quote", &fragments)
            })
            .collect();
        let (anns, rels) = as_layer(&doc.text, &found, &mut crate::model::ids::fresh_id);
        quotes += found.len();
        speakers += anns.iter().filter(|a| a.label == "speaker").count();
        links += rels.len();
        edits.extend(anns.into_iter().map(|annotation| Edit::AddAnnotation {
            doc: id.clone(),
            annotation,
        }));
        edits.extend(rels.into_iter().map(|relation| Edit::Link {
            doc: id.clone(),
            relation,
        }));
    }
    ws.apply(Edit::Batch(edits))?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"documents": docs.len(), "quotes": quotes, "speakers": speakers, "links": links})
        );
    }
    eprintln!(
        "suggested {quotes} quotes, {speakers} speakers and {links} attribution links in {} documents (layer '{SUGGESTED}'; earlier suggestions there were replaced, no other layer was touched)",
        docs.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints how fresh suggestions compare with `layer` on the documents that layer annotated.
fn measure(args: &SuggestArgs, layer: &str) -> anyhow::Result<ExitCode> {
    let ws = open_to_read(&args.project)?;
    if !ws.store.annotators()?.iter().any(|a| a == layer) {
        bail!("the project has no layer '{layer}'");
    }
    let mut kept = Vec::new();
    for id in documents(&ws, args.doc.as_deref())? {
        let (anns, rels) = ws
            .store
            .layer(&id, &LayerFilter::Only(vec![layer.into()]))?;
        if anns.is_empty() {
            continue;
        }
        let doc = ws.store.document(&id)?;
        let (s_anns, s_rels) = as_layer(
            &doc.text,
            &rules(&doc.text),
            &mut crate::model::ids::fresh_id,
        );
        kept.push((doc.text, (s_anns, s_rels), (anns, rels)));
    }
    let compared: Vec<Compared> = kept
        .iter()
        .map(|(text, (sa, sr), (ga, gr))| Compared {
            text,
            suggested: (sa, sr),
            gold: (ga, gr),
        })
        .collect();
    let e = evaluate(&compared);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&e)?);
    } else {
        print!(
            "suggestions (rules) against '{layer}' on {} documents\n\n{}",
            e.documents,
            e.table()
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! `spanbench suggest`: the `suggested` layer filled by the rules and the learned model (and
//! nothing else touched), `--learn-from LAYER,...` to train that model first, or `--evaluate
//! LAYER`: the suggestions measured against a layer.

use std::process::ExitCode;

use anyhow::bail;

use super::args::SuggestArgs;
use super::{open, open_to_read};
use crate::model::{AnnRef, Edit, Fragment};
use crate::store::LayerFilter;
use crate::suggest::evaluate::{Compared, evaluate};
use crate::suggest::learn::{Learned, Training};
use crate::suggest::offer::is_rejected;
use crate::suggest::{SUGGESTED, as_layer};
use crate::suggester::{LearnError, learn as learn_from, stored_model, suggestions};
use crate::workspace::Workspace;

/// `spanbench suggest`.
pub(super) fn suggest(args: SuggestArgs) -> anyhow::Result<ExitCode> {
    if let Some(list) = &args.learn_from {
        if args.evaluate.is_some() {
            bail!("--learn-from and --evaluate go in two runs: learn first, then measure");
        }
        learn(&args, list)?;
    }
    match &args.evaluate {
        Some(layer) => measure(&args, layer),
        None => fill(&args),
    }
}

/// Trains the suggester on the done documents of the layers in `list` and stores it.
fn learn(args: &SuggestArgs, list: &str) -> anyhow::Result<()> {
    let ws = open(&args.project)?;
    let known = ws.store.annotators()?;
    let layers: Vec<String> = list
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if layers.is_empty() {
        bail!("--learn-from needs at least one layer");
    }
    if let Some(missing) = layers.iter().find(|l| !known.contains(l)) {
        bail!(
            "--learn-from: the project has no layer '{missing}' (layers: {})",
            known.join(", ")
        );
    }
    let started = std::time::Instant::now();
    let stored = learn_from(&ws, &layers, Training::default())?;
    eprintln!(
        "learned from {} documents ({} annotations) of {} in {:.1} s; the model is stored in the project",
        stored.documents,
        stored.annotations,
        layers.join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The suggester to use: the project's learned model with the layers it learned from (said
/// on stderr), or the rules.
fn suggester(ws: &Workspace) -> anyhow::Result<Option<(Vec<String>, Learned)>> {
    let stored = match stored_model(ws) {
        Err(outdated @ LearnError::Outdated(_)) => {
            eprintln!("{outdated}");
            return Ok(None);
        }
        other => other?,
    };
    Ok(match stored {
        Some((stored, learned)) => {
            eprintln!(
                "using the model learned from {} documents of {} ({}), with the rules",
                stored.documents,
                stored.layers.join(", "),
                stored.trained_at
            );
            Some((stored.layers, learned))
        }
        None => None,
    })
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
    let model = suggester(&ws)?.map(|(_, learned)| learned);
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
        let found: Vec<_> = suggestions(model.as_ref(), &doc.text)
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
    let (learned_layers, model) = suggester(&ws)?.unzip();
    let mut kept = Vec::new();
    let mut seen = 0;
    for id in documents(&ws, args.doc.as_deref())? {
        let (anns, rels) = ws
            .store
            .layer(&id, &LayerFilter::Only(vec![layer.into()]))?;
        if anns.is_empty() {
            continue;
        }
        if let Some(layers) = &learned_layers {
            seen += usize::from(learned_from(&ws, &id, layers)?);
        }
        let doc = ws.store.document(&id)?;
        let (s_anns, s_rels) = as_layer(
            &doc.text,
            &suggestions(model.as_ref(), &doc.text),
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
        let mut json = serde_json::to_value(&e)?;
        if let Some(fields) = json.as_object_mut() {
            fields.insert("documents_learned_from".into(), seen.into());
        }
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        print!(
            "suggestions ({}) against '{layer}' on {} documents\n\n{}",
            if model.is_some() {
                "learned model and rules"
            } else {
                "rules"
            },
            e.documents,
            e.table()
        );
    }
    if seen > 0 {
        eprintln!(
            "note: {seen} of the {} documents measured are done in a layer the model learned from ({}): it has seen their answers, so these figures are optimistic; documents it did not learn from give the honest ones (`--doc ID`).",
            e.documents,
            learned_layers.unwrap_or_default().join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether document `id` is done (or adjudicated) in one of `layers`: a model learned from
/// those layers may have seen its annotations.
fn learned_from(ws: &Workspace, id: &str, layers: &[String]) -> anyhow::Result<bool> {
    use crate::model::DocStatus;
    let statuses = ws.store.statuses(id)?;
    Ok(layers.iter().any(|l| {
        matches!(
            statuses.get(l),
            Some(DocStatus::Done | DocStatus::Adjudicated)
        )
    }))
}

//! The project's learned suggester: trained on the documents that named layers marked done
//! (or adjudicated), stored in the project's database, and used — with the rules — to fill
//! the `suggested` layer and to offer suggestions in the window.

use crate::model::{DocStatus, DocumentRecord};
use crate::store::{LayerFilter, StoreError, StoredModel, utc_stamp};
use crate::suggest::Suggestion;
use crate::suggest::learn::{Example, Learned, Training, train};
use crate::workspace::Workspace;

/// Why no model could be learned or used.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    /// The database refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// None of the layers has a document marked done.
    #[error(
        "{0} has no document marked done (or adjudicated) to learn from; mark finished documents done (Ctrl+Enter in the window), or import them with \"status\": {{\"LAYER\": \"done\"}}"
    )]
    NothingDone(String),
    /// The stored model was learned by another version of spanbench (its features differ).
    #[error(
        "the stored suggester model was learned by an earlier version of spanbench and is not used; the rules suggest until it is learned again (spanbench suggest PROJECT --learn-from {})",
        .0.layers.join(",")
    )]
    Outdated(Box<StoredModel>),
    /// Training or the stored model failed.
    #[error("the suggester model: {0}")]
    Model(#[from] std::io::Error),
}

/// The records to learn from: every document `layers` marked done or adjudicated, one example
/// per (document, layer).
pub fn training_records(
    ws: &Workspace,
    layers: &[String],
) -> Result<Vec<DocumentRecord>, LearnError> {
    let mut out = Vec::new();
    ws.store
        .for_each_record(&LayerFilter::Only(layers.to_vec()), |r| {
            for layer in layers {
                if matches!(
                    r.status.get(layer),
                    Some(DocStatus::Done | DocStatus::Adjudicated)
                ) {
                    let mut one = r.clone();
                    one.annotations.retain(|a| &a.annotator == layer);
                    one.relations.retain(|x| &x.annotator == layer);
                    out.push(one);
                }
            }
            Ok::<_, StoreError>(())
        })?;
    if out.is_empty() {
        return Err(LearnError::NothingDone(layers.join(", ")));
    }
    Ok(out)
}

/// Trains on what `layers` marked done and stores the model in the project; answers what was
/// stored.
pub fn learn(
    ws: &Workspace,
    layers: &[String],
    training: Training,
) -> Result<StoredModel, LearnError> {
    let records = training_records(ws, layers)?;
    let stored = train_on(&records, layers, training)?;
    ws.store.save_model(&stored)?;
    Ok(stored)
}

/// Trains on `records` (as [`training_records`] gathered them); stores nothing.
pub fn train_on(
    records: &[DocumentRecord],
    layers: &[String],
    training: Training,
) -> Result<StoredModel, LearnError> {
    let examples: Vec<Example<'_>> = records
        .iter()
        .map(|r| Example {
            text: &r.document.text,
            annotations: &r.annotations,
        })
        .collect();
    let model = train(&examples, training)?;
    Ok(StoredModel {
        trained_at: utc_stamp(std::time::SystemTime::now()),
        layers: layers.to_vec(),
        documents: records.len(),
        annotations: records.iter().map(|r| r.annotations.len()).sum(),
        model: model.to_file(),
    })
}

/// The project's learned model, if one is stored (and sound); [`LearnError::Outdated`] when
/// an earlier version of spanbench stored it.
pub fn stored_model(ws: &Workspace) -> Result<Option<(StoredModel, Learned)>, LearnError> {
    let Some(stored) = ws.store.model()? else {
        return Ok(None);
    };
    if Learned::is_outdated(&stored.model) {
        return Err(LearnError::Outdated(Box::new(stored)));
    }
    let learned = Learned::from_file(&stored.model)?;
    Ok(Some((stored, learned)))
}

/// Suggestions for `text`: the learned model's where there is one, else the rules'.
pub fn suggestions(model: Option<&Learned>, text: &str) -> Vec<Suggestion> {
    model
        .and_then(|m| m.suggest(text).ok())
        .unwrap_or_else(|| crate::suggest::suggest(text))
}

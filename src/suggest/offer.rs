//! Suggestions as offered to one annotator in the window: each suggested annotation with the
//! speaker it is attributed to, without those the annotator rejected or already has; and the
//! one edit that accepts one (or all) into the annotator's own layer.
//!
//! A rejection is remembered as a rejection row (see `Edit::SetRejected`) whose key names the
//! annotator, the label and the fragments, so it outlives the suggestions themselves: a later
//! `suggest` never brings the span back.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::model::{Annotation, Edit, Fragment, Origin, Relation};

/// The start of every rejection key of a suggestion.
const PREFIX: &str = crate::model::layer::SUGGESTION_REJECTION;

/// A suggestion offered to an annotator.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The suggested annotation (a quote, mostly), as in the `suggested` layer.
    pub annotation: Annotation,
    /// The speaker it is attributed to, with the link's type.
    pub speaker: Option<(Annotation, String)>,
}

impl Offer {
    /// This offer with the annotator's own boundaries (`fragments`, whose text is `text`): the
    /// annotation accepted from it is marked as an edited suggestion.
    pub fn reshaped(&self, fragments: Vec<Fragment>, text: String) -> Offer {
        let mut out = self.clone();
        out.annotation.fragments = fragments;
        out.annotation.text = text;
        out.annotation.origin = Origin::EditedSuggestion;
        out
    }
}

/// The key that remembers `annotator`'s rejection of a suggested `label` on `fragments`.
pub fn rejection_key(annotator: &str, label: &str, fragments: &[Fragment]) -> String {
    let spans: Vec<String> = fragments
        .iter()
        .map(|f| format!("{}-{}", f.start, f.end))
        .collect();
    format!("{PREFIX}{annotator}/{label}/{}", spans.join(","))
}

/// The label and fragments a rejection key names, whoever rejected it; `None` for a key that
/// is not a suggestion's (a reviewer's rejection).
pub fn rejected_span(key: &str) -> Option<(&str, Vec<Fragment>)> {
    let rest = key.strip_prefix(PREFIX)?;
    let mut parts = rest.rsplitn(3, '/');
    let spans = parts.next()?;
    let label = parts.next()?;
    let fragments = spans
        .split(',')
        .map(|s| {
            let (a, b) = s.split_once('-')?;
            Some(Fragment::new(a.parse().ok()?, b.parse().ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((label, fragments))
}

/// True when a rejection in `rejected` (anyone's) names this label and these fragments.
pub fn is_rejected(rejected: &BTreeSet<String>, label: &str, fragments: &[Fragment]) -> bool {
    rejected
        .iter()
        .filter_map(|k| rejected_span(k))
        .any(|(l, f)| l == label && f == fragments)
}

/// What `annotator` is offered from the suggested layer (`suggested`, `links`): every
/// suggestion that is not a speaker, with its attributed speaker, in text order — leaving out
/// those the annotator rejected and those their layer (`mine`) already covers with the same
/// label.
pub fn offers(
    suggested: &[Annotation],
    links: &[Relation],
    mine: &[Annotation],
    rejected: &BTreeSet<String>,
    annotator: &str,
) -> Vec<Offer> {
    // Indexed: a long article has thousands of suggestions and annotations.
    let by_id: HashMap<&str, &Annotation> = suggested.iter().map(|a| (a.id.as_str(), a)).collect();
    let link_from: HashMap<&str, &Relation> = links.iter().map(|r| (r.from.as_str(), r)).collect();
    let linked_to: HashSet<&str> = links.iter().map(|r| r.to.as_str()).collect();
    let speaker_of = |a: &Annotation| {
        let r = link_from.get(a.id.as_str())?;
        let to = by_id.get(r.to.as_str())?;
        Some(((*to).clone(), r.kind.clone()))
    };
    // My fragments by label, sorted by start, with the longest one's length.
    let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for m in mine {
        let list = spans.entry(m.label.as_str()).or_default();
        list.extend(m.fragments.iter().map(|f| (f.start, f.end)));
    }
    let longest = spans
        .values()
        .flatten()
        .map(|(s, e)| e - s)
        .max()
        .unwrap_or(0);
    for list in spans.values_mut() {
        list.sort_unstable();
    }
    let covered = |a: &Annotation| {
        let Some(list) = spans.get(a.label.as_str()) else {
            return false;
        };
        a.fragments.iter().any(|g| {
            // Fragments that start before g ends and less than `longest` before g starts.
            let to = list.partition_point(|&(s, _)| s < g.end);
            let from = list.partition_point(|&(s, _)| s + longest <= g.start);
            list[from..to.max(from)]
                .iter()
                .any(|&(s, e)| s < g.end && g.start < e)
        })
    };
    let mut out: Vec<Offer> = suggested
        .iter()
        .filter(|a| a.label != "speaker" || !linked_to.contains(a.id.as_str()))
        .filter(|a| {
            rejected.is_empty()
                || !rejected.contains(&rejection_key(annotator, &a.label, &a.fragments))
        })
        .filter(|a| !covered(a))
        .map(|a| Offer {
            annotation: a.clone(),
            speaker: speaker_of(a),
        })
        .collect();
    out.sort_by_key(|o| o.annotation.extent());
    out
}

/// The one edit that accepts `offers` into `layer` of document `doc`: each annotation (marked
/// as accepted from a suggestion), its speaker — unless `mine` or an offer accepted before it
/// already has that speaker's span — and the link between them. `fresh_id` gives new ids.
pub fn accept(
    doc: &str,
    offers: &[&Offer],
    layer: &str,
    mine: &[Annotation],
    fresh_id: &mut dyn FnMut() -> String,
) -> Edit {
    let mut speakers: Vec<(Vec<Fragment>, String)> = mine
        .iter()
        .filter(|a| a.label == "speaker")
        .map(|a| (a.fragments.clone(), a.id.clone()))
        .collect();
    let mut edits = Vec::new();
    for offer in offers {
        let id = fresh_id();
        edits.push(add(doc, &offer.annotation, &id, layer));
        let Some((speaker, kind)) = &offer.speaker else {
            continue;
        };
        let to = match speakers.iter().find(|(f, _)| *f == speaker.fragments) {
            Some((_, to)) => to.clone(),
            None => {
                let to = fresh_id();
                edits.push(add(doc, speaker, &to, layer));
                speakers.push((speaker.fragments.clone(), to.clone()));
                to
            }
        };
        edits.push(Edit::Link {
            doc: doc.to_string(),
            relation: Relation {
                id: String::new(),
                annotator: layer.to_string(),
                kind: kind.clone(),
                from: id,
                to,
            },
        });
    }
    Edit::Batch(edits)
}

/// Adds a copy of the suggested `annotation` to `layer` as `id`, marked as accepted from a
/// suggestion (edited, when [`Offer::reshaped`] gave it new boundaries).
fn add(doc: &str, annotation: &Annotation, id: &str, layer: &str) -> Edit {
    let origin = match annotation.origin {
        Origin::EditedSuggestion => Origin::EditedSuggestion,
        _ => Origin::Suggestion,
    };
    Edit::AddAnnotation {
        doc: doc.to_string(),
        annotation: Annotation {
            id: id.to_string(),
            annotator: layer.to_string(),
            origin,
            ..annotation.clone()
        },
    }
}

/// The edit that rejects `offer` for `annotator`: remembered, and undone like any edit.
pub fn reject(doc: &str, offer: &Offer, annotator: &str) -> Edit {
    Edit::SetRejected {
        doc: doc.to_string(),
        item: rejection_key(
            annotator,
            &offer.annotation.label,
            &offer.annotation.fragments,
        ),
        rejected: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, label: &str, frags: &[(usize, usize)]) -> Annotation {
        Annotation {
            origin: Origin::Hand,
            id: id.into(),
            annotator: "suggested".into(),
            label: label.into(),
            fragments: frags.iter().map(|&(s, e)| Fragment::new(s, e)).collect(),
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        }
    }

    fn link(from: &str, to: &str) -> Relation {
        Relation {
            id: format!("r-{from}"),
            annotator: "suggested".into(),
            kind: "attribution".into(),
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn rejection_keys_name_label_and_fragments_and_read_back() {
        let frags = [Fragment::new(3, 9), Fragment::new(20, 31)];
        let key = rejection_key("anna/b", "quote", &frags);
        assert_eq!(key, "suggestion/anna/b/quote/3-9,20-31");
        assert_eq!(rejected_span(&key), Some(("quote", frags.to_vec())));
        assert_eq!(rejected_span("boundary|quote|3"), None);
        assert_eq!(rejected_span("suggestion/anna/quote/3-x"), None);
    }

    #[test]
    fn offers_leave_out_speakers_rejected_and_covered_ones() {
        let suggested = vec![
            ann("q1", "quote", &[(0, 10)]),
            ann("s1", "speaker", &[(12, 17)]),
            ann("q2", "quote", &[(20, 30), (40, 50)]),
            ann("q3", "quote", &[(60, 70)]),
        ];
        let links = vec![link("q1", "s1"), link("q2", "s1")];
        let mine = vec![ann("m1", "quote", &[(62, 66)])];
        let rejected: BTreeSet<String> =
            [rejection_key("anna", "quote", &suggested[2].fragments)].into();
        let got = offers(&suggested, &links, &mine, &rejected, "anna");
        let ids: Vec<&str> = got.iter().map(|o| o.annotation.id.as_str()).collect();
        assert_eq!(ids, ["q1"], "q2 rejected, q3 covered, s1 a speaker");
        assert_eq!(got[0].speaker.as_ref().map(|s| s.0.id.as_str()), Some("s1"));
        // Someone else's rejection hides nothing from anna.
        let bens: BTreeSet<String> =
            [rejection_key("ben", "quote", &suggested[2].fragments)].into();
        assert_eq!(offers(&suggested, &links, &[], &bens, "anna").len(), 3);
        assert!(is_rejected(&bens, "quote", &suggested[2].fragments));
    }

    #[test]
    fn accepting_two_quotes_of_one_speaker_adds_the_speaker_once() {
        let suggested = vec![
            ann("q1", "quote", &[(0, 10)]),
            ann("s1", "speaker", &[(12, 17)]),
            ann("q2", "quote", &[(20, 30)]),
        ];
        let links = vec![link("q1", "s1"), link("q2", "s1")];
        let all = offers(&suggested, &links, &[], &BTreeSet::new(), "anna");
        let mut n = 0;
        let edit = accept(
            "d",
            &all.iter().collect::<Vec<_>>(),
            "anna",
            &[],
            &mut || {
                n += 1;
                format!("a{n}")
            },
        );
        let Edit::Batch(edits) = edit else {
            panic!("one step")
        };
        let added: Vec<(String, String, Origin)> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::AddAnnotation { annotation: a, .. } => {
                    Some((a.id.clone(), a.annotator.clone(), a.origin))
                }
                _ => None,
            })
            .collect();
        assert_eq!(added.len(), 3, "two quotes and one speaker: {added:?}");
        assert!(
            added
                .iter()
                .all(|(_, who, o)| who == "anna" && *o == Origin::Suggestion)
        );
        let links: Vec<(String, String)> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::Link { relation: r, .. } => Some((r.from.clone(), r.to.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            links,
            [("a1".into(), "a2".into()), ("a3".into(), "a2".into())]
        );
    }

    #[test]
    fn accepting_reuses_a_speaker_the_layer_already_has() {
        let suggested = vec![
            ann("q1", "quote", &[(0, 10)]),
            ann("s1", "speaker", &[(12, 17)]),
        ];
        let links = vec![link("q1", "s1")];
        let mut mine_speaker = ann("m7", "speaker", &[(12, 17)]);
        mine_speaker.annotator = "anna".into();
        let all = offers(
            &suggested,
            &links,
            &[mine_speaker.clone()],
            &BTreeSet::new(),
            "anna",
        );
        let edit = accept("d", &[&all[0]], "anna", &[mine_speaker], &mut || {
            "new".into()
        });
        let Edit::Batch(edits) = edit else {
            panic!("one step")
        };
        assert_eq!(edits.len(), 2, "the quote and the link: {edits:?}");
        assert!(matches!(&edits[1], Edit::Link { relation, .. } if relation.to == "m7"));
    }
}

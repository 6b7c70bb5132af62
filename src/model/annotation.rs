//! Annotations, fragments and relations: labels on spans of a document, and links between them.

use std::collections::BTreeMap;

use serde_json::Value;

use super::offsets::OffsetIndex;

/// A half-open code point range `[start, end)` of a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fragment {
    /// First code point covered.
    pub start: usize,
    /// First code point after the fragment.
    pub end: usize,
}

impl Fragment {
    /// A fragment `[start, end)`.
    pub fn new(start: usize, end: usize) -> Fragment {
        Fragment { start, end }
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the fragment covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two fragments share at least one code point.
    pub fn overlaps(&self, other: &Fragment) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Attribute values by attribute name (`{"form": "direct"}`).
pub type Attributes = BTreeMap<String, Value>;

/// One label on one or more fragments of one document, by one annotator.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Identifier, unique within the document and annotator (`a1`, `a2`, ...).
    pub id: String,
    /// Whose layer it belongs to.
    pub annotator: String,
    /// The label's name, one of the schema's labels.
    pub label: String,
    /// Sorted, non-overlapping, non-empty fragments; more than one for a discontinuous span.
    pub fragments: Vec<Fragment>,
    /// The covered text: the fragments' slices joined by a single space.
    pub text: String,
    /// Optional attributes allowed by the schema for the label.
    pub attributes: Attributes,
    /// A free note.
    pub note: String,
    /// Drawn by hand, or accepted from a suggestion (as it was, or edited).
    pub origin: Origin,
}

/// Where an annotation came from: so that accepted suggestions cannot silently inflate a gold
/// standard, `stats`, the data card and `agree --exclude-accepted` tell them apart.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Made by a person.
    #[default]
    Hand,
    /// Accepted from a suggestion unchanged.
    Suggestion,
    /// Accepted from a suggestion, its label or span changed since.
    EditedSuggestion,
}

impl Origin {
    /// Its name in the database and the native format.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Hand => "hand",
            Origin::Suggestion => "suggestion",
            Origin::EditedSuggestion => "edited-suggestion",
        }
    }

    /// The origin named `name` (`hand` for anything unknown).
    pub fn from_name(name: &str) -> Origin {
        match name {
            "suggestion" => Origin::Suggestion,
            "edited-suggestion" => Origin::EditedSuggestion,
            _ => Origin::Hand,
        }
    }

    /// True for an annotation accepted from a suggestion, edited or not.
    pub fn is_accepted(self) -> bool {
        self != Origin::Hand
    }
}

impl Annotation {
    /// First and last code point it reaches: `(start of the first fragment, end of the last)`.
    pub fn extent(&self) -> (usize, usize) {
        (
            self.fragments.first().map_or(0, |f| f.start),
            self.fragments.last().map_or(0, |f| f.end),
        )
    }

    /// Code points it covers.
    pub fn covered_len(&self) -> usize {
        self.fragments.iter().map(Fragment::len).sum()
    }

    /// Code points it shares with `other`.
    pub fn shared_len(&self, other: &Annotation) -> usize {
        let mut n = 0;
        for f in &self.fragments {
            for g in &other.fragments {
                n += f.end.min(g.end).saturating_sub(f.start.max(g.start));
            }
        }
        n
    }

    /// True when both have the same label and the same fragments (whoever made them).
    pub fn same_span(&self, other: &Annotation) -> bool {
        self.label == other.label && self.fragments == other.fragments
    }
}

/// A typed, directed link between two annotations of the same document and annotator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Identifier, unique within the document and annotator (`r1`, ...).
    pub id: String,
    /// Whose layer it belongs to (the same as both ends').
    pub annotator: String,
    /// The relation type (`attribution`, `rebuts`, ...).
    pub kind: String,
    /// Id of the source annotation.
    pub from: String,
    /// Id of the target annotation.
    pub to: String,
}

/// Why a set of fragments cannot be used on a text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FragmentError {
    /// No fragment at all.
    #[error("an annotation needs at least one fragment")]
    None,
    /// `start >= end`.
    #[error("fragment [{start}, {end}) is empty or reversed")]
    Empty {
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
    },
    /// The fragment reaches past the text.
    #[error("fragment [{start}, {end}) lies past the end of the text ({len} code points)")]
    PastEnd {
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// Length of the text in code points.
        len: usize,
    },
    /// Two fragments share code points.
    #[error("fragments [{}, {}) and [{}, {}) overlap", .0.start, .0.end, .1.start, .1.end)]
    Overlap(Fragment, Fragment),
}

/// Sorts fragments, merges touching ones and checks them against a text of `len` code points.
pub fn normalize_fragments(
    mut fragments: Vec<Fragment>,
    len: usize,
) -> Result<Vec<Fragment>, FragmentError> {
    if fragments.is_empty() {
        return Err(FragmentError::None);
    }
    fragments.sort();
    let mut out: Vec<Fragment> = Vec::with_capacity(fragments.len());
    for f in fragments {
        if f.is_empty() {
            return Err(FragmentError::Empty {
                start: f.start,
                end: f.end,
            });
        }
        if f.end > len {
            return Err(FragmentError::PastEnd {
                start: f.start,
                end: f.end,
                len,
            });
        }
        if let Some(last) = out.last_mut() {
            if last.overlaps(&f) {
                return Err(FragmentError::Overlap(*last, f));
            }
            if last.end == f.start {
                last.end = f.end;
                continue;
            }
        }
        out.push(f);
    }
    Ok(out)
}

/// The covered text of `fragments`: their slices of the text joined by a single space.
///
/// Fragments must already be valid for the text (see [`normalize_fragments`]).
pub fn covered_text(text: &str, index: &OffsetIndex, fragments: &[Fragment]) -> Option<String> {
    let mut out = String::new();
    for (i, f) in fragments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&text[index.byte_range(f.start, f.end)?]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frags(v: &[(usize, usize)]) -> Vec<Fragment> {
        v.iter().map(|&(s, e)| Fragment::new(s, e)).collect()
    }

    #[test]
    fn fragments_are_sorted_merged_and_checked() {
        assert_eq!(
            normalize_fragments(frags(&[(5, 8), (0, 2)]), 10),
            Ok(frags(&[(0, 2), (5, 8)]))
        );
        assert_eq!(
            normalize_fragments(frags(&[(0, 2), (2, 4)]), 10),
            Ok(frags(&[(0, 4)]))
        );
        assert_eq!(normalize_fragments(vec![], 10), Err(FragmentError::None));
        assert_eq!(
            normalize_fragments(frags(&[(3, 3)]), 10),
            Err(FragmentError::Empty { start: 3, end: 3 })
        );
        assert_eq!(
            normalize_fragments(frags(&[(3, 11)]), 10),
            Err(FragmentError::PastEnd {
                start: 3,
                end: 11,
                len: 10
            })
        );
        assert!(matches!(
            normalize_fragments(frags(&[(0, 5), (4, 6)]), 10),
            Err(FragmentError::Overlap(..))
        ));
    }

    #[test]
    fn covered_text_joins_fragments_with_one_space() {
        let text = "„Wir“, sagte er, „können.“ 👍";
        let idx = OffsetIndex::new(text);
        let got = covered_text(text, &idx, &frags(&[(0, 5), (17, 26)]));
        assert_eq!(got.as_deref(), Some("„Wir“ „können.“"));
        assert_eq!(
            covered_text(text, &idx, &frags(&[(27, 28)])).as_deref(),
            Some("👍")
        );
    }
}

//! Searching the corpus: words and phrases through the full-text index (FTS5), annotations by
//! label, layer, text, attribute and note. Hits come in document order, each with the words
//! around it.

use rusqlite::params;

use super::{Store, StoreResult};
use crate::model::Annotation;

/// How many code points of context a hit shows on each side.
const CONTEXT: usize = 60;

/// One place in a document where the searched words occur.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextHit {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: String,
    /// Start of the hit, in code points.
    pub start: usize,
    /// End of the hit (exclusive), in code points.
    pub end: usize,
    /// The words before the hit (up to a line end), trimmed to whole words.
    pub before: String,
    /// The hit as it is written in the text.
    pub matched: String,
    /// The words after the hit (up to a line end), trimmed to whole words.
    pub after: String,
}

/// What a text search found, at most the number of hits asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextHits {
    /// The hits, in document order and text order within a document.
    pub hits: Vec<TextHit>,
    /// How many documents contain the words (all of them, not only those with hits shown).
    pub documents: usize,
    /// True when more hits exist than were returned.
    pub truncated: bool,
}

/// One annotation that matched an annotation search.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationHit {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: String,
    /// The annotation (with its layer in `annotator`).
    pub annotation: Annotation,
}

/// What an annotation search looks for; every part given must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationQuery {
    /// The label, exactly.
    pub label: Option<String>,
    /// The layer (annotator), exactly.
    pub annotator: Option<String>,
    /// Words the covered text contains (case-insensitive for ASCII letters).
    pub text: Option<String>,
    /// An attribute name, and the value it must have (any value when `None`).
    pub attribute: Option<(String, Option<String>)>,
    /// Words the note contains.
    pub note: Option<String>,
}

impl AnnotationQuery {
    /// Reads what a user types into the search field: `label:quote`, `by:anna` (or
    /// `annotator:anna`), `form=direct` (an attribute and its value), `note:WORDS`; the other
    /// words are looked for in the covered text.
    pub fn parse(typed: &str) -> AnnotationQuery {
        let mut query = AnnotationQuery::default();
        let mut words = Vec::new();
        for word in typed.split_whitespace() {
            if let Some(label) = word.strip_prefix("label:") {
                query.label = Some(label.to_string());
            } else if let Some(name) = word
                .strip_prefix("by:")
                .or_else(|| word.strip_prefix("annotator:"))
            {
                query.annotator = Some(name.to_string());
            } else if let Some(note) = word.strip_prefix("note:") {
                query.note = Some(note.to_string());
            } else if let Some((name, value)) = word.split_once('=') {
                query.attribute = Some((name.to_string(), Some(value.to_string())));
            } else {
                words.push(word);
            }
        }
        if !words.is_empty() {
            query.text = Some(words.join(" "));
        }
        query
    }

    /// True when nothing was asked for.
    pub fn is_empty(&self) -> bool {
        *self == AnnotationQuery::default()
    }
}

/// The words of a query as the index sees them: runs of letters and digits.
fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where the phrase `words` occurs in `text`: code point ranges of consecutive words that
/// equal them, case folded.
pub fn phrase_ranges(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let mut tokens: Vec<(usize, usize, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut count = 0;
    for (cp, c) in text.chars().enumerate() {
        count = cp + 1;
        if c.is_alphanumeric() {
            let entry = current.get_or_insert_with(|| (cp, String::new()));
            entry.1.extend(c.to_lowercase());
        } else if let Some((start, word)) = current.take() {
            tokens.push((start, cp, word));
        }
    }
    if let Some((start, word)) = current {
        tokens.push((start, count, word));
    }
    if words.is_empty() || tokens.len() < words.len() {
        return Vec::new();
    }
    tokens
        .windows(words.len())
        .filter(|w| w.iter().zip(words).all(|(t, q)| t.2 == *q))
        .map(|w| (w[0].0, w[words.len() - 1].1))
        .collect()
}

/// The context of `start..end` in `chars`: whole words, not crossing a line end.
fn context(chars: &[char], start: usize, end: usize) -> (String, String) {
    let from = start.saturating_sub(CONTEXT);
    let mut before: Vec<char> = chars[from..start].to_vec();
    if let Some(p) = before.iter().rposition(|c| *c == '\n') {
        before.drain(..=p);
    } else if from > 0
        && let Some(p) = before.iter().position(|c| c.is_whitespace())
    {
        before.drain(..=p);
    }
    let to = (end + CONTEXT).min(chars.len());
    let mut after: Vec<char> = chars[end..to].to_vec();
    if let Some(p) = after.iter().position(|c| *c == '\n') {
        after.truncate(p);
    } else if to < chars.len()
        && let Some(p) = after.iter().rposition(|c| c.is_whitespace())
    {
        after.truncate(p);
    }
    (before.into_iter().collect(), after.into_iter().collect())
}

impl Store {
    /// Finds the words of `query`, in this order and next to each other (a phrase), in every
    /// document; case does not matter. Answers at most `limit` hits.
    pub fn search_text(&self, query: &str, limit: usize) -> StoreResult<TextHits> {
        let words = words(query);
        if words.is_empty() {
            return Ok(TextHits::default());
        }
        let phrase = format!("\"{}\"", words.join(" ").replace('"', "\"\""));
        let documents: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?1",
            [&phrase],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.text FROM documents_fts f JOIN documents d ON d.pk = f.rowid
             WHERE documents_fts MATCH ?1 ORDER BY f.rowid",
        )?;
        let mut rows = stmt.query([&phrase])?;
        let mut found = TextHits {
            documents: documents as usize,
            ..TextHits::default()
        };
        while let Some(row) = rows.next()? {
            let (doc, title, text): (String, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let ranges = phrase_ranges(&text, &words);
            let chars: Vec<char> = text.chars().collect();
            for (start, end) in ranges {
                if found.hits.len() == limit {
                    found.truncated = true;
                    return Ok(found);
                }
                let (before, after) = context(&chars, start, end);
                found.hits.push(TextHit {
                    doc: doc.clone(),
                    title: title.clone(),
                    start,
                    end,
                    before,
                    matched: chars[start..end].iter().collect(),
                    after,
                });
            }
        }
        Ok(found)
    }

    /// The annotations that match `query`, in document and text order, at most `limit`.
    pub fn search_annotations(
        &self,
        query: &AnnotationQuery,
        limit: usize,
    ) -> StoreResult<Vec<AnnotationHit>> {
        let like = |s: &Option<String>| s.as_ref().map(|s| format!("%{}%", escape_like(s)));
        let (attr_name, attr_value) = match &query.attribute {
            Some((name, value)) => (
                Some(format!("$.\"{}\"", name.replace('"', ""))),
                value.clone(),
            ),
            None => (None, None),
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.title, {} FROM annotations a
             JOIN annotators n ON n.pk = a.annotator JOIN documents d ON d.pk = a.doc
             WHERE (?1 IS NULL OR a.label = ?1) AND (?2 IS NULL OR n.name = ?2)
               AND (?3 IS NULL OR a.text LIKE ?3 ESCAPE '\\')
               AND (?4 IS NULL OR a.note LIKE ?4 ESCAPE '\\')
               AND (?5 IS NULL OR json_type(a.attributes, ?5) IS NOT NULL)
               AND (?6 IS NULL OR json_extract(a.attributes, ?5) = ?6)
             ORDER BY a.doc, a.start, n.name LIMIT ?7",
            super::rows::ANNOTATION_COLUMNS
        ))?;
        let rows = stmt.query_map(
            params![
                query.label,
                query.annotator,
                like(&query.text),
                like(&query.note),
                attr_name,
                attr_value,
                limit as i64
            ],
            |r| {
                Ok(AnnotationHit {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    annotation: super::rows::annotation_from_row_at(r, 2)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// `s` with LIKE's wildcards taken literally.
fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_found_whole_and_case_folded() {
        let text =
            "Olaf Scholz sagte: „SCHOLZ bleibt.“ Olaf  Scholz, olaf-scholz und Olafs Scholz.";
        let words = words("olaf scholz");
        let found = phrase_ranges(text, &words);
        let covered: Vec<String> = found
            .iter()
            .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect();
        assert_eq!(covered, ["Olaf Scholz", "Olaf  Scholz", "olaf-scholz"]);
    }

    #[test]
    fn context_stops_at_line_ends_and_keeps_whole_words() {
        let text: Vec<char> =
            "Titel\nEin langer Satz mit dem Wort Merz darin und danach mehr\nNächste"
                .chars()
                .collect();
        let start = text.iter().collect::<String>().find("Merz").unwrap();
        let start = text.iter().collect::<String>()[..start].chars().count();
        let (before, after) = context(&text, start, start + 4);
        assert_eq!(before, "Ein langer Satz mit dem Wort ");
        assert_eq!(after, " darin und danach mehr");
    }

    #[test]
    fn annotation_queries_read_what_users_type() {
        let q = AnnotationQuery::parse("label:speaker by:anna form=direct note:prüfen Merz sagt");
        assert_eq!(q.label.as_deref(), Some("speaker"));
        assert_eq!(q.annotator.as_deref(), Some("anna"));
        assert_eq!(q.attribute, Some(("form".into(), Some("direct".into()))));
        assert_eq!(q.note.as_deref(), Some("prüfen"));
        assert_eq!(q.text.as_deref(), Some("Merz sagt"));
        assert!(AnnotationQuery::parse("  ").is_empty());
    }
}

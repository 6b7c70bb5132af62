//! Marked text that stands among other marked text as one item of a list (`Vorträge wie „…“,
//! „…“ oder „…“`) or glosses a marked term (`„Cast Lead“ („gegossenes Blei“)`): titles,
//! names and translations, not quotes.

use super::super::sentence::{CLOSING_MARKS, OPENING_MARKS};

/// The fewest marked items a run needs to be a list of titles rather than quotes: two quotes
/// joined by `und` are often one speaker's two sentences.
const LIST: usize = 3;

/// Whether the marks of `fragments` are one of [`LIST`] or more marked items in a row,
/// joined by commas, `und`, `oder` or `sowie`.
pub(super) fn in_a_list(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let (mut first, mut last) = (fragments[0].0, fragments[fragments.len() - 1].1);
    // Counting stops at [`LIST`]: a text of nothing but marked items costs no more per item.
    let mut items = 1;
    while items < LIST
        && let Some(open) = item_before(chars, first)
    {
        items += 1;
        first = open;
    }
    while items < LIST
        && let Some(end) = item_after(chars, last)
    {
        items += 1;
        last = end;
    }
    items >= LIST
}

/// Whether the marks of `fragments` open right inside parentheses after a marked term or a
/// word that announces a translation (`„Cast Lead“ („gegossenes Blei“)`, `(übersetzt etwa:
/// „…“)`).
pub(super) fn glosses(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let first = fragments[0].0;
    let before: String = chars[first.saturating_sub(40)..first].iter().collect();
    let Some(paren) = before.rfind('(') else {
        return false;
    };
    let inside = before[paren + 1..].to_lowercase();
    if inside.contains(')') {
        return false;
    }
    let after_mark = before[..paren]
        .trim_end()
        .ends_with(['“', '”', '"', '«', '»', '’']);
    let translated = ["übersetzt", "deutsch", "englisch"]
        .iter()
        .any(|w| inside.contains(w));
    after_mark && inside.trim().is_empty() || translated
}

/// What may join two items of a list.
const JOINTS: &[&str] = &[
    ", ",
    " und ",
    " oder ",
    " sowie ",
    ", und ",
    ", oder ",
    " oder beispielsweise ",
    ", oder beispielsweise ",
];

/// The opening mark of the marked item that ends, with a joint, right before `open`.
fn item_before(chars: &[char], open: usize) -> Option<usize> {
    let before: String = chars[open.saturating_sub(30)..open].iter().collect();
    let joint = JOINTS
        .iter()
        .filter(|j| before.ends_with(*j))
        .max_by_key(|j| j.len())?;
    let close_at = open.checked_sub(joint.chars().count() + 1)?;
    if !CLOSING_MARKS.contains(chars[close_at]) {
        return None;
    }
    (close_at.saturating_sub(300)..close_at)
        .rev()
        .find(|&i| OPENING_MARKS.contains(chars[i]) && (i == 0 || chars[i - 1].is_whitespace()))
}

/// The end (after the closing mark) of the marked item that opens, after a joint, right
/// after `end`.
fn item_after(chars: &[char], end: usize) -> Option<usize> {
    let after: String = chars[end..(end + 30).min(chars.len())].iter().collect();
    let joint = JOINTS
        .iter()
        .filter(|j| after.starts_with(*j))
        .max_by_key(|j| j.len())?;
    let open_at = end + joint.chars().count();
    if !chars
        .get(open_at)
        .is_some_and(|&c| OPENING_MARKS.contains(c))
    {
        return None;
    }
    (open_at + 1..(open_at + 300).min(chars.len()))
        .find(|&i| {
            CLOSING_MARKS.contains(chars[i])
                && chars.get(i + 1).is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|i| i + 1)
}

//! Turning a rough mouse selection into the span an annotator means.

use unicode_segmentation::UnicodeSegmentation;

/// Snaps the code point range `[start, end)` of `text` to whole words and trims it.
///
/// An end inside a word moves out to the word's edge; white space at either end goes, and so
/// do commas, semicolons and colons at either end. Quotation marks, brackets and sentence
/// punctuation stay, since a direct quote includes them. Answers `None` when nothing is left.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    // Word boundaries as code point offsets.
    let mut bounds = vec![0usize];
    let mut cp = 0usize;
    for word in text.split_word_bounds() {
        cp += word.chars().count();
        bounds.push(cp);
    }
    let len = cp;
    let end = end.min(len);
    if start >= end {
        return None;
    }
    let s = match bounds.binary_search(&start) {
        Ok(_) => start,
        Err(i) => bounds[i - 1],
    };
    let e = match bounds.binary_search(&end) {
        Ok(_) => end,
        Err(i) => bounds[i.min(bounds.len() - 1)],
    };
    trim(text, s, e)
}

/// Trims white space and `,` `;` `:` from both ends of `[start, end)`, without snapping; also
/// an opening mark left dangling at the end (`„` `«` `‚` `(` `[`) and a closing mark left
/// dangling at the start (`”` `’` `)` `]`), which belong to the neighbouring words.
pub fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let strip = |c: &char| c.is_whitespace() || matches!(c, ',' | ';' | ':');
    let lead = chars
        .iter()
        .take_while(|c| strip(c) || matches!(c, '”' | '’' | ')' | ']'))
        .count();
    if lead == chars.len() {
        return None;
    }
    let trail = chars[lead..]
        .iter()
        .rev()
        .take_while(|c| strip(c) || matches!(c, '„' | '«' | '‚' | '(' | '['))
        .count();
    Some((start + lead, end - trail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, sel: &str, expected: Option<&str>) {
        let start = text
            .find(sel)
            .map(|b| text[..b].chars().count())
            .expect("selection in text");
        let end = start + sel.chars().count();
        let got = snap_to_words(text, start, end)
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect::<String>());
        assert_eq!(got.as_deref(), expected, "selection {sel:?}");
    }

    #[test]
    fn snaps_and_trims_like_an_annotator_wants() {
        let text = "„Wir wurden nicht gewarnt“, sagte Bürgermeisterin Krause 😀.";
        check(text, "ürgermeisterin Kra", Some("Bürgermeisterin Krause"));
        check(text, " Krause ", Some("Krause"));
        check(
            text,
            "„Wir wurden nicht gewarnt“, ",
            Some("„Wir wurden nicht gewarnt“"),
        );
        check(text, "sagte", Some("sagte"));
        check(text, ", ", None);
        check(text, "😀.", Some("😀."));
        let text = "„Wir wurden nicht gewarnt“, sagte Krause, „und das";
        check(
            text,
            "„Wir wurden nicht gewarnt“, sagte Krause, „",
            Some("„Wir wurden nicht gewarnt“, sagte Krause"),
        );
        check("He said ” nothing", "” nothing", Some("nothing"));
    }

    #[test]
    fn reversed_and_empty_ranges() {
        assert_eq!(snap_to_words("ab cd", 4, 1), Some((0, 5)));
        assert_eq!(snap_to_words("ab cd", 2, 2), None);
        assert_eq!(trim("  x  ", 0, 5), Some((2, 3)));
    }
}

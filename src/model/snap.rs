//! Turning a rough mouse selection into the span an annotator means.

use unicode_segmentation::UnicodeSegmentation;

/// Snaps the code point range `[start, end)` of `text` to whole words and trims it.
///
/// An end inside a word moves out to the word's edge; white space at either end goes, and so
/// do commas, semicolons and colons at either end. Quotation marks are taken in pairs: a span
/// that covers the quoted words (or one of their marks) grows to hold both marks around them,
/// and punctuation after the closing mark is left out (`„…einzulegen“.` ends at `“`). Sentence
/// punctuation elsewhere stays. Answers `None` when nothing is left.
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
    let chars: Vec<char> = text.chars().collect();
    trim(text, s, e)
        .filter(|(s, e)| s < e)
        .map(|(s, e)| pair_quotation_marks(&chars, s, e))
}

/// Quotation mark pairs, opening first: German, English, French and Swiss styles, single
/// and double.
const QUOTE_PAIRS: &[(char, char)] = &[
    ('„', '“'),
    ('„', '”'),
    ('“', '”'),
    ('"', '"'),
    ('»', '«'),
    ('«', '»'),
    ('‚', '‘'),
    ('‘', '’'),
    ('›', '‹'),
    ('‹', '›'),
];

/// True when `open` … `close` is a pair of quotation marks.
fn is_pair(open: char, close: char) -> bool {
    QUOTE_PAIRS.contains(&(open, close))
}

/// Grows `[s, e)` to hold both marks of a quotation whose words (or one of whose marks) it
/// covers, then leaves out punctuation that follows a closing mark at its end.
fn pair_quotation_marks(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    if e <= s || e > chars.len() {
        return (s, e);
    }
    let at = |i: usize| chars.get(i).copied();
    let before = s.checked_sub(1).and_then(at);
    let starts_open = at(s).filter(|&o| !chars[s + 1..e].iter().any(|&c| is_pair(o, c)));
    let ends_close = (e > s + 1)
        .then(|| at(e - 1))
        .flatten()
        .filter(|&c| !chars[s..e - 1].iter().any(|&o| is_pair(o, c)));
    match (before, at(e)) {
        // The words inside the marks: take both marks.
        (Some(o), Some(c)) if is_pair(o, c) => {
            s -= 1;
            e += 1;
        }
        _ => {
            if let (Some(o), Some(c)) = (starts_open, at(e))
                && is_pair(o, c)
            {
                e += 1;
            } else if let (Some(o), Some(c)) = (before, ends_close)
                && is_pair(o, c)
            {
                s -= 1;
            }
        }
    }
    // `„…“.` → `„…“`: the sentence's period belongs to the reporting sentence.
    let mut end = e;
    while end > s + 1 && matches!(chars[end - 1], '.' | '!' | '?' | '…') {
        end -= 1;
    }
    if end < e && end > s && QUOTE_PAIRS.iter().any(|&(_, c)| c == chars[end - 1]) {
        let close = chars[end - 1];
        if chars[s..end - 1].iter().any(|&o| is_pair(o, close)) {
            e = end;
        }
    }
    (s, e)
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
        check("Er sagte „ und", "„", None);
    }

    #[test]
    fn quotation_marks_come_in_pairs() {
        // The words inside the marks, in every style: both marks are taken.
        for (open, close) in QUOTE_PAIRS {
            let text = format!("Er sagte: {open}Wir bleiben hier{close}, und ging.");
            let quoted = format!("{open}Wir bleiben hier{close}");
            check(&text, "Wir bleiben hier", Some(&quoted));
            check(&text, "ir bleiben hie", Some(&quoted));
            // One mark and the words: the other mark too.
            check(&text, &format!("{open}Wir bleiben hier"), Some(&quoted));
            check(&text, &format!("Wir bleiben hier{close}"), Some(&quoted));
            // Part of the quotation: no marks.
            check(&text, "bleiben", Some("bleiben"));
            check(&text, "Wir bleiben", Some("Wir bleiben"));
        }
        // Punctuation inside the marks stays, outside goes.
        let text = "Er kündigte an, „Widerspruch einzulegen.“ Dann ging er.";
        check(
            text,
            "Widerspruch einzulegen.",
            Some("„Widerspruch einzulegen.“"),
        );
        let text = "Sie nannte es \"einen Fehler, Einspruch einzulegen\". Dann ging sie.";
        check(
            text,
            "\"einen Fehler, Einspruch einzulegen\".",
            Some("\"einen Fehler, Einspruch einzulegen\""),
        );
        check(
            text,
            "einen Fehler, Einspruch einzulegen",
            Some("\"einen Fehler, Einspruch einzulegen\""),
        );
        let text = "The mayor said “we were not warned”! Then she left.";
        check(text, "“we were not warned”!", Some("“we were not warned”"));
        // A comma after the mark was already left out; a period of a sentence without marks stays.
        check(
            "„Wir wurden nicht gewarnt“, sagte sie.",
            "„Wir wurden nicht gewarnt“, ",
            Some("„Wir wurden nicht gewarnt“"),
        );
        check(
            "Er sagte, es regne. Dann ging er.",
            "es regne.",
            Some("es regne."),
        );
        // Two quotations with a reporting clause between them are left as dragged.
        let text = "„Nein“, sagte er, „nie.“";
        check(
            text,
            "„Nein“, sagte er, „nie.“",
            Some("„Nein“, sagte er, „nie.“"),
        );
    }

    #[test]
    fn reversed_and_empty_ranges() {
        assert_eq!(snap_to_words("ab cd", 4, 1), Some((0, 5)));
        assert_eq!(snap_to_words("ab cd", 2, 2), None);
        assert_eq!(trim("  x  ", 0, 5), Some((2, 3)));
    }
}

//! The words of a sentence as the rules see them (code-point spans, text, whether a comma
//! came before), and the verb after a phrase that opens a sentence: shared by the speaker
//! finders and the indirect-speech finder.

use super::lexicon;

/// Double quotation marks that open a quote, in every style (`„…“`, `“…”`, `"…"`, `»…«`,
/// `«…»`).
pub const OPENING_MARKS: &str = "„“\"»«";

/// Double quotation marks that close a quote, in every style.
pub const CLOSING_MARKS: &str = "“”\"«»";

/// A word of the text: its code-point span and its characters.
#[derive(Clone, Debug)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A comma stands between this word and the one before.
    pub after_comma: bool,
    /// A dash (`–`, `—`) stands between this word and the one before.
    pub after_dash: bool,
}

/// The words of `chars[from..to]` (letters, digits, hyphens and apostrophes), with their
/// code-point spans.
pub fn words(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = from;
    let (mut comma, mut dash) = (false, false);
    while i < to.min(chars.len()) {
        if chars[i].is_alphanumeric() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || "-'’".contains(chars[i])
                    || web_domain_at(chars, i))
            {
                i += 1;
            }
            out.push(Word {
                start,
                end: i,
                text: chars[start..i].iter().collect(),
                after_comma: std::mem::take(&mut comma),
                after_dash: std::mem::take(&mut dash),
            });
        } else {
            // A comma between digits is a decimal one (`3,5 Milliarden`), no clause's end.
            let decimal = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            comma |= chars[i] == ',' && !decimal;
            // (A hyphen between spaces stands for a dash: `Konkreter wird Trump nicht - dafür …`.)
            let spaced = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_whitespace())
            };
            dash |= "–—".contains(chars[i])
                || chars[i] == '-' && spaced(i.checked_sub(1)) && spaced(Some(i + 1));
            i += 1;
        }
    }
    out
}

/// Whether the dot at `chars[i]` joins a web address to its domain (`tagesschau.de`,
/// `faz.net`): letters before it, and two to four lowercase letters after it that end the
/// word.
fn web_domain_at(chars: &[char], i: usize) -> bool {
    if chars[i] != '.' || !i.checked_sub(1).is_some_and(|b| chars[b].is_alphabetic()) {
        return false;
    }
    let domain = chars[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    (2..=4).contains(&domain)
        && chars
            .get(i + 1 + domain)
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Relative pronouns that open a clause on the noun before them.
pub(super) const RELATIVE: &[&str] = &[
    "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher", "welches",
];

/// The finite verb after a phrase that opens a sentence at `ws[from]` (`In seiner
/// Radioansprache`, `Den Unmut der CDU über Stoibers Äußerungen`, `Nach Angaben von n24`):
/// the phrase's nouns (what `noun` accepts) and what hangs on them by an article or
/// preposition are skipped, and the first other lowercase word is the verb, at most `span`
/// words after `from`.
pub fn verb_after_phrase(
    ws: &[Word],
    from: usize,
    span: usize,
    noun: &dyn Fn(&Word) -> bool,
) -> Option<usize> {
    let limit = (from + span).min(ws.len());
    let next_noun = |from: usize| (from..limit).find(|&j| noun(&ws[j]));
    let mut k = next_noun(from)? + 1;
    while k < limit {
        let w = ws[k].text.to_lowercase();
        // `In einem Bericht, der danach veröffentlicht wurde, rechtfertigte …`: a relative
        // clause on the phrase's noun runs to its closing comma; the verb follows it.
        if ws[k].after_comma && RELATIVE.contains(&w.as_str()) {
            let close = (k + 1..ws.len()).find(|&j| ws[j].after_comma)?;
            return ws[close]
                .text
                .starts_with(char::is_lowercase)
                .then_some(close);
        }
        if noun(&ws[k]) || ws[k].text.chars().all(|c| c.is_ascii_digit()) {
            // Numbers belong to the phrase too (`Vor dem Konklave 2005`).
            k += 1;
        } else if lexicon::ARTICLES.contains(&w.as_str())
            || lexicon::OBLIQUE.contains(&w.as_str())
            || lexicon::PREPOSITIONS.contains(&w.as_str())
            || [
                "und",
                "oder",
                "seiner",
                "ihrer",
                "seines",
                "ihres",
                "ersten",
                "jüngsten",
            ]
            .contains(&w.as_str())
        {
            k = next_noun(k + 1)? + 1;
        } else {
            return Some(k);
        }
    }
    None
}

/// The `wie` that opens a reporting clause at a sentence's end (`…, wie EADS gestern
/// mitteilte.`, `…, wie Burt Rutan, Chef der Firma, mitteilte.`, with a name set off by
/// commas inside): it names the source too.
pub fn told_with_wie(ws: &[Word]) -> Option<usize> {
    let at_end = ws.iter().rposition(|w| w.after_comma).filter(|&k| {
        ws[k].text.to_lowercase() == "wie"
            && ws.len() - k <= 8
            && ws[k..].iter().any(|w| lexicon::introduces(&w.text))
    });
    at_end.or_else(|| {
        let k = ws
            .iter()
            .rposition(|w| w.after_comma && w.text.to_lowercase() == "wie")?;
        let last = ws.len().checked_sub(1)?;
        (last - k < 12 && lexicon::introduces(&ws[last].text)).then_some(k)
    })
}

/// Whether a lowercase word `lower` is an adjective before the noun `next` (`ersten
/// Annahmen`, `neuesten Studien`).
pub fn adjective_before(lower: &str, next: &str) -> bool {
    ["e", "en", "er", "em", "es"]
        .iter()
        .any(|e| lower.ends_with(e))
        && next.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `w`, right after a comma, opens a relative clause or an age set into the sentence
/// (`Raj Patel, whose bakery …,`, `Margaret Elliot, 67,`): English words only.
pub fn opens_an_insertion(w: &Word) -> bool {
    ["who", "whose", "which"].contains(&w.text.as_str())
        || w.text.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the word `ws[j]` may be its clause's verb: lowercase, and not an article, a
/// preposition, a conjunction or an adjective before a noun (`frühere Bürgermeister`) — though
/// a Konjunktiv form (`habe`) is one.
pub fn may_be_a_verb(ws: &[Word], j: usize) -> bool {
    let lower = ws[j].text.to_lowercase();
    let small = [
        "und", "oder", "sowie", "von", "vom", "zu", "zur", "zum", "im", "in", "am", "an", "auf",
        "für", "mit", "bei", "aus", "nach", "des", "dem", "den",
    ];
    let before_a_noun = ws
        .get(j + 1)
        .is_some_and(|n| !n.after_comma && adjective_before(&lower, &n.text));
    ws[j].text.starts_with(char::is_lowercase)
        && (lexicon::KONJUNKTIV.contains(&lower.as_str())
            || !lexicon::ARTICLES.contains(&lower.as_str())
                && !small.contains(&lower.as_str())
                && !before_a_noun)
}

/// Whether `chars[i]` ends a sentence: `.`, `!` or `?` before a space or the text's end, and
/// not the dot of an abbreviation; or one [`without_space`] after it.
pub fn ends_sentence(chars: &[char], i: usize) -> bool {
    ".!?".contains(chars[i])
        && (chars.get(i + 1).is_none_or(|c| c.is_whitespace()) && !abbreviation_dot(chars, i)
            || without_space(chars, i))
}

/// Whether `chars[i]` is a `.`, `!` or `?` that ends a sentence with the space after it left
/// out, between a lowercase word and a capitalised one (`verschwunden.Der Deutsche …`, a slip
/// common in news text); not a web address (`tagesschau.de`), nor `Dr.Müller`.
pub fn without_space(chars: &[char], i: usize) -> bool {
    let letter = |j: usize, upper: bool| {
        chars.get(j).is_some_and(|c| {
            if upper {
                c.is_uppercase()
            } else {
                c.is_lowercase()
            }
        })
    };
    ".!?".contains(chars[i])
        && i >= 3
        && (i - 3..i).all(|j| letter(j, false))
        && letter(i + 1, true)
        && letter(i + 2, false)
}

/// Whether the dot at `chars[i]` ends an abbreviation rather than a sentence: after a single
/// letter (an initial, `Matthias W. Beckmann`, `u.a.`), after a day's number (`am 24. April`,
/// unless an article or pronoun follows), or after `Dr`, `Prof`, `St`, `Nr`, `ca`, `bzw`,
/// `vgl`, or any dot before a lowercase word (`Benedikt XVI. betriebenen`).
pub fn abbreviation_dot(chars: &[char], i: usize) -> bool {
    if chars.get(i) != Some(&'.') {
        return false;
    }
    let from = (i.saturating_sub(5)..i)
        .rev()
        .find(|&j| !chars[j].is_alphanumeric())
        .map_or(i.saturating_sub(5), |j| j + 1);
    let word: String = chars[from..i].iter().collect();
    let n = word.chars().count();
    let followed_by_word =
        chars.get(i + 1) == Some(&' ') && chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
    // A sentence opens with a capital: a lowercase word after the dot goes on with this one
    // (`Benedikt XVI. betriebenen`, `Abs. drei`), unless it is a name such as `eBay`. Read
    // only when the rest holds, without collecting the word: this runs for every dot a
    // sentence's start is looked for across.
    let lowercase_next = || {
        let mut next = chars
            .iter()
            .skip(i + 2)
            .take_while(|c| c.is_alphanumeric())
            .take(40);
        next.next().is_some_and(|c| c.is_lowercase()) && !next.any(|c| c.is_uppercase())
    };
    n > 0
        && followed_by_word
        && (lowercase_next()
            || n == 1 && word.chars().all(char::is_alphabetic)
            || n <= 2
                && word.chars().all(|c| c.is_ascii_digit())
                && !opens_a_sentence(chars, i + 2)
            || ["Dr", "Prof", "St", "Nr", "ca", "bzw", "vgl"].contains(&word.as_str()))
}

/// Whether the word at `chars[at]` is one that opens sentences and follows no day's number
/// (`des Modells 3. Ein Sprecher …`, not `am 3. Oktober`): an article or a pronoun.
fn opens_a_sentence(chars: &[char], at: usize) -> bool {
    let word: String = chars[at..]
        .iter()
        .take_while(|c| c.is_alphabetic())
        .collect();
    [
        "Der", "Die", "Das", "Den", "Dem", "Ein", "Eine", "Einer", "Er", "Sie", "Es", "Wir", "Ich",
        "Man", "Dies", "Diese", "Dieser", "Dieses",
    ]
    .contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::{abbreviation_dot, words};

    /// `test` at each dot of `t`.
    fn at_dots(t: &str, test: fn(&[char], usize) -> bool) -> Vec<bool> {
        let chars: Vec<char> = t.chars().collect();
        (0..chars.len())
            .filter(|&i| chars[i] == '.')
            .map(|i| test(&chars, i))
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_days_end_no_sentence() {
        let dots = |t: &str| at_dots(t, abbreviation_dot);
        assert_eq!(
            dots("Prof. Dr. Anna W. Beck kam am 24. April."),
            [true, true, true, true, false]
        );
        // A year, a word and the text's end do end one.
        assert_eq!(dots("Es war 1990. Dann kam er. Danach"), [false, false]);
        assert_eq!(dots("Er sagte u.a. nichts."), [false, true, false]);
        // A number that ends a sentence: an article or pronoun opens the next.
        assert_eq!(
            dots("Er kam auf Platz 3. Die Konkurrenz war stark."),
            [false, false]
        );
        // A lowercase word goes on with the sentence, unless it is a name like `eBay`.
        assert_eq!(
            dots("Papst Benedikt XVI. betriebene Reformen. eBay hält das für möglich."),
            [true, false, false]
        );
    }

    #[test]
    fn a_dot_without_the_space_after_it_ends_a_sentence_before_a_capital() {
        let ends = |t: &str| at_dots(t, super::ends_sentence);
        assert_eq!(ends("geborgen wurden.Das Schiff sank."), [true, true]);
        // Not a web address, an abbreviation or a title before a name.
        assert_eq!(ends("auf tagesschau.de und bei Dr.Müller"), [false, false]);
        assert_eq!(ends("die Firma eBay.Com kam"), [false]);
    }

    #[test]
    fn a_comma_between_digits_is_a_decimal_one() {
        assert_eq!(
            each_word("bis 3,5 Milliarden, sagte er, 4, 5", |w| w.after_comma),
            [false, false, false, false, true, false, true, true]
        );
    }

    #[test]
    fn a_hyphen_between_spaces_is_a_dash_and_one_in_a_word_is_not() {
        assert_eq!(
            each_word("nicht - dafür – der CDU-Chef -5", |w| w.after_dash),
            [false, true, true, false, false]
        );
    }

    /// `flag` of each word of `text`.
    fn each_word(text: &str, flag: fn(&super::Word) -> bool) -> Vec<bool> {
        let chars: Vec<char> = text.chars().collect();
        words(&chars, 0, chars.len()).iter().map(flag).collect()
    }
}

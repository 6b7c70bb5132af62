//! Direct quotes: text between quotation marks of every style („…“ „…” “…” "…" »…« «…» ‚…‘
//! ‘…’ '…'), one quote over several paragraphs when the next paragraph opens with the same mark
//! (the German and English convention), and one quote with two fragments when a short
//! reporting clause interrupts it („Wir können das“, sagte sie, „und wir tun es.“).

use super::lexicon;

mod listed;

/// The closing marks that may end a quote opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '„' => &['“', '”'],
        '“' => &['”'],
        '"' => &['"'],
        '»' => &['«'],
        '«' => &['»'],
        '‚' => &['‘', '’'],
        '‘' => &['’'],
        '\'' => &['\''],
        _ => &[],
    }
}

/// Whether `c` opens a quotation in one of the styles the rules know.
pub fn opens_a_quote(c: char) -> bool {
    !closers(c).is_empty()
}

/// A quote found between marks: its fragments (code points, marks included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// One fragment, or two around an interrupting reporting clause.
    pub fragments: Vec<(usize, usize)>,
}

/// The longest a quote may run, in code points, before an unclosed mark is given up.
const LONGEST: usize = 4000;

/// Every quoted passage of at least `min_words` words in `chars`.
pub fn find(chars: &[char], min_words: usize) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ends = closers(c);
        // An opening mark opens: start of text, or after space, a line break or a bracket.
        let opens = !ends.is_empty()
            && (i == 0 || chars[i - 1].is_whitespace() || "([–—-/:".contains(chars[i - 1]))
            && (c != '\'' || opens_an_apostrophe_quote(chars, i));
        if !opens {
            i += 1;
            continue;
        }
        match close_of(chars, i, ends) {
            Some(end) => {
                // `'ältere Arbeitslose': Verlängerung …`: a term explained after a colon.
                let label = c == '\'' && chars.get(end) == Some(&':');
                if words(&chars[i + 1..end - 1]) >= min_words && !label {
                    push_or_join(chars, &mut out, (i, end));
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end (after the closing mark) of the quote opened at `open`, following it into the
/// next paragraph when that one opens with the same mark.
fn close_of(chars: &[char], open: usize, ends: &[char]) -> Option<usize> {
    let mut j = open + 1;
    while j < chars.len() && j - open < LONGEST {
        let c = chars[j];
        if ends.contains(&c)
            && (c != chars[open] || j > open + 1)
            && (c != '\'' || closes_an_apostrophe_quote(chars, j))
        {
            // A closing mark closes: end of text, or before space, punctuation or a bracket.
            let next = chars.get(j + 1).copied().unwrap_or(' ');
            if next.is_whitespace() || ",.;:!?)–—-'’\"".contains(next) {
                return Some(j + 1);
            }
        }
        if c == '\n' {
            // A paragraph ends inside the quote: it goes on only if the next one opens again.
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if k < chars.len() && chars[k] == chars[open] {
                j = k + 1;
                continue;
            }
            return None;
        }
        j += 1;
    }
    None
}

/// Whether the straight apostrophe at `chars[at]`, where an opening mark may stand, opens a
/// quote (`'We will win,' she said`): a letter or a mark follows it, not a digit (`the '90s`)
/// or a space.
fn opens_an_apostrophe_quote(chars: &[char], at: usize) -> bool {
    chars
        .get(at + 1)
        .is_some_and(|&c| c.is_alphabetic() || "„“\"‚…".contains(c))
}

/// Whether the straight apostrophe at `chars[at]` may close a quote: not after a space, and
/// not the apostrophe of a plural's possessive (`the workers' rights`, a lowercase word after
/// it that reports no speech).
fn closes_an_apostrophe_quote(chars: &[char], at: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|b| chars[b]) else {
        return false;
    };
    if before.is_whitespace() {
        return false;
    }
    let next_word: String = chars[at + 1..]
        .iter()
        .skip_while(|c| **c == ' ')
        .take_while(|c| c.is_alphabetic())
        .collect();
    let possessive = before == 's'
        && chars.get(at + 1) == Some(&' ')
        && next_word.starts_with(char::is_lowercase)
        && !lexicon::reports(&next_word);
    !possessive
}

/// Whether marked text is something said rather than a title, a name or a term: a long
/// passage, one that ends as a sentence does, or one whose sentence has a reporting verb;
/// never a short run of capitalised words (`„Washington Post“`, `„Jungle Fever“`).
pub fn looks_said(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let inner = inner_text(chars, fragments);
    let ws = words_of(&inner);
    let ends_sentence = inner.trim_end().ends_with(['.', '!', '?', ',', '…']);
    // One capitalised word in marks is far more often a name or a term than a quote; a web
    // address never is one.
    let address = ws.len() == 1 && ws[0].contains('.') && !ends_sentence;
    if called(chars, fragments) {
        return true;
    }
    if name_like(chars, fragments) || address || names_a_title(chars, fragments) {
        return false;
    }
    // Two words or more that begin in lowercase are someone's wording (`„gravierende
    // rechtliche Bedenken“`): titles and names begin with a capital (not brands and product
    // names: `„iPod nano“`, `„documenta 12“`).
    let brand = ws
        .first()
        .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase))
        || inner.chars().any(|c| c.is_ascii_digit());
    let lowercase_phrase =
        ws.len() >= 2 && inner.chars().next().is_some_and(char::is_lowercase) && !brand;
    // Someone speaking of themselves or to others (`„Wir erwarten euch“`).
    let personal = ws.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        lexicon::FIRST_AND_SECOND_PERSON.contains(&w.as_str())
    });
    if ws.len() >= 6
        || ends_sentence
        || after_colon(chars, fragments[0].0)
        || lowercase_phrase
        || personal
    {
        return true;
    }
    // A short quote counts when its sentence reports speech.
    sentence_around(chars, fragments)
        .split_whitespace()
        .any(|w| {
            lexicon::reports(w)
                || lexicon::KONJUNKTIV.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                        .as_str(),
                )
        })
}

/// The words of `text`: runs between spaces that hold a letter or digit.
/// Marks opened right after a colon (`mit den Worten: „…“`), not inside parentheses (`(Motto:
/// „…“)` names a motto).
fn after_colon(chars: &[char], first: usize) -> bool {
    let before: String = chars[first.saturating_sub(200)..first].iter().collect();
    let before = before.trim_end();
    let open = before
        .rfind('(')
        .is_some_and(|i| !before[i..].contains(')'));
    before.ends_with(':') && !open
}

/// The sentence the marks stand in, without them.
fn sentence_around(chars: &[char], fragments: &[(usize, usize)]) -> String {
    let (first, last) = (fragments[0].0, fragments[fragments.len() - 1].1);
    let start = super::speaker::sentence_start(chars, 0, first);
    let reach = (last + super::speaker::SENTENCE_REACH).min(chars.len());
    let end = (last..reach)
        .find(|&i| chars[i] == '\n' || super::sentence::ends_sentence(chars, i))
        .unwrap_or(reach);
    chars[start..first]
        .iter()
        .chain(&chars[last..end])
        .collect()
}

/// The text inside the marks of `fragments`, joined by a space.
fn inner_text(chars: &[char], fragments: &[(usize, usize)]) -> String {
    fragments
        .iter()
        .map(|&(s, e)| chars[s + 1..e - 1].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short run of capitalised words in marks, not ending as a sentence does: a name or a
/// title (`„Washington Post“`, `„Department of Vertebrate Zoology“`) far more often than a
/// quote — one only when a reporting clause right after the marks (`„Gesindel“, sagte er`) or
/// a colon before them says so.
pub fn name_like(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let inner = inner_text(chars, fragments);
    let ws = words_of(&inner);
    let small = [
        "of", "the", "and", "de", "du", "la", "le", "et", "di", "del", "y",
    ];
    !inner.trim_end().ends_with(['.', '!', '?', ',', '…'])
        && ws.len() <= 6
        && ws.iter().all(|w| {
            small.contains(w)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
}

/// Marks right after `als` or `von` in a sentence whose verb calls something by a word
/// (`wies die Vorwürfe als „haltlos“ zurück`, `sprachen von „Panikverkäufen“`): quoted, even
/// when the marks hold a single capitalised noun.
pub fn called(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let first = fragments[0].0;
    let before: String = chars[first.saturating_sub(12)..first].iter().collect();
    let word_before = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .map(str::to_lowercase)
        .unwrap_or_default();
    let sentence: Vec<String> = sentence_around(chars, fragments)
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let calls = |verbs: &[&str]| sentence.iter().any(|w| verbs.contains(&w.as_str()));
    // `nannte den Bericht eine „Zeitungsente“`: `nennen` names with an article too.
    ["als", "von", "as"].contains(&word_before.as_str()) && calls(lexicon::CALLING)
        || ["ein", "eine", "einen", "einer"].contains(&word_before.as_str())
            && calls(lexicon::NAMING)
}

/// Marks right after a word that announces a name or a title (`der Fernsehsender „…“`,
/// `unter dem Motto „…“`, `die Ausstellung „…“`), or right before `heißt` / `genannt`: a
/// title, never a quote, whatever reporting verb follows.
pub fn names_a_title(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let (first, last) = (fragments[0].0, fragments[fragments.len() - 1].1);
    let inner = inner_text(chars, fragments);
    let before: String = chars[first.saturating_sub(40)..first].iter().collect();
    // Only a space between the announcing word and the marks; after a colon only a short
    // phrase (`Motto: „…“`), for `sagte der Zeitung: „Wir sehen das kritisch.“` is said.
    let phrase = !inner.trim_end().ends_with(['.', '!', '?', '…']);
    // Items of a list of titles may be long (`Vorträge wie „Der Einsatz der Trümmerbahnen …
    // 1946 – 1958“, „…“ oder „…“`).
    if phrase && listed::in_a_list(chars, fragments) {
        return true;
    }
    if words_of(&inner).len() > 10 {
        return false; // a passage that long is said, whatever word comes before it
    }
    let spaced = before.strip_suffix(' ');
    let spaced = match spaced.and_then(|b| b.strip_suffix(':')) {
        Some(b) if phrase => Some(b),
        Some(_) => None,
        None => spaced,
    };
    let word_before = match spaced {
        Some(b) if b.ends_with(char::is_alphanumeric) => b
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or_default()
            .to_lowercase(),
        _ => String::new(),
    };
    let after: String = chars[last..(last + 20).min(chars.len())].iter().collect();
    // `„…“ heißt`, `„…“, so heißt …`
    let named = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| {
            ["heißt", "heißen", "genannt", "namens", "lautet", "lautete"]
                .contains(&w.to_lowercase().as_str())
        });
    // `Die „Kampagne für ein Freies Tibet“ berichtete`: a quote is set off from its reporting
    // verb by a comma; without one, marks where a subject stands hold that subject, a name
    // (`als „extrem“ bezeichnet` is no subject).
    let opens = ["der", "die", "das", "wie"].contains(&word_before.as_str())
        || before.trim_end().is_empty()
        || before.trim_end().ends_with(['.', '\n']);
    // (Not English marks that hold the comma or the sentence's end: `"…," said Ray Ortiz`.)
    let subject = opens
        && !inner.trim_end().ends_with([',', '.', '!', '?', '…'])
        && after.starts_with(' ')
        && after
            .split_whitespace()
            .next()
            .is_some_and(|w| lexicon::reports(w) && !["so", "laut"].contains(&w));
    // The genitive too: `des Magazins „…“`, `vom Typ „…“`, `des Typs „…“`.
    let base = word_before
        .strip_suffix("es")
        .or_else(|| word_before.strip_suffix('s'))
        .unwrap_or(&word_before);
    !word_before.is_empty()
        && lexicon::TITLED
            .iter()
            .any(|t| word_before.ends_with(t) || base.ends_with(t))
        || named
        || subject
        || phrase && opens_with_a_kind(&inner)
        || abbreviated(&after)
        || termed(&before)
        || phrase && genitive_name(&before, &inner)
        || listed::glosses(chars, fragments)
}

/// Whether the marked words open with a noun that names their kind (`„Gesetz zur Änderung
/// …“`, `„Aktion Deutschland hilft“`): the name of a law, prize or body.
fn opens_with_a_kind(inner: &str) -> bool {
    inner
        .split_whitespace()
        .next()
        .filter(|w| w.starts_with(char::is_uppercase))
        .map(str::to_lowercase)
        .is_some_and(|w| lexicon::TITLE_KINDS.iter().any(|k| w.ends_with(k)))
}

/// `Ein Sprecher der „Polizei von DeLand“`, `Träger des „Sacharow-Preises …“`: capitalised
/// marked words in the genitive of a noun name what that noun belongs to.
fn genitive_name(before: &str, inner: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    let [article, noun] = words[..] else {
        return false;
    };
    ["der", "des"].contains(&article)
        && noun.starts_with(char::is_uppercase)
        && noun.chars().all(char::is_alphabetic)
        && inner.starts_with(char::is_uppercase)
}

/// `„Allianz für Europa“ (AIE)`: the text after marks gives the name's abbreviation.
fn abbreviated(after: &str) -> bool {
    after.strip_prefix(" (").is_some_and(|a| {
        let caps = a.chars().take_while(|c| c.is_uppercase()).count();
        caps >= 2 && a.chars().nth(caps) == Some(')')
    })
}

/// The text before marks makes them a term or a name: `die so genannten „…“`, `the
/// so-called "…"`, `das sich selbst „…“ nennt`, `die sich als „…“ präsentiert`, `nennt sie
/// sich „…“`.
fn termed(before: &str) -> bool {
    let lower = before.to_lowercase();
    let lower = lower.trim_end();
    let called_itself = lower.ends_with("sich")
        && lower
            .split_whitespace()
            .rev()
            .take(4)
            .any(|w| lexicon::NAMING.contains(&w));
    [
        "so genannte",
        "so genannten",
        "so genannter",
        "so genanntes",
        "sogenannte",
        "sogenannten",
        "sogenannter",
        "sogenanntes",
        "so-called",
        "selbst",
        "sich als",
    ]
    .iter()
    .any(|w| lower.ends_with(w))
        || called_itself
}

fn words_of(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

fn words(chars: &[char]) -> usize {
    words_of(&chars.iter().collect::<String>()).len()
}

/// Adds `span` as a quote, or as the second fragment of the quote before it when only a short
/// reporting clause stands between them and `span` goes on in lower case.
fn push_or_join(chars: &[char], out: &mut Vec<Marked>, span: (usize, usize)) {
    // Quotes one after the other with only a space between them are one passage.
    if let Some(last) = out.last_mut()
        && let Some(prev) = last.fragments.last_mut()
        && chars[prev.1..span.0].iter().all(|c| *c == ' ')
    {
        prev.1 = span.1;
        return;
    }
    if let Some(last) = out.last_mut()
        && last.fragments.len() == 1
    {
        let (_, prev_end) = last.fragments[0];
        let between: String = chars[prev_end..span.0].iter().collect();
        let continues = chars
            .get(span.0 + 1)
            .is_some_and(|c| c.is_lowercase() || *c == '.');
        let short = between.chars().count() <= 90 && !between.contains('\n');
        // The comma after the first fragment: outside its marks (German) or inside them
        // (English: `"This deal," Alvarez said, "was …"`).
        let comma_after =
            between.trim_start().starts_with(',') || prev_end >= 2 && chars[prev_end - 2] == ',';
        // `„…“ laut Gall „auch …“`: a source between the fragments, without commas.
        let source = between.trim_start().starts_with("laut ")
            && between.split_whitespace().count() <= 4
            && !between.contains(['.', '!', '?']);
        let clause = comma_after
            && between.trim_end().ends_with([',', ':'])
            && between.split_whitespace().any(lexicon::reports)
            || source;
        if continues && short && clause {
            last.fragments.push(span);
            return;
        }
    }
    out.push(Marked {
        fragments: vec![span],
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, 2)
            .into_iter()
            .map(|m| {
                m.fragments
                    .iter()
                    .map(|&(s, e)| chars[s..e].iter().collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_mark_style_in_german_and_english() {
        for (text, quote) in [
            (
                "Sie sagte: „Wir wurden nicht gewarnt.“ Dann ging sie.",
                "„Wir wurden nicht gewarnt.“",
            ),
            (
                "He said: “We read all of it.” Then he left.",
                "“We read all of it.”",
            ),
            (
                "He said: \"We read all of it.\" Then he left.",
                "\"We read all of it.\"",
            ),
            ("Er sagte: »Das ist falsch.« Punkt.", "»Das ist falsch.«"),
            (
                "Il a dit : «C'est faux, tout faux» hier.",
                "«C'est faux, tout faux»",
            ),
            (
                "Sie rief: ‚Nicht so schnell!‘ und lief.",
                "‚Nicht so schnell!‘",
            ),
            ("She said ‘not so fast’ and ran.", "‘not so fast’"),
            (
                "The minister said: 'We will not raise taxes.' Critics doubted it.",
                "'We will not raise taxes.'",
            ),
        ] {
            assert_eq!(quotes(text), vec![vec![quote.to_string()]], "{text}");
        }
    }

    #[test]
    fn straight_apostrophes_quote_but_not_in_contractions_possessives_or_years() {
        let text =
            "'It's a disaster for the workers' rights,' said Tom Baker. He won't stay in the '90s.";
        assert_eq!(
            quotes(text),
            vec![vec![
                "'It's a disaster for the workers' rights,'".to_string()
            ]]
        );
        // German: an apostrophe for a left-out letter or a possessive never opens a quote.
        for text in [
            "Wie geht's dir? Das war's.",
            "In Grass' Roman und in Brahms' Werk 'steckt viel.",
            "Rock 'n' roll hat's in sich, sagte er.",
            "Abgelehnt 'ältere Arbeitslose': Verlängerung des Bezugs.",
        ] {
            assert_eq!(quotes(text), Vec::<Vec<String>>::new(), "{text}");
        }
    }

    #[test]
    fn an_interrupted_quote_is_one_with_two_fragments() {
        let text = "„Wir können das“, sagte Krause, „und wir werden es tun.“ Ende.";
        assert_eq!(
            quotes(text),
            vec![vec![
                "„Wir können das“".to_string(),
                "„und wir werden es tun.“".to_string()
            ]]
        );
        // A new sentence in a new quote after a full stop stays a quote of its own.
        let two = "„Wir können das.“ Krause lachte. „Das ist sicher.“";
        assert_eq!(quotes(two).len(), 2);
        // English puts the comma inside the marks.
        let text = "\"This deal,\" Alvarez told reporters, \"was negotiated in secret.\"";
        assert_eq!(
            quotes(text),
            vec![vec![
                "\"This deal,\"".to_string(),
                "\"was negotiated in secret.\"".to_string()
            ]]
        );
        // A source between the fragments, without commas.
        let text = "„Allerdings bleibt das Problem“ laut Gall „auch in Zukunft bestehen“.";
        assert_eq!(
            quotes(text),
            vec![vec![
                "„Allerdings bleibt das Problem“".to_string(),
                "„auch in Zukunft bestehen“".to_string()
            ]]
        );
    }

    #[test]
    fn a_quote_runs_over_paragraphs_that_open_again() {
        let text = "„Wir haben alles geprüft.\n\n„Und wir bleiben dabei“, sagte sie.";
        assert_eq!(
            quotes(text),
            vec![vec![
                "„Wir haben alles geprüft.\n\n„Und wir bleiben dabei“".to_string()
            ]]
        );
        // Unclosed without a new opening: no quote.
        assert!(quotes("„Wir haben alles geprüft.\n\nDas Amt schwieg.").is_empty());
    }

    #[test]
    fn single_words_in_marks_and_apostrophes_are_not_quotes() {
        assert!(quotes("Er sprach von einem „Einzelfall“ und ging.").is_empty());
        assert!(quotes("Peter's \"car\" isn't here.").is_empty());
    }
}

//! Indirect speech where rules can see it: a sentence built on a German
//! Konjunktiv I form (`Das Amt habe davon gewusst.`), the clause after a reporting verb and a
//! comma (`Krause sagte, das Amt habe davon gewusst`), and sentences that name their source
//! with `laut X`, `nach Angaben X`, `demnach`, `X zufolge` or `according to X` (a source that
//! opens the sentence is left out of the quote).

use super::lexicon;
use super::sentence::{self, CLOSING_MARKS, Word};

mod english;
mod sources;
mod told;
use sources::around_source;
use told::{past_opening_source, source_opening, told_after};

/// A sentence of the text: its code-point span.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let end_here = chars[i] == '\n'
            || sentence::ends_sentence(chars, i)
            || after_quoted_sentence(chars, i);
        if end_here {
            let end = if chars[i] == '\n' { i } else { i + 1 };
            push_trimmed(chars, &mut out, start, end);
            start = i + 1;
        }
        i += 1;
    }
    push_trimmed(chars, &mut out, start, chars.len());
    out
}

/// Whether `chars[i]` closes a direct quote that ends its sentence (`… Fleisch.“ Laut der
/// Website …`): a closing mark after `.`, `!` or `?`, before a space and a capital.
fn after_quoted_sentence(chars: &[char], i: usize) -> bool {
    CLOSING_MARKS.contains(chars[i])
        && i > 0
        && ".!?".contains(chars[i - 1])
        && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
        && chars[i + 1..]
            .iter()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_uppercase())
}

fn push_trimmed(chars: &[char], out: &mut Vec<(usize, usize)>, mut s: usize, mut e: usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push((s, e));
    }
}

/// The words of `text` as written (letters, digits and hyphens).
fn written_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect()
}

fn lower_words(text: &str) -> Vec<String> {
    written_words(text)
        .into_iter()
        .map(str::to_lowercase)
        .collect()
}

/// Reported or indirect speech: (span, form) for each sentence that has it and does not
/// overlap `taken` (the direct quotes).
pub fn find(chars: &[char], taken: &[(usize, usize)]) -> Vec<(Vec<(usize, usize)>, &'static str)> {
    let mut out = Vec::new();
    let quotes = QuotesByStart::new(taken);
    let all = sentences(chars);
    // Each sentence's words, once: a sentence is read for itself and for the one before it.
    let all_words: Vec<Vec<Word>> = all
        .iter()
        .map(|&(s, e)| sentence::words(chars, s, e))
        .collect();
    for (i, &(s, e)) in all.iter().enumerate() {
        let taken = quotes.reaching(s, e);
        if left_to_direct_quote(chars, taken, (s, e)) {
            continue;
        }
        let text: String = chars[s..e].iter().collect();
        let ws = &all_words[i];
        let words: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
        // `Das erklärte ein Sprecher.` says who said the sentence before: that one is
        // indirect speech, this one no speech of its own.
        if words.len() < 4 || says_who_said_it(ws) {
            continue;
        }
        let told_next = all.get(i + 1).is_some_and(|&(n, _)| {
            !chars[e..n].contains(&'\n') && says_who_said_it(&all_words[i + 1])
        });
        let after_source = source_opening(ws);
        // (A reporting clause with a direct quote after it introduces that quote: `X, Sharon
        // Hayes, äußerte sich zufrieden: „…“`.)
        let as_told = sentence::told_with_wie(ws).or_else(|| {
            told_after(ws).filter(|&k| !taken.iter().any(|&(a, _)| a > ws[k].start && a < e))
        });
        let sourced =
            after_source.is_some() || as_told.is_some() || told_next || names_a_source(&words);
        // The clause after a reporting verb and a comma (`sagte Rice am Montag, die USA …`);
        // one that opens with `dass` is said whatever its mood (`Experten schätzen, dass …`).
        // (A clause inside a direct quote is none: the quote's own words.)
        let clause = clause_after_verb(ws)
            .map(|k| english::after_participle(ws, k))
            .filter(|&k| !english::no_speech_after_comma(ws, k))
            .or_else(|| english::clause(ws))
            .filter(|&k| !inside_any(taken, ws[k].start));
        let that = clause.is_some_and(|k| {
            ["dass", "that"].contains(&ws[k].text.to_lowercase().as_str())
                || infinitive_from(ws, k)
                || said_clause(ws, k)
        });
        let written = || ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>();
        if !(sourced || that || in_reporting_mood(&written())) {
            // A sentence that tells that someone spoke, without what (`Die Opposition wies die
            // Änderungen zurück`): reported speech, the whole sentence.
            if clause.is_none() && tells_of_speech(&text, &words) {
                out.push((vec![(s, e)], "reported"));
            }
            continue;
        }
        // After a source that opens the sentence (`Nach Angaben der Polizei sind …`), only
        // what it says is the quote; after a reporting verb and a comma, only the clause.
        // A clause that is no speech of its own after the reporting clause that ends the
        // sentence (`„…“, sagte Krause, der seit Jahren dagegen kämpft.`) is none of the quote.
        let clause = clause.filter(|&k| that || as_told.is_none_or(|t| k < t));
        let start = match (after_source, clause) {
            (Some(at), _) => at,
            // `Die IAEO gehe davon aus, dass …`: a main clause in the Konjunktiv is said too
            // (its own words, not those of a direct quote before it).
            (None, Some(k)) if in_reporting_mood(&unquoted(ws, taken, k)) => s,
            (None, Some(k)) => ws[k].start,
            (None, None) => konjunktiv_clause(chars, ws).map_or(s, |k| ws[k].start),
        };
        let start = past_opening_source(ws, start);
        let end = quote_end(chars, ws, (s, e), start, as_told);
        // Sentences with a named source are mostly indirect speech in annotated news (the
        // WikiNews development articles mark them so), not reported speech; none is left once
        // the reporting clause is cut off (`, sagte Krause.` alone).
        let (start, end) = clear_of(chars, taken, start, end);
        if end > start && chars[start..end].iter().any(|c| c.is_alphanumeric()) {
            out.push((around_source(chars, ws, start, end), "indirect"));
        }
    }
    out
}

/// The direct quotes by start, so that each sentence reads only those that may reach into it
/// (a text of thousands of quotes stays linear).
struct QuotesByStart {
    spans: Vec<(usize, usize)>,
    longest: usize,
}

impl QuotesByStart {
    fn new(taken: &[(usize, usize)]) -> Self {
        let mut spans = taken.to_vec();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(a, b)| b - a).max().unwrap_or(0);
        QuotesByStart { spans, longest }
    }

    /// The quotes that start before `e` and may run past `s`.
    fn reaching(&self, s: usize, e: usize) -> &[(usize, usize)] {
        let from = self.spans.partition_point(|&(a, _)| a + self.longest < s);
        let to = self.spans.partition_point(|&(a, _)| a < e);
        &self.spans[from..to.max(from)]
    }
}

/// Whether a sentence `s..e` is left to the direct quotes of `taken`: it is mostly a direct
/// quote, and the words before the quote are not in the Konjunktiv (`Er habe „nicht den
/// Eindruck, dass sie es kann“.` is indirect speech around one); a short quoted phrase inside
/// reported speech leaves the sentence to this rule.
fn left_to_direct_quote(chars: &[char], taken: &[(usize, usize)], (s, e): (usize, usize)) -> bool {
    let quoted: usize = taken
        .iter()
        .map(|&(a, b)| b.min(e).saturating_sub(a.max(s)))
        .sum();
    let lead = taken
        .iter()
        .filter(|&&(a, b)| s <= a && a < e && b > s)
        .map(|&(a, _)| a)
        .min()
        .unwrap_or(e);
    let before: String = chars[s..lead].iter().collect();
    quoted * 2 > e - s && !in_reporting_mood(&written_words(&before))
}

/// Whether `start` follows a direct quote of `taken` that ends on a comma inside its marks
/// (`"…," the chairwoman, Elena Rossi, said`): what follows is the quote's reporting clause.
/// (Not after a German quote and its comma, `„…“, allerdings sei …`, which may go on with
/// speech of its own.)
fn after_quote_and_comma(chars: &[char], taken: &[(usize, usize)], start: usize) -> bool {
    taken.iter().any(|&(a, b)| {
        a + 2 < b
            && b <= start
            && chars[b - 2] == ','
            && chars[b..start].iter().all(|c| c.is_whitespace())
    })
}

/// `start..end` cut so that it never cuts through a direct quote of `taken`: it ends before one
/// that runs past its end and starts after one that began before it (a quoted phrase inside
/// it stays), without the spaces, commas and colons left at its ends; empty when it is a
/// quote's reporting clause.
fn clear_of(chars: &[char], taken: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let (mut start, mut end) = (start, end);
    if taken.iter().any(|&(a, b)| a <= start && end <= b) {
        // Inside a direct quote: nothing of its own.
        return (start, start);
    }
    for &(a, b) in taken {
        if start < a && a < end && end < b {
            end = a;
        } else if a <= start && start < b && b < end {
            start = b;
        }
    }
    let loose = |c: char| c.is_whitespace() || ",:".contains(c);
    while end > start && loose(chars[end - 1]) {
        end -= 1;
    }
    while start < end && loose(chars[start]) {
        start += 1;
    }
    if after_quote_and_comma(chars, taken, start) {
        return (start, start);
    }
    (start, end)
}

/// Where an indirect quote from `start` ends in its sentence `s..e`: before a reporting
/// clause at the end (`…, sagte Krause.`, `…, wie die Firma mitteilte.`, the word `as_told`
/// starts it), and before the full stop when the quote is cut from its sentence (a whole
/// sentence keeps it).
fn quote_end(
    chars: &[char],
    ws: &[Word],
    (s, e): (usize, usize),
    start: usize,
    as_told: Option<usize>,
) -> usize {
    let mut end = as_told.map_or(e, |k| {
        (start..ws[k].start)
            .rev()
            .find(|&i| chars[i] == ',')
            .unwrap_or(e)
    });
    if let Some(comma) = (start..end).rev().find(|&i| chars[i] == ',') {
        let tail: String = chars[comma + 1..end].iter().collect();
        let tail_words: Vec<&str> = tail.split_whitespace().collect();
        if tail_words.len() <= 8 && tail_words.first().is_some_and(|w| lexicon::reports(w)) {
            end = comma;
        }
    }
    if let Some(cut) = narrated_after(ws, start, end) {
        end = cut;
    }
    if (start > s || end < e) && end > start && ".!?".contains(chars[end - 1]) {
        end -= 1;
    }
    end
}

/// Where the narrator takes over again inside `start..end`: a comma or `und` before a verb in
/// the past indicative (`er sei unschuldig, erkannte die Autorität des Gerichts nicht an und
/// weigerte sich …`), after the reported clause has its own Konjunktiv or `dass`.
fn narrated_after(ws: &[Word], start: usize, end: usize) -> Option<usize> {
    let first = ws.iter().position(|w| w.start >= start)?;
    let mut reported = false;
    for k in first..ws.len() {
        if ws[k].end > end {
            break;
        }
        let lower = ws[k].text.to_lowercase();
        let past = ws[k].text.starts_with(char::is_lowercase)
            && (lower.ends_with("te") || lower.ends_with("ten"))
            && lower.chars().count() >= 5
            && !lexicon::KONJUNKTIV.contains(&lower.as_str())
            && !lexicon::KONJUNKTIV_II.contains(&lower.as_str())
            // (`einzuschreiten` is an infinitive with `zu`.)
            && !lower.contains("zu")
            // More of its clause follows (a word that ends the sentence is rather a
            // participle or a relative clause's verb: `… wohlbehalten`).
            && ws
                .get(k + 1)
                .is_some_and(|n| n.end <= end && !n.after_comma)
            && !ws.get(k + 1).is_some_and(|n| n.text.starts_with(char::is_uppercase));
        if reported && past && k > first {
            if ws[k].after_comma {
                return Some(ws[k - 1].end);
            }
            if ws[k - 1].text == "und" && k - 1 > first {
                return Some(ws[k - 2].end);
            }
        }
        reported |= lower == "dass" || lexicon::KONJUNKTIV.contains(&lower.as_str());
    }
    None
}

/// Whether a sentence (its text and lowercase words) tells that someone spoke without saying
/// what: a verb of [`lexicon::SPEECH_ACTS`] outside parentheses (not `(Wikinews berichtete)`),
/// in the active voice (`wurde … bestätigt` says who was told, not who spoke), not `sprach
/// mit` (spoke with someone), and no marks (a quote in them is a direct quote's sentence).
fn tells_of_speech(text: &str, words: &[String]) -> bool {
    if text.contains(|c| sentence::OPENING_MARKS.contains(c)) {
        return false;
    }
    let passive = ["wurde", "wurden", "werden", "worden", "wird"];
    if words.iter().any(|w| passive.contains(&w.as_str())) {
        return false;
    }
    let outside: String = {
        let mut depth = 0usize;
        text.chars()
            .filter(|c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                depth == 0
            })
            .collect()
    };
    let outside = lower_words(&outside);
    // `… haben mehr als 100 Todesopfer gefordert`: lives claimed, not demands; `… spricht
    // Kantonesisch`: a language spoken.
    let no_speech = outside
        .iter()
        .any(|w| ["todesopfer", "menschenleben", "opfer", "tote", "toten"].contains(&w.as_str()))
        && outside.iter().any(|w| w.contains("forder"));
    let language = |w: &String| w.ends_with("isch") && w.len() > 6;
    // (`sprach mit …` tells of a talk, not of what was said.)
    let speaks_with = |k: usize| {
        outside
            .get(k + 1)
            .is_some_and(|n| n == "mit" || language(n))
            || k > 0 && language(&outside[k - 1])
    };
    !no_speech
        && outside.iter().enumerate().any(|(k, w)| {
            lexicon::SPEECH_ACTS.contains(&w.as_str()) && !(w.starts_with("spr") && speaks_with(k))
                || lexicon::ENGLISH_SPEECH_ACTS.contains(&w.as_str()) && !called_off(&outside, k)
        })
}

/// Whether `words[k]` is `called` in a phrasal verb that is no speech (`called off the
/// match`, `called up three players`).
fn called_off(words: &[String], k: usize) -> bool {
    words[k] == "called"
        && words
            .get(k + 1)
            .is_some_and(|n| ["off", "up", "in", "out", "back"].contains(&n.as_str()))
}

/// Whether a sentence (its words as written) is built on a Konjunktiv I form (`Das Amt habe
/// davon gewusst`, `Der Zugriff funktioniere weiterhin`) or on `soll … sein/haben` (`Der Mann
/// soll ausgestiegen sein`: what someone claims, not what the paper says).
fn in_reporting_mood<S: AsRef<str>>(words: &[S]) -> bool {
    let konjunktiv = words
        .iter()
        .skip(1)
        .any(|w| lexicon::is_konjunktiv(w.as_ref()));
    let alleged = words
        .iter()
        .any(|w| ["soll", "sollen"].contains(&w.as_ref().to_lowercase().as_str()))
        && words
            .last()
            .is_some_and(|w| ["sein", "haben", "worden"].contains(&w.as_ref()));
    konjunktiv || alleged
}

/// Whether `at` lies inside one of the spans `taken` (the direct quotes).
fn inside_any(taken: &[(usize, usize)], at: usize) -> bool {
    taken.iter().any(|&(a, b)| a <= at && at < b)
}

/// The words, as written, of a sentence's main clause before `ws[k]` (up to its first comma)
/// that stand outside the direct quotes `taken` (`„… habe ich …“ Die Vereinsleitung hat
/// versprochen, …` is not in the Konjunktiv).
fn unquoted<'a>(ws: &'a [Word], taken: &[(usize, usize)], k: usize) -> Vec<&'a str> {
    let first_comma = (1..k).find(|&j| ws[j].after_comma).unwrap_or(k);
    ws[..first_comma]
        .iter()
        .filter(|w| !inside_any(taken, w.start))
        .map(|w| w.text.as_str())
        .collect()
}

/// Whether a sentence (its lowercase words) names its source inside it: `laut`, `zufolge`,
/// `according to`, or `nach` and, at most three words on, a source noun (`hat sich nach
/// Angaben der Kommission an … gewandt`).
fn names_a_source(words: &[String]) -> bool {
    words.iter().enumerate().any(|(k, w)| {
        w == "laut"
            || w == "zufolge"
            || w == "according" && words.get(k + 1).is_some_and(|n| n == "to")
            || w == "nach"
                && words[k + 1..(k + 4).min(words.len())]
                    .iter()
                    .any(|n| lexicon::names_a_source(n))
    })
}

/// The first word of the clause after a comma or colon that holds a sentence's first
/// Konjunktiv I form, when the main clause before has none (`… prangert Morde an, die von
/// Konfliktparteien ausgeübt würden.`, `Die Staatsanwaltschaft gibt an, Spector werde
/// belastet.`, `Müller bezweifelte die Eignung: Er habe …`): only that clause reports.
fn konjunktiv_clause(chars: &[char], ws: &[Word]) -> Option<usize> {
    let k = (1..ws.len()).find(|&k| lexicon::is_konjunktiv(&ws[k].text))?;
    // `Müller bezweifelte die Eignung Merkels: Er habe …`: a colon opens the clause too.
    let between = |j: usize, marks: &str| {
        chars[ws[j - 1].end..ws[j].start]
            .iter()
            .any(|&c| marks.contains(c))
    };
    let j = (1..=k)
        .rev()
        .find(|&j| ws[j].after_comma || between(j, ":"))?;
    // The words before the clause need a verb of their own to be a main clause
    // (`Risikoreiche Geschäfte, die … geführt hätten, seien …` has none: it says it whole).
    if between(j, ":") || j < k && (0..j).any(|i| sentence::may_be_a_verb(ws, i)) {
        return Some(j);
    }
    if j < k {
        return None;
    }
    // A comma right before the verb closes what was set into its clause (`Die Getöteten, vor
    // allem Zivilisten, seien …`, `Als er das hörte, sei er …`): the clause runs back to a
    // colon or semicolon, or the sentence says it whole.
    (1..k).rev().find(|&j| between(j, ":;"))
}

/// Whether a sentence (its words) only says who said the one before it: `Das erklärte gestern
/// ein Sprecher des Ministeriums.`, `Dies sagte Krause.`
fn says_who_said_it(ws: &[Word]) -> bool {
    ws.first()
        .is_some_and(|w| ["das", "dies"].contains(&w.text.to_lowercase().as_str()))
        && ws.get(1).is_some_and(|w| lexicon::introduces(&w.text))
        && ws.len() <= 12
}

/// The first word of the clause after a reporting (or thinking) verb and a comma at most
/// four words later (`sagte, das Amt …`, `sagte Rice am Montag, die USA …`), or of a `dass`
/// clause after any comma.
fn clause_after_verb(ws: &[Word]) -> Option<usize> {
    let lower = |k: usize| ws[k].text.to_lowercase();
    // A `dass` clause after a comma, whatever comes before it (`befürchtet, dass …`, `gab
    // an, dass …`, `geht davon aus, dass …`; measured on the annotated news: most are what
    // someone said or holds), but not `so, dass` or `ohne, dass`; an infinitive with `zu`
    // after a verb's particle (`kündigte an, … zu wollen`) or a verb that asks or accuses
    // (`wird vorgeworfen, … zu haben`), also a few words after it (`beschloss am Montag, …
    // abzureißen`).
    // (The cheap tests first: `infinitive_from` reads the rest of the sentence.)
    let after_verb = || {
        let verb = ws.iter().position(|w| {
            let lower = w.text.to_lowercase();
            lexicon::reports(&w.text) && lower != "so"
                || lexicon::THINKING.contains(&lower.as_str())
                || lexicon::SPEECH_ACTS.contains(&lower.as_str())
                || lexicon::ASKING.contains(&w.text.as_str())
        })?;
        (verb + 1..ws.len().min(verb + 6)).find(|&k| ws[k].after_comma)
    };
    if let Some(k) = (1..ws.len()).find(|&k| {
        let dass = || {
            lower(k) == "dass"
                && !["so", "ohne", "statt", "anstatt", "außer"].contains(&lower(k - 1).as_str())
        };
        let infinitive = || {
            let before = lower(k - 1);
            (lexicon::PARTICLES.contains(&before.as_str())
                || lexicon::ASKING.contains(&before.as_str()))
                && infinitive_from(ws, k)
        };
        ws[k].after_comma && (dass() || infinitive())
    }) {
        // `erklären dagegen, sie hätten Hinweise darauf, dass …`: the clause after the
        // reporting verb, when it comes first.
        let k = after_verb()
            .filter(|&j| j < k && opens_main_clause(ws, j))
            .unwrap_or(k);
        return Some(k).filter(|&k| k + 2 < ws.len());
    }
    after_verb().filter(|&k| k + 2 < ws.len())
}

/// Whether the clause from `ws[k]` follows a reporting verb at most five words before it and
/// opens as a main clause does (`sagte Köhler, sie müssten …`, `hatte berichtet, 200
/// Mitarbeiter sollen …`): what was said, whatever its mood.
fn said_clause(ws: &[Word], k: usize) -> bool {
    let lower = |j: usize| ws[j].text.to_lowercase();
    let reported = (k.saturating_sub(5)..k).any(|j| {
        ws[j].text.chars().next().is_some_and(char::is_lowercase)
            && lexicon::reports(&ws[j].text)
            && lower(j) != "so"
            && lower(j) != "laut"
    });
    reported && opens_main_clause(ws, k)
}

/// Whether the clause from `ws[k]` opens as a main clause does: not with a conjunction or a
/// relative pronoun (`sagte er, als …`, `sagte er, der seit Jahren …`), nor with a name set
/// off by commas.
fn opens_main_clause(ws: &[Word], k: usize) -> bool {
    let first = ws[k].text.to_lowercase();
    let opener = lexicon::CLAUSE_OPENERS.contains(&first.as_str())
        || lexicon::SUBORDINATING.contains(&first.as_str())
        || ["um", "zu", "bei", "mit", "von", "in", "im"].contains(&first.as_str());
    // `der`, `die`, `das` as an article (`die Koalition müsse …`), not a relative pronoun
    // (`der seit Jahren …`).
    let relative = ["der", "die", "das", "den", "dem"].contains(&first.as_str())
        && !ws
            .get(k + 1)
            .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase));
    // `warnte der Verbandschef, Paul Hahn, die Politik`: a name set off by commas.
    // (Not a clause that has its verb before the comma: `sagte, Annabi sei tot, doch …`.)
    let apposition = ws[k].text.chars().next().is_some_and(char::is_uppercase)
        && ws[k + 1..]
            .iter()
            .take(3)
            .take_while(|w| !lexicon::KONJUNKTIV.contains(&w.text.as_str()))
            .any(|w| w.after_comma);
    !opener && !relative && !apposition
}

/// Whether the clause from `ws[k]` to the next comma or the sentence's end is an infinitive
/// with `zu` (`kündigte an, an Gesetzen mitwirken zu wollen`, `warfen ihnen vor, Zivilisten zu
/// missbrauchen`, `beschloss, eine Flugverbotszone einzurichten, um …`): `zu` among its last
/// three words, or a verb's particle, `zu` and the verb written as one word at its end; not a
/// clause of purpose or manner (`um … zu`, `ohne … zu`).
fn infinitive_from(ws: &[Word], k: usize) -> bool {
    if ["um", "ohne", "statt", "anstatt"].contains(&ws[k].text.to_lowercase().as_str()) {
        return false;
    }
    let end = (k + 1..ws.len())
        .find(|&j| ws[j].after_comma)
        .unwrap_or(ws.len());
    let clause = &ws[k..end];
    ws.len() - k >= 3
        && clause.len() >= 2
        && (clause[clause.len().saturating_sub(3)..]
            .iter()
            .any(|w| w.text == "zu")
            || clause
                .last()
                .is_some_and(|w| lexicon::particle_zu_infinitive(&w.text)))
}

#[cfg(test)]
mod tests;

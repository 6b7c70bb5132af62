//! The speaker of a quote: the name after a reporting verb that follows the quote
//! (`„…“, sagte Bürgermeisterin Petra Krause.`, `… so Krause`), or the name before a verb and
//! colon that precede it (`Krause sagte: „…“`), or a pronoun standing for one.

use super::lexicon;
use super::sentence::{CLOSING_MARKS, OPENING_MARKS, Word, words};

mod clauses;
mod english;
mod sources;
mod subject;
use clauses::{
    after_last_dash, as_told_by, cited, clause_head, coordinated, relative_subject,
    subordinate_subject,
};
pub use clauses::{as_told_after, dass_clause_speaker, inserted_clause, named_after};
pub use sources::{source_in, source_right_before};
pub use subject::opening_subject;
use subject::{article_and_name, english_subject, opening};

/// Whether `w` is written with a capital, as names and nouns are (`Krause`, `58-Jährige`).
fn capitalised(w: &str) -> bool {
    let letters = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    let first = if letters.len() < w.len() && letters.len() + 1 < w.len() {
        letters
    } else {
        w
    };
    (first.chars().next().is_some_and(char::is_uppercase) || lexicon::written_as_name(w))
        && lexicon::may_name(w)
}

/// The span of the name that starts at `words[k]`: capitalised words (with `von`, `van`,
/// `de` between them), at most five, with the article just before it (`der Staatsanwalt`); a
/// pronoun alone.
fn name_from(words: &[Word], k: usize) -> Option<(usize, usize)> {
    let first = words.get(k)?;
    if lexicon::PRONOUNS.contains(&first.text.to_lowercase().as_str()) {
        return Some((first.start, first.end));
    }
    if !capitalised(&first.text) {
        return None;
    }
    let mut last = k;
    // The article before the name belongs to the mention (`der Staatsanwalt`), and so does
    // an adjective between them (`die britische Königin`, not `Das erklärte General …`).
    let article_at = |j: usize, next: &Word| {
        let w: &Word = &words[j];
        lexicon::ARTICLES.contains(&w.text.to_lowercase().as_str()) && next.start - w.end <= 1
    };
    let adjective = |w: &Word| {
        w.text.chars().next().is_some_and(char::is_lowercase)
            && ["e", "en", "er", "es"].iter().any(|e| w.text.ends_with(e))
            && first.start - w.end <= 1
            && !lexicon::introduces(&w.text)
            && !w.after_comma
            && !first.after_comma
    };
    let mut start = match k.checked_sub(1) {
        Some(j) if article_at(j, first) => words[j].start,
        Some(j) if j > 0 && adjective(&words[j]) && article_at(j - 1, &words[j]) => {
            words[j - 1].start
        }
        _ => first.start,
    };
    let mut first_word = k;
    while last + 1 < words.len() && last - first_word < 4 {
        let next = &words[last + 1].text;
        // A dash ends the mention, or a dateline before it (`WASHINGTON — Senator Maria
        // Alvarez said`): the name starts after it.
        if words[last + 1].after_dash {
            let dateline = words[first_word..=last]
                .iter()
                .all(|w| w.text.chars().all(|c| !c.is_lowercase()));
            if !(dateline && capitalised(next)) {
                break;
            }
            first_word = last + 1;
            start = words[first_word].start;
            last = first_word;
            continue;
        }
        if capitalised(next)
            || (["von", "van", "de", "der"].contains(&next.as_str())
                && words.get(last + 2).is_some_and(|w| capitalised(&w.text)))
        {
            last += 1;
        } else {
            break;
        }
    }
    Some((start, words[last].end))
}

/// The farthest, in code points, that the rules look for the start or end of a sentence:
/// more than twice the longest sentence of the 850 annotated news articles (670).
pub(super) const SENTENCE_REACH: usize = 1500;

/// Where the sentence around `at` ends (after `.`, `!` or `?` followed by space, or a line
/// break), searching at most `limit` code points.
fn sentence_end(chars: &[char], at: usize, limit: usize) -> usize {
    let stop = (at + limit).min(chars.len());
    for i in at..stop {
        if chars[i] == '\n' {
            return i;
        }
        if super::sentence::ends_sentence(chars, i) {
            return i;
        }
    }
    stop
}

/// Where the sentence holding `at` begins: just after the last `.`, `!` or `?` not followed by
/// a letter or digit (not the dot of `news.bbc.co.uk`), or line break in `floor..at`, or at
/// `floor` when there is none.
pub(crate) fn sentence_start(chars: &[char], floor: usize, at: usize) -> usize {
    // Text without sentence ends (a list of marks, a hostile file) is read no further back
    // than a long sentence runs, so that finding every quote's sentence stays linear.
    let floor = floor.max(at.saturating_sub(SENTENCE_REACH));
    (floor..at.min(chars.len()))
        .rev()
        .find(|&i| {
            chars[i] == '\n'
                || ".!?".contains(chars[i])
                    // A comma after the dot goes on (`Königin Elisabeth II., bat …`).
                    && chars
                        .get(i + 1)
                        .is_none_or(|c| !c.is_alphanumeric() && !",;".contains(*c))
                    && !super::sentence::abbreviation_dot(chars, i)
                || super::sentence::without_space(chars, i)
        })
        .map_or(floor, |i| i + 1)
}

/// The speaker named right after a quote that ends at `end`: `, sagte der Minister X` or
/// `, so X`.
pub fn after(chars: &[char], end: usize) -> Option<(usize, usize)> {
    after_verb(chars, end, false)
}

/// Like [`after`], and also `„…“, begründet das Gericht …`: a German clause after a quote and
/// its comma opens with its verb, whichever verb it is. A speaker for a quote known to be
/// said, not a sign that marked text is one (measured: as a sign it let in titles and terms).
pub fn after_any_verb(chars: &[char], end: usize) -> Option<(usize, usize)> {
    after_verb(chars, end, true)
}

fn after_verb(chars: &[char], end: usize, any_verb: bool) -> Option<(usize, usize)> {
    let stop = sentence_end(chars, end, 160);
    let ws = words(chars, end, stop);
    if !goes_on(chars, end, ws.first()?) {
        return None;
    }
    if let Some(mention) = english::before_verb(&ws) {
        return Some(mention);
    }
    let verb = match ws.iter().take(4).position(|w| lexicon::introduces(&w.text)) {
        Some(verb) => verb,
        None if any_verb
            && (chars.get(end) == Some(&',') || fronted(chars, end))
            && opens_with_a_verb(&ws[0].text) =>
        {
            0
        }
        None => return None,
    };
    // `,” she said` / `, Krause said`: the name or pronoun before the verb.
    if verb > 0 {
        let lower = ws[0].text.to_lowercase();
        if lexicon::PRONOUNS.contains(&lower.as_str()) || capitalised(&ws[0].text) {
            return name_from(&ws, 0);
        }
    }
    if let Some(mention) = english::at_verb(&ws, verb) {
        return Some(mention);
    }
    // `…“, heißt es in einer gestern verbreiteten Erklärung`: the text it stands in speaks,
    // named further on.
    let impersonal = (verb..ws.len()).take(2).any(|k| heisst_es(&ws, k));
    let reach = if impersonal { 9 } else { 6 };
    // The name: the first capitalised run after the verb, skipping articles and small words.
    let mut k = verb + 1;
    while k < ws.len() && k < verb + reach {
        let lower = ws[k].text.to_lowercase();
        // `…“, weiter hieß es, dass „unser Mitgefühl …“`: a new clause names nobody.
        if ws[k].after_comma || lower == "dass" {
            return None;
        }
        // `…“, so letztere.`: one of two just named.
        if ["letztere", "letzterer", "erstere", "ersterer"].contains(&lower.as_str()) {
            return Some((ws[k].start, ws[k].end));
        }
        // `zitierte man Yolanda Alvarez`: the impersonal `man` names nobody.
        if lexicon::BEFORE_NAME.contains(&lower.as_str())
            || lower == "man"
            || !capitalised(&ws[k].text) && !lexicon::PRONOUNS.contains(&lower.as_str())
        {
            k += 1;
            continue;
        }
        return cited(&ws, verb, k).or_else(|| name_from(&ws, k));
    }
    None
}

/// Whether the quote that ends at `end` opens its sentence, alone or after `Als` (`„Unsinn“
/// nannte der Minister …`, `Als „verpasste Chance“ beurteilte der Fraktionschef …`): the verb
/// follows it, and the subject the verb.
fn fronted(chars: &[char], end: usize) -> bool {
    let start = sentence_start(chars, 0, end);
    let head: String = chars[start..end].iter().collect();
    let head = head.trim_start();
    let head = head.strip_prefix("Als ").unwrap_or(head);
    let mark = |c: char| OPENING_MARKS.contains(c) || CLOSING_MARKS.contains(c);
    head.starts_with(|c| OPENING_MARKS.contains(c))
        && head.chars().skip(1).filter(|&c| mark(c)).count() == 1
}

/// Whether `ws[k]` and the word after it say `heißt es` or `hieß es`: a text speaks, not a
/// person.
fn heisst_es(ws: &[Word], k: usize) -> bool {
    ws.get(k)
        .is_some_and(|w| ["heißt", "hieß"].contains(&w.text.to_lowercase().as_str()))
        && ws.get(k + 1).is_some_and(|w| w.text == "es")
}

/// Whether `w` is a reporting verb where it stands: lowercase (`Nach Angaben` is a noun,
/// though `angaben` reports), and `so` only after a comma (`…, so Krause`, not `und so …`).
fn reporting_verb(w: &Word) -> bool {
    w.text.chars().next().is_some_and(char::is_lowercase)
        && lexicon::introduces(&w.text)
        && (w.text != "so" || w.after_comma)
}

/// Whether a clause that opens with `word` may open with its verb: a lowercase word that is
/// not a conjunction, relative pronoun, adverb, article or preposition (`„…“, die …`, `„…“,
/// weil …`, `„…“, allerdings sei …`).
fn opens_with_a_verb(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.chars().next().is_some_and(char::is_lowercase)
        && !lexicon::CLAUSE_OPENERS.contains(&lower.as_str())
        && !lexicon::OPENERS.contains(&lower.as_str())
        && !lexicon::ARTICLES.contains(&lower.as_str())
        && !lexicon::OBLIQUE.contains(&lower.as_str())
        && !lexicon::PREPOSITIONS.contains(&lower.as_str())
}

/// Whether the sentence goes on after a quote ending at `end` into the clause whose first word
/// is `first`: a comma or dash between them (`„…“, sagte X`, `„…“ – so X`), a comma inside
/// English marks (`"…," she said`), or a lowercase word (`„…?“ fragte X`) other than `und`
/// (a second verb of the subject before the quote). A quote that ends its sentence (`„…
/// Monster.“ Andres Granier beklagte …`) is followed by another sentence, whose subject is
/// not its speaker.
fn goes_on(chars: &[char], end: usize, first: &Word) -> bool {
    // `… als „Unsinn“ und kündigte an, ein Sprecher …`: a second verb of the same subject.
    if ["und", "and", "sowie", "oder"].contains(&first.text.as_str()) {
        return false;
    }
    let gap = &chars[end..first.start];
    gap.iter().any(|c| ",–—-".contains(*c))
        || end >= 2 && chars[end - 2] == ','
        || first.text.chars().next().is_some_and(char::is_lowercase)
}

/// The speaker named before a quote that starts at `start`: `Krause sagte: „…“`, `The
/// minister told reporters: "…"` (an English subject needs no capitalised noun).
pub fn before(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let from = start.saturating_sub(400);
    if mark_before(chars, from, start) != Some(':') {
        return None;
    }
    // The clause before the colon, within its sentence and after any colon before it
    // (`… kritisierte die Art, scharf: So sagte Olli Rehn, Kommissar: „…“`).
    let clause_start = sentence_start(chars, from, start);
    let colon_at = |to: usize| (clause_start..to).rfind(|&i| chars[i] == ':');
    let clause_start = colon_at(start)
        .and_then(colon_at)
        .map_or(clause_start, |i| i + 1);
    let all = words(chars, clause_start, start);
    let ws = &all[after_last_dash(&all)..];
    let lower = |w: &Word| w.text.to_lowercase();
    let verb = ws.iter().position(|w| lexicon::introduces(&w.text))?;
    // `Auf der Homepage heißt es zur Begründung: „…“`: the text the opening phrase names.
    if heisst_es(ws, verb) && verb > 1 && lexicon::PREPOSITIONS.contains(&lower(&ws[0]).as_str()) {
        let last = (1..verb).find(|&k| ws[k].after_comma).unwrap_or(verb) - 1;
        return Some((ws[0].start, ws[last].end));
    }
    // `sagte sie: „…“`: the pronoun after the verb.
    if let Some(w) = ws.get(verb + 1)
        && lexicon::PRONOUNS.contains(&lower(w).as_str())
    {
        return Some((w.start, w.end));
    }
    // `Der Zeitung sagte Filep Karma: „…“`: a sentence opened by something other than its
    // subject has the subject right after the verb.
    let name_like =
        |w: &Word| capitalised(&w.text) && !lexicon::BEFORE_NAME.contains(&lower(w).as_str());
    // Not when a name of two words or more stands before the verb in its clause and a single
    // word after it (`Auch die Ministerin Renate Schmidt äußerte Vorbehalte …: „…“`): that
    // is an object.
    let run = |from: usize| ws[from..].iter().take_while(|w| name_like(w)).count();
    let clause = (0..=verb).rfind(|&k| ws[k].after_comma).unwrap_or(0);
    let named_before = (clause..verb).any(|k| run(k) >= 2);
    if verb > 0
        && !ws.first().is_some_and(name_like)
        && ws.get(verb + 1).is_some_and(name_like)
        && !(named_before && run(verb + 1) < 2)
    {
        return name_from(ws, verb + 1);
    }
    // `…, die Gerhard Schröder … erklärt hatte: „…“`: a name right after the relative pronoun
    // that opens the verb's clause is that clause's subject.
    if clause > 0
        && ["die", "das", "den", "dem", "denen"].contains(&lower(&ws[clause]).as_str())
        && ws.get(clause + 1).is_some_and(name_like)
    {
        return name_from(&ws[clause + 1..], 0);
    }
    // `Danach teilte dessen Stellvertreter mit: „…“`: a possessive and its noun after the
    // verb, in a sentence opened by something other than its subject.
    if verb > 0
        && !ws.first().is_some_and(name_like)
        && ws.get(verb + 1).is_some_and(|w| {
            ["dessen", "deren", "sein", "seine", "ihr", "ihre"].contains(&lower(w).as_str())
        })
        && ws.get(verb + 2).is_some_and(name_like)
    {
        return name_from(ws, verb + 2).map(|(_, e)| (ws[verb + 1].start, e));
    }
    // `Die Rundschau zitiert einen Augenzeugen mit den Worten: „…“`: the one quoted.
    if lower(&ws[verb]).starts_with("zitiert")
        && let Some(k) = (verb + 1..(verb + 4).min(ws.len())).find(|&k| {
            capitalised(&ws[k].text) && !lexicon::BEFORE_NAME.contains(&lower(&ws[k]).as_str())
        })
        && ws[k + 1..].iter().take(5).any(|w| w.text == "mit")
    {
        let (_, end) = name_from(ws, k)?;
        let article = ws[verb + 1..k]
            .iter()
            .rfind(|w| lexicon::ARTICLES.contains(&lower(w).as_str()) || lower(w) == "einen");
        return Some((article.map_or(ws[k].start, |w| w.start), end));
    }
    english_subject(ws)
        .or_else(|| opening(ws))
        .or_else(|| clause_subject(ws))
}

/// The name a quote in parentheses right after it belongs to (`…, Mohammed ElBaradei („Mir
/// fällt niemand ein …“), und …`): the capitalised words before the opening parenthesis, back
/// to a comma or a lowercase word, two of them at least.
pub fn before_parenthesis(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let paren = (start.saturating_sub(3)..start).rfind(|&i| chars[i] == '(')?;
    if !chars[paren + 1..start].iter().all(|c| c.is_whitespace()) {
        return None;
    }
    let ws = words(chars, sentence_start(chars, 0, paren), paren);
    let last = ws.len().checked_sub(1)?;
    if paren - ws[last].end > 1 || !capitalised(&ws[last].text) {
        return None;
    }
    let mut first = last;
    while first > 0
        && last - first < 4
        && !ws[first].after_comma
        && capitalised(&ws[first - 1].text)
    {
        first -= 1;
    }
    // A single noun is more often an object (`will hohe Individualeinkommen („…“) belasten`).
    (first < last).then(|| (ws[first].start, ws[last].end))
}

/// The first capitalised run of a clause: its subject, in the usual German order.
fn clause_subject(ws: &[Word]) -> Option<(usize, usize)> {
    let k = ws.iter().position(|w| {
        let lower = w.text.to_lowercase();
        capitalised(&w.text)
            && !lexicon::BEFORE_NAME.contains(&lower.as_str())
            && !lexicon::OPENERS.contains(&lower.as_str())
    })?;
    name_from(ws, k)
}

/// The subject of the clause that a colon before a quote ends, when that clause has no
/// reporting verb (`Enders schloss sich dem mit den Worten an: „…“`): a speaker for a quote
/// already known to be said, not a sign that it is.
pub fn colon_subject(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let from = start.saturating_sub(400);
    if mark_before(chars, from, start) != Some(':') {
        return None;
    }
    let ws = words(chars, sentence_start(chars, from, start), start);
    let ws = &ws[after_last_dash(&ws)..];
    opening(ws).or_else(|| clause_subject(ws))
}

/// The speaker of an indirect quote `start..end` from its sentence: the source it names (`Der
/// Experte geht laut einem Bericht davon aus, dass …` is the report's, as annotators mark it),
/// unless an opening `wie` clause names who told it (`Wie Sprecher Thomas Steg mitteilte, ist
/// … nach Auffassung der Kanzlerin …`) or the source stands inside the quote, or opens its
/// clause, after a reporting clause (`…, sagte Beringer, nach neuesten Erkenntnissen habe …`);
/// then, and without a source, the [`before_clause`] speaker.
pub fn source_or_clause(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let head = clause_head(chars, start);
    let said = head.first().is_some_and(|w| w.text == "Wie") && head.iter().any(reporting_verb);
    if said && let Some(speaker) = clause_speaker(chars, &head, start, end) {
        return Some(speaker);
    }
    // `Ein Sprecher, Lars Beringer, sagte, nach neuesten Erkenntnissen habe …`: a source inside
    // the quote is part of what is said, when a reporting verb before the quote names who
    // says it.
    // So is one that opens the quote's clause after the comma (the quote starts after it).
    let source = source_in(chars, start);
    let clause = head
        .iter()
        .rposition(|w| w.after_comma)
        .unwrap_or(head.len());
    let inside = |a: usize| {
        a >= start && head.iter().any(reporting_verb)
            || head.get(clause).is_some_and(|w| a >= w.start)
                && head[..clause].iter().any(reporting_verb)
    };
    if source.is_some_and(|(a, _)| inside(a))
        && let Some(speaker) = clause_speaker(chars, &head, start, end)
    {
        return Some(speaker);
    }
    source.or_else(|| clause_speaker(chars, &head, start, end))
}

/// The speaker of an indirect quote `start..end` that follows its reporting clause in the same
/// sentence (`Krause sagte, …`), or is named with `laut X` / `so X` inside it.
pub fn before_clause(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let head = clause_head(chars, start);
    clause_speaker(chars, &head, start, end)
}

/// [`before_clause`], given the words of the sentence before the quote (`head`).
fn clause_speaker(
    chars: &[char],
    head: &[Word],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    // `Die Anhänger, …, warnte er, …`: a pronoun right after the reporting verb is its subject,
    // whatever opens the sentence.
    let pronoun_after_verb = (1..head.len())
        .find(|&k| ["er", "sie"].contains(&head[k].text.as_str()) && reporting_verb(&head[k - 1]));
    if mark_before(chars, 0, start) == Some(',')
        && let Some(k) = pronoun_after_verb
    {
        return Some((head[k].start, head[k].end));
    }
    if let Some(subject) = english_subject(head) {
        return Some(subject);
    }
    // A quote that follows a comma in its sentence is the clause after the reporting verb
    // (`Jugendliche haben ausgesagt, dass …`, `Im ersten Satz beruft sich die Bank darauf,
    // dass …`), whatever verb that is: the clause's subject spoke.
    if mark_before(chars, 0, start) == Some(',')
        && let Some(subject) = relative_subject(head)
            .or_else(|| sources::passive_agent(head))
            .or_else(|| subordinate_subject(head))
            .or_else(|| coordinated(head).and_then(opening))
            .or_else(|| opening(head))
            .or_else(|| as_told_by(chars, head))
    {
        return Some(subject);
    }
    if head.iter().any(reporting_verb) {
        let k = head.iter().position(|w| {
            capitalised(&w.text) && !lexicon::BEFORE_NAME.contains(&w.text.to_lowercase().as_str())
                || lexicon::PRONOUNS.contains(&w.text.to_lowercase().as_str())
        });
        if let Some(k) = k {
            return name_from(head, k);
        }
    }
    sources::named_inside(chars, start, end)
}

/// The subject that opens the sentence around `at` when that sentence reports speech outside
/// quotation marks (`Die CCE bezeichnete die Berichte als „reine Spekulation“`).
pub fn subject_of(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let mut outside = outside_marks(chars, at);
    // A colon before `at` starts the clause that counts (`Datenleck bei Krankenkasse: Vorstand
    // spricht von „Einzelfall“`).
    if let Some(k) = outside
        .iter()
        .rposition(|w| w.start < at && after_colon(chars, w))
    {
        outside.drain(..k);
    }
    if !outside.iter().any(reporting_verb) {
        // `The mayor called the plan "…"`: an English verb that tells of speech.
        return english_subject(&outside);
    }
    sources::passive_agent(&outside)
        .or_else(|| english_subject(&outside))
        .or_else(|| inserted_clause(&outside))
        .or_else(|| opening(&outside))
        .or_else(|| {
            let k = outside.iter().take(3).position(|w| {
                capitalised(&w.text) && !lexicon::ARTICLES.contains(&w.text.to_lowercase().as_str())
            })?;
            name_from(&outside, k)
        })
}

/// The words of the sentence around `at` that stand outside quotation marks.
fn outside_marks(chars: &[char], at: usize) -> Vec<Word> {
    let start = sentence_start(chars, 0, at);
    let end = sentence_end(chars, at, 600);
    let mut outside = Vec::new();
    let mut quoted = false;
    for w in words(chars, start, end) {
        let before: String = chars[start.max(w.start.saturating_sub(1))..w.start]
            .iter()
            .collect();
        quoted |= before.contains(['„', '“', '»', '«']);
        if !quoted {
            outside.push(w.clone());
        }
        let after = chars.get(w.end).copied().unwrap_or(' ');
        if "“”«»".contains(after) {
            quoted = false;
        }
    }
    outside
}

/// The last character in `chars[from..at]` that is not a space: the mark a word or quote at
/// `at` follows (`Krause sagte: „…“`, `…, dass …`).
fn mark_before(chars: &[char], from: usize, at: usize) -> Option<char> {
    chars[from..at]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .copied()
}

/// Whether a colon comes right before the word `w` (spaces aside).
fn after_colon(chars: &[char], w: &Word) -> bool {
    mark_before(chars, 0, w.start) == Some(':')
}

/// Whether the sentence around `at` (a quote's start) is built on a Konjunktiv I verb (or
/// `hätte`, `wäre`) before its first comma or colon, without a reporting verb (`Damit seien
/// „der Kurs …“ unklar.`): it carries on what the speaker before said, so its own subject is
/// not the speaker. A Konjunktiv after the comma (`Die Passagiere berichteten, das Flugzeug
/// sei …`) does not.
pub fn carries_on_speech(chars: &[char], at: usize) -> bool {
    let outside = outside_marks(chars, at);
    let main_clause = outside
        .iter()
        .take_while(|w| w.start < at && !w.after_comma && !after_colon(chars, w));
    main_clause.skip(1).any(|w| {
        let lower = w.text.to_lowercase();
        lexicon::KONJUNKTIV.contains(&lower.as_str())
            || ["hätte", "hätten", "wäre", "wären"].contains(&lower.as_str())
    }) && !outside.iter().any(reporting_verb)
}

/// The subject of the sentence before the one around `at`, when that one reports speech
/// (`Freiberg kritisierte die Pläne. Bereits heute müssten …`), or the one a `wie` clause
/// there names (`…, wie Burt Rutan mitteilte. Die Ursache sei unklar.`), in the same
/// paragraph.
pub fn previous_subject(chars: &[char], at: usize) -> Option<(usize, usize)> {
    // The mark that ends the sentence before: none at the text's start, and a line break ends
    // the paragraph.
    let boundary = sentence_start(chars, 0, at).checked_sub(1)?;
    if chars[boundary] == '\n' || boundary == 0 {
        return None;
    }
    // `Die Chemikalie stand unter Druck, wie Burt Rutan mitteilte. Die Ursache sei unklar.`:
    // a `wie` clause names who told the sentence before.
    let ws = words(chars, sentence_start(chars, 0, boundary), boundary);
    let told = super::sentence::told_with_wie(&ws).and_then(|k| as_told_by(chars, &ws[k..]));
    told.or_else(|| subject_of(chars, boundary - 1))
}

/// The subject of the sentence before the one around `at`, in the same paragraph, whatever
/// its verb (reported speech runs on over sentences: `Edler sieht darin Parallelen. Die
/// Ursache sei nie gefunden worden.`).
pub fn earlier_subject(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let boundary = sentence_start(chars, 0, at).checked_sub(1)?;
    if chars[boundary] == '\n' || boundary == 0 {
        return None;
    }
    let start = sentence_start(chars, 0, boundary);
    opening_subject(chars, sentence_end(chars, start, 600).max(start + 1))
}

#[cfg(test)]
mod tests;

//! Suggestions: quotes, their form and their speakers proposed by rules — direct quotes
//! between quotation marks of every style (interrupted ones as one quote with two fragments,
//! ones that run over paragraphs), indirect speech in the Konjunktiv I or after a reporting
//! verb or with a named source. Pure: text in, suggestions out.

pub mod direct;
pub mod evaluate;
pub mod indirect;
pub mod learn;
pub mod lexicon;
pub mod offer;
pub mod posts;
mod sentence;
pub mod speaker;

use crate::model::{Annotation, Fragment, Relation};

/// The layer suggestions live in.
pub const SUGGESTED: &str = "suggested";

/// One suggested quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Its fragments (code points).
    pub fragments: Vec<(usize, usize)>,
    /// `direct` or `indirect` (the rules do not tell reported speech yet).
    pub form: &'static str,
    /// Its speaker's mention (code points), where one was found.
    pub speaker: Option<(usize, usize)>,
}

/// The suggestions for `text`, in text order.
pub fn suggest(text: &str) -> Vec<Suggestion> {
    suggest_with(text, Guesses::Made)
}

/// Whether the rules guess a speaker from a sentence's subject when nothing surer names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guesses {
    /// Guess: more speakers right, a few more wrong (what users are shown).
    Made,
    /// Only speakers a reporting clause, a colon or a named source give (the learner's
    /// features: a guess there blurs what the rules are sure of).
    Left,
}

/// The quotes between marks that are said (not titles, names or terms), with their speakers;
/// a quote in the headline counts when it has three words or more, and takes the speaker
/// of the same words quoted in the body.
fn direct_quotes(chars: &[char], guess: bool) -> Vec<Suggestion> {
    let headline = posts::headline(chars);
    let mut out: Vec<Suggestion> = Vec::new();
    let mut in_headline = Vec::new();
    for m in direct::find(chars, 1) {
        let first = m.fragments[0];
        let last = m.fragments[m.fragments.len() - 1];
        let (after, before) = (
            speaker::after(chars, last.1),
            speaker::before(chars, first.0),
        );
        // A reporting clause between two fragments names the speaker too.
        let speaker = speaker::after(chars, first.1)
            .filter(|_| m.fragments.len() > 1)
            .or(after)
            .or(before)
            .or_else(|| speaker::as_told_after(chars, last.1));
        // A title is never a quote; a name-like one only with a reporting clause set off by
        // a comma right after it, or a colon before it.
        let clause_after = chars.get(last.1) == Some(&',') && after.is_some();
        if !direct::called(chars, &m.fragments)
            && (direct::names_a_title(chars, &m.fragments)
                || direct::name_like(chars, &m.fragments) && !clause_after && before.is_none())
        {
            continue;
        }
        let headlined = headline.is_some_and(|(_, e)| last.1 <= e)
            && chars[first.0..last.1]
                .iter()
                .filter(|c| c.is_whitespace())
                .count()
                >= 2;
        // A speaker next to the marks shows they quote; a source named elsewhere in the
        // sentence does not.
        if speaker.is_none() && !direct::looks_said(chars, &m.fragments) && !headlined {
            continue;
        }
        if headlined && speaker.is_none() {
            in_headline.push(out.len());
        }
        out.push(Suggestion {
            speaker: speaker
                .or_else(|| speaker::source_right_before(chars, first.0))
                .or_else(|| speaker::before_parenthesis(chars, first.0))
                .or_else(|| speaker::after_any_verb(chars, last.1))
                .or_else(|| speaker::colon_subject(chars, first.0).filter(|_| guess))
                .or_else(|| speaker::dass_clause_speaker(chars, first.0))
                .or_else(|| speaker::source_in(chars, first.0))
                .or_else(|| speaker::subject_of(chars, first.0))
                .or_else(|| {
                    (guess && !speaker::carries_on_speech(chars, first.0))
                        .then(|| speaker::opening_subject(chars, first.0))
                        .flatten()
                }),
            fragments: m.fragments,
            form: "direct",
        });
    }
    // The headline's quote is said by whoever says the same words in the body.
    let inner = |s: &Suggestion| -> String {
        let (a, b) = (s.fragments[0].0, s.fragments[s.fragments.len() - 1].1);
        chars[a + 1..b - 1].iter().collect()
    };
    for i in in_headline {
        let words = inner(&out[i]);
        out[i].speaker = out
            .iter()
            .skip(i + 1)
            .find(|o| o.speaker.is_some() && inner(o).contains(&words))
            .and_then(|o| o.speaker)
            .or(out[i].speaker);
    }
    out
}

/// The suggestions for `text`, guessing speakers or not.
pub fn suggest_with(text: &str, guesses: Guesses) -> Vec<Suggestion> {
    let guess = guesses == Guesses::Made;
    let chars: Vec<char> = text.chars().collect();
    let mut out = direct_quotes(&chars, guess);
    for ((s, e), speaker) in posts::find(&chars) {
        if !out
            .iter()
            .flat_map(|o| &o.fragments)
            .any(|&(a, b)| a < e && s < b)
        {
            out.push(Suggestion {
                fragments: vec![(s, e)],
                form: "direct",
                speaker,
            });
        }
    }
    let taken: Vec<(usize, usize)> = out.iter().flat_map(|s| s.fragments.clone()).collect();
    for (fragments, form) in indirect::find(&chars, &taken) {
        let (s, e) = (fragments[0].0, fragments[fragments.len() - 1].1);
        // Reported speech is a whole sentence: whoever it is about spoke.
        if form == "reported" {
            out.push(Suggestion {
                fragments,
                form,
                speaker: speaker::opening_subject(&chars, e.saturating_sub(1)),
            });
            continue;
        }
        out.push(Suggestion {
            fragments,
            form,
            speaker: speaker::after(&chars, e)
                .or_else(|| speaker::as_told_after(&chars, e))
                .or_else(|| speaker::named_after(&chars, e))
                .or_else(|| speaker::source_or_clause(&chars, s, e))
                // The subject that opens the quote is what it is about, not who said it.
                .or_else(|| {
                    speaker::subject_of(&chars, s).filter(|&(a, _)| {
                        a < s || chars[s..a.min(e)].iter().filter(|&&c| c == ' ').count() >= 3
                    })
                })
                .or_else(|| speaker::previous_subject(&chars, s))
                .or_else(|| guess.then(|| speaker::opening_subject(&chars, s)).flatten()),
        });
    }
    out.sort_by_key(|s| s.fragments[0].0);
    inherit_speakers(&chars, &mut out, guess);
    merge_going_on(&chars, &mut out);
    for o in &mut out {
        o.speaker = o.speaker.map(|span| closed(&chars, span));
    }
    out
}

/// Speakers for quotes that have none of their own: indirect speech that goes on in the
/// Konjunktiv right after a quote is that quote's speaker's; a quote after a sentence that is
/// no quote, in a paragraph after the quote before, that sentence's subject's (when guessing,
/// and not a bare noun); a quote without a speaker takes the speaker of the quote before it in
/// the same or the previous paragraph; a direct or indirect quote still without one (when
/// guessing) the subject of the sentence before.
fn inherit_speakers(chars: &[char], out: &mut [Suggestion], guess: bool) {
    for i in 0..out.len() {
        if i > 0 {
            inherit_from_before(chars, out, i, guess);
        }
        // Only a quote that no quote before it gives a speaker takes the subject of the
        // sentence before (measured: train speaker right 0.751 -> 0.757, dev the same).
        if out[i].speaker.is_none() && out[i].form != "reported" && guess {
            out[i].speaker = speaker::earlier_subject(chars, out[i].fragments[0].0);
        }
    }
}

/// The speaker of the quote before `out[i]` for it, when it carries on that quote's speech or
/// has no speaker of its own.
fn inherit_from_before(chars: &[char], out: &mut [Suggestion], i: usize, guess: bool) {
    // Indirect speech that goes on in the Konjunktiv right after a quote (`Nach Angaben von
    // n24 sind die Gruppen mobil. Sie würden sich … verständigen.`) is that quote's speaker's,
    // whatever its own subject.
    let start = out[i].fragments[0].0;
    let end = out[i].fragments[out[i].fragments.len() - 1].1;
    let before = out[i - 1].fragments[out[i - 1].fragments.len() - 1].1;
    let right_after = before <= start
        && start - before < 4
        && chars[before..start]
            .iter()
            .all(|&c| c == ' ' || ".!?“”\"".contains(c));
    if out[i].form == "indirect"
        && out[i - 1].speaker.is_some()
        && right_after
        && speaker::carries_on_speech(chars, end.saturating_sub(1))
    {
        out[i].speaker = out[i - 1].speaker;
    }
    // A quote after a sentence that is no quote, in a paragraph after the quote before, is
    // first that sentence's subject's (`„…“, sagte eine Zeugin.¶¶Die Kriminalpolizei bittet
    // um Mithilfe. Der Mann sei 18 bis 25 Jahre alt.`; measured: speaker right dev 0.810 ->
    // 0.818, train 0.777 -> 0.782).
    if out[i].speaker.is_none()
        && out[i].form != "reported"
        && guess
        && before <= start
        && chars[before..start].contains(&'\n')
    {
        let sentence = speaker::sentence_start(chars, 0, start);
        let previous = speaker::sentence_start(chars, 0, sentence.saturating_sub(1));
        // A bare noun (`Sirenen`, `Feuer`) is rather what the sentence is about.
        let bare_noun = |(a, b): (usize, usize)| {
            !chars[a..b].contains(&' ') && chars[a].is_uppercase() && b - a > 3
        };
        if before <= previous {
            out[i].speaker = speaker::earlier_subject(chars, start).filter(|&m| !bare_noun(m));
        }
    }
    // A quote without a speaker of its own goes to the speaker of the quote before it, when
    // that one is in the same or the previous paragraph.
    if out[i].speaker.is_none() {
        let gap: String = chars[out[i - 1].fragments[0].0..start].iter().collect();
        if gap.matches("\n\n").count() <= 1 {
            out[i].speaker = out[i - 1].speaker;
        }
    }
}

/// A speaker's mention with the parenthesis it opened closed (`Henning Scherf (SPD)`, not
/// `Henning Scherf (SPD`).
fn closed(chars: &[char], (s, e): (usize, usize)) -> (usize, usize) {
    let open = chars[s..e].iter().filter(|&&c| c == '(').count();
    let shut = chars[s..e].iter().filter(|&&c| c == ')').count();
    if open > shut && chars.get(e) == Some(&')') {
        (s, e + 1)
    } else {
        (s, e)
    }
}

/// Joins indirect speech that goes on in the Konjunktiv over whole sentences (`Es gebe keine
/// Verletzten. Die Straßen seien frei.`) into one quote, as annotators mark it (measured on
/// the annotated news: indirect exact F1 0.497 → 0.511 on the train articles, tokens the
/// same).
fn merge_going_on(chars: &[char], out: &mut Vec<Suggestion>) {
    let mut i = 1;
    while i < out.len() {
        let (prev, next) = (&out[i - 1], &out[i]);
        let before = prev.fragments[prev.fragments.len() - 1].1;
        let (start, end) = (next.fragments[0].0, next.fragments[0].1);
        let whole = |s: &Suggestion| s.fragments.len() == 1;
        let adjacent =
            before <= start && start - before < 3 && chars[before..start].iter().all(|&c| c == ' ');
        if prev.form == "indirect"
            && next.form == "indirect"
            && whole(prev)
            && whole(next)
            && adjacent
            && before > 0
            && ".!?".contains(chars[before - 1])
            && speaker::carries_on_speech(chars, end.saturating_sub(1))
        {
            out[i - 1].fragments[0].1 = end;
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// The suggestions as annotations and attribution links of the `suggested` layer, with
/// `fresh_id` giving each its id. Speakers mentioned by several quotes are one annotation.
pub fn as_layer(
    text: &str,
    suggestions: &[Suggestion],
    fresh_id: &mut dyn FnMut(&str) -> String,
) -> (Vec<Annotation>, Vec<Relation>) {
    let chars: Vec<char> = text.chars().collect();
    let covered = |frags: &[(usize, usize)]| {
        frags
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut relations = Vec::new();
    let mut speakers: Vec<((usize, usize), String)> = Vec::new();
    for s in suggestions {
        let quote = Annotation {
            origin: Default::default(),
            id: fresh_id("a"),
            annotator: SUGGESTED.into(),
            label: "quote".into(),
            fragments: s
                .fragments
                .iter()
                .map(|&(a, b)| Fragment::new(a, b))
                .collect(),
            text: covered(&s.fragments),
            attributes: [("form".to_string(), serde_json::Value::from(s.form))].into(),
            note: String::new(),
        };
        // A speaker inside its own quote is a mistake, except in reported speech, whose
        // sentence names who spoke.
        if let Some(span) = s.speaker
            && (s.form == "reported" || !s.fragments.iter().any(|&(a, b)| a < span.1 && span.0 < b))
        {
            let id = match speakers.iter().find(|(sp, _)| *sp == span) {
                Some((_, id)) => id.clone(),
                None => {
                    let id = fresh_id("a");
                    annotations.push(Annotation {
                        origin: Default::default(),
                        id: id.clone(),
                        annotator: SUGGESTED.into(),
                        label: "speaker".into(),
                        fragments: vec![Fragment::new(span.0, span.1)],
                        text: covered(&[span]),
                        attributes: Default::default(),
                        note: String::new(),
                    });
                    speakers.push((span, id.clone()));
                    id
                }
            };
            relations.push(Relation {
                id: fresh_id("r"),
                annotator: SUGGESTED.into(),
                kind: "attribution".into(),
                from: quote.id.clone(),
                to: id,
            });
        }
        annotations.push(quote);
    }
    (annotations, relations)
}

#[cfg(test)]
mod tests;

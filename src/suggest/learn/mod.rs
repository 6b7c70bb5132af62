//! The learned suggester: a linear-chain CRF (the `crfs` crate, a Rust port of CRFsuite)
//! over the SPEC's tokens, trained on a project's own annotations. Each token is tagged
//! `B-`/`I-` of a quote form (`direct`, `indirect`, `reported`) or of `speaker`, or `O`; the
//! features are in [`features`]. A learned direct quote that the rules found too takes the
//! rules' fragments (they know interrupted quotes); speakers come from the rules' speaker
//! finders first, then from the nearest learned speaker. The quote forms the team never
//! annotated are not offered, and direct quotes come without their marks when the team
//! marks them so.

mod features;

use std::io;

use crfs::{Attribute, Model, Trainer};

use super::{Suggestion, speaker};
use crate::model::Annotation;
use crate::model::tokens::{Token, tokenize};

/// The quote forms the suggester learns, as the `form` attribute names them.
const FORMS: [&str; 3] = ["direct", "indirect", "reported"];

/// One annotated document to learn from: its text, and the quotes (with `form`) and speakers
/// of one layer.
pub struct Example<'a> {
    /// The document's text.
    pub text: &'a str,
    /// The layer's annotations.
    pub annotations: &'a [Annotation],
}

/// How long training may run.
#[derive(Clone, Copy, Debug)]
pub struct Training {
    /// L-BFGS iterations at most.
    pub iterations: usize,
    /// Features seen fewer times than this are left out (a smaller, faster model).
    pub min_frequency: f64,
}

impl Default for Training {
    fn default() -> Self {
        Training {
            iterations: 60,
            min_frequency: 2.0,
        }
    }
}

/// Trains a model on `examples`.
pub fn train(examples: &[Example<'_>], training: Training) -> io::Result<Learned> {
    let mut trainer = Trainer::lbfgs()
        .with_c2(1.0)?
        .with_max_iterations(training.iterations)?;
    trainer.set_feature_minfreq(training.min_frequency)?;
    for ex in examples {
        let chars: Vec<char> = ex.text.chars().collect();
        let tokens = tokenize(ex.text);
        if tokens.is_empty() {
            continue;
        }
        let sure = super::suggest_with(ex.text, super::Guesses::Left);
        let xseq = features::attributes(&chars, &tokens, &sure);
        let yseq = gold_tags(&tokens, ex.annotations);
        trainer.append(&xseq, &yseq)?;
    }
    let dir = tempfile_dir()?;
    let path = dir.join("model.crfsuite");
    let result = trainer.train(&path).and_then(|()| std::fs::read(&path));
    std::fs::remove_dir_all(&dir).ok();
    Learned::new(result?)
}

/// A private folder for CRFsuite's model file, which it writes to a path.
fn tempfile_dir() -> io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "spanbench-crf-{}-{}",
        std::process::id(),
        crate::model::ids::fresh_id("t")
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The tag of every token from a layer's quotes and speakers.
fn gold_tags(tokens: &[Token], annotations: &[Annotation]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); tokens.len()];
    // Speakers first, so a quote wins where both cover a token.
    let mut ordered: Vec<&Annotation> = annotations.iter().collect();
    ordered.sort_by_key(|a| a.label != "speaker");
    for a in ordered {
        let kind = match a.label.as_str() {
            "speaker" => "speaker",
            "quote" => form_of(a),
            _ => continue,
        };
        for f in &a.fragments {
            let from = tokens.partition_point(|t| t.end <= f.start);
            let to = tokens.partition_point(|t| t.start < f.end);
            for (k, tag) in tags.iter_mut().enumerate().take(to).skip(from) {
                *tag = format!("{}-{kind}", if k == from { "B" } else { "I" });
            }
        }
    }
    tags
}

/// A quote's form: its `form` attribute, or where it has none (or one the suggester does not
/// know) `direct` when it opens with a quotation mark and `indirect` when not.
fn form_of(quote: &Annotation) -> &'static str {
    let named = quote.attributes.get("form").and_then(|v| v.as_str());
    if let Some(form) = FORMS.iter().find(|f| Some(**f) == named) {
        return form;
    }
    match quote.text.chars().next() {
        Some(c) if !super::direct::opens_a_quote(c) => "indirect",
        _ => "direct",
    }
}

/// The first bytes of every stored model, whatever the version of its features.
const FAMILY: &[u8] = b"spanbench-crf-";

/// The first bytes of a stored model: what it is and the version of its features (2: the
/// quotation-mark state and a named source in the sentence; 3: every third-person form of a
/// regular verb of speech reports).
const MAGIC: &[u8] = b"spanbench-crf-3\n";

/// A trained model, ready to tag.
#[derive(Clone)]
pub struct Learned {
    /// CRFsuite's model file.
    bytes: Vec<u8>,
    /// The team leaves the quotation marks out of its direct quotes (asked once, as the model
    /// loads: see [`marks_left_out`]).
    marks_left_out: bool,
}

impl Learned {
    /// The CRFsuite model in `bytes`; an error when they are not one.
    fn new(bytes: Vec<u8>) -> io::Result<Learned> {
        let marks_left_out = marks_left_out(&Model::new(&bytes)?.tagger()?)?;
        Ok(Learned {
            bytes,
            marks_left_out,
        })
    }

    /// `out` as the team marks quotes: only the forms it annotated (the labels `model`
    /// knows), direct quotes without their marks when it leaves them out.
    fn as_the_team_marks(&self, model: &Model<'_>, chars: &[char], out: &mut Vec<Suggestion>) {
        keep_forms_the_team_annotates(out, |tag| model.to_label_id(tag).is_some());
        if self.marks_left_out {
            leave_out_marks(chars, out);
        }
    }

    /// The model as stored: a header, the SHA-256 of the model, the model.
    pub fn to_file(&self) -> Vec<u8> {
        use sha2::Digest;
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&sha2::Sha256::digest(&self.bytes));
        out.extend_from_slice(&self.bytes);
        out
    }

    /// Whether `file` is a model stored by another version of spanbench (other features): it
    /// cannot be used, but is no damage either — it is to be learned again.
    pub fn is_outdated(file: &[u8]) -> bool {
        let Some(rest) = file.strip_prefix(FAMILY) else {
            return false;
        };
        // A whole version line (`spanbench-crf-1\n`), not a header cut short.
        let version = rest.iter().take(8).position(|&b| b == b'\n');
        version.is_some_and(|n| n > 0 && rest[..n].iter().all(u8::is_ascii_digit))
            && !file.starts_with(MAGIC)
    }

    /// A stored model; refused when it is not one, was written by another version of the
    /// features, or was damaged (its checksum does not match), before the model reader sees it.
    pub fn from_file(file: &[u8]) -> io::Result<Learned> {
        use sha2::Digest;
        let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidData, why.to_string());
        let rest = file
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not a spanbench suggester model (or one of another version)"))?;
        if rest.len() < 32 {
            return Err(bad("the model file is cut short"));
        }
        let (sum, body) = rest.split_at(32);
        if sha2::Sha256::digest(body).as_slice() != sum {
            return Err(bad(
                "the model file is damaged (its checksum does not match)",
            ));
        }
        Learned::new(body.to_vec())
    }

    /// The suggestions for `text`: the learned quotes of every form with their speakers.
    pub fn suggest(&self, text: &str) -> io::Result<Vec<Suggestion>> {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let sure = super::suggest_with(text, super::Guesses::Left);
        let xseq: Vec<Vec<Attribute>> = features::attributes(&chars, &tokens, &sure);
        let rules = super::suggest(text);
        let model = Model::new(&self.bytes)?;
        let tagger = model.tagger()?;
        let tags = tagger.tag(&xseq)?;
        let spans = decode(&tokens, &tags);
        let speakers: Vec<(usize, usize)> = spans
            .iter()
            .filter(|(_, kind)| *kind == "speaker")
            .map(|(span, _)| *span)
            .collect();
        // The rules' finders, as for their own quotes, and only then the nearest learned
        // speaker (measured: 0.535 speakers right on the dev articles, 0.463 with the learned
        // one right after the reporting clause).
        let speaker_of = |first: usize, last: usize| {
            speaker::after_any_verb(&chars, last)
                .or_else(|| speaker::as_told_after(&chars, last))
                .or_else(|| speaker::named_after(&chars, last))
                .or_else(|| speaker::before(&chars, first))
                .or_else(|| speaker::source_or_clause(&chars, first, last))
                .or_else(|| speaker::subject_of(&chars, first))
                .or_else(|| speaker::previous_subject(&chars, first))
                .or_else(|| speaker::opening_subject(&chars, first))
                .or_else(|| speaker::earlier_subject(&chars, first))
                .or_else(|| nearest(&speakers, first, last))
        };
        let mut out: Vec<Suggestion> = Vec::new();
        for ((s, e), kind) in spans.iter().filter(|(_, k)| k != "speaker") {
            let (s, e) = (*s, *e);
            let form: &'static str = FORMS
                .iter()
                .find(|f| **f == kind)
                .copied()
                .unwrap_or("direct");
            // The rules' fragments where they found the same direct quote.
            let ruled = rules
                .iter()
                .find(|r| r.form == "direct" && r.fragments.iter().any(|&(a, b)| a < e && s < b));
            // Between marks the rules decide: a marked span they left out is a title, a name
            // or a scare quote far more often than speech (measured: learned direct exact F1
            // on the dev articles 0.887 -> 0.907 for a model that offered such spans).
            if form == "direct" && ruled.is_none() {
                continue;
            }
            let fragments = match ruled {
                Some(r) if form == "direct" => r.fragments.clone(),
                _ => vec![(s, e)],
            };
            if out.iter().any(|o| o.fragments == fragments) {
                continue;
            }
            let (first, last) = (fragments[0].0, fragments[fragments.len() - 1].1);
            // Reported speech is a whole sentence: whoever it is about spoke, as for the rules'.
            let reported = (form == "reported")
                .then(|| speaker::opening_subject(&chars, last.saturating_sub(1)))
                .flatten();
            let speaker = ruled
                .and_then(|r| r.speaker)
                .or(reported)
                .or_else(|| speaker_of(first, last));
            out.push(Suggestion {
                fragments,
                form,
                speaker,
            });
        }
        join_rules(&mut out, &rules, &speaker_of);
        self.as_the_team_marks(&model, &chars, &mut out);
        out.sort_by_key(|s| s.fragments[0].0);
        Ok(out)
    }
}

/// Joins the rules' suggestions to the learned ones `out`: the rules' direct quotes win where
/// they overlap a learned quote (marks are a surer sign than the model's guess at a form or a
/// boundary); their indirect and reported quotes win over learned ones of those forms they
/// overlap, and join where the model found nothing (measured on the dev articles: the model
/// misses indirect speech the rules see, at a precision of 0.93 there), with their own
/// speakers first, then `speaker_of`'s, then the model's.
fn join_rules(
    out: &mut Vec<Suggestion>,
    rules: &[Suggestion],
    speaker_of: &dyn Fn(usize, usize) -> Option<(usize, usize)>,
) {
    let overlaps = |r: &Suggestion, o: &Suggestion| {
        o.fragments
            .iter()
            .any(|&(a, b)| r.fragments.iter().any(|&(c, d)| a < d && c < b))
    };
    for r in rules.iter().filter(|r| r.form == "direct") {
        let speaker = out.iter().find(|o| overlaps(r, o)).and_then(|o| o.speaker);
        out.retain(|o| !overlaps(r, o));
        out.push(Suggestion {
            speaker: r.speaker.or(speaker),
            ..r.clone()
        });
    }
    for r in rules.iter().filter(|r| r.form != "direct") {
        // The rules' indirect and reported speech replace the model's there (the rules'
        // boundaries are the surer: exact F1 0.43 -> 0.50 on the dev articles); a direct
        // quote the model found inside stays, as the rules' own do.
        let replaced = |o: &Suggestion| o.form != "direct" && overlaps(r, o);
        let learned = out.iter().filter(|o| replaced(o)).find_map(|o| o.speaker);
        out.retain(|o| !replaced(o));
        let (first, last) = (r.fragments[0].0, r.fragments[r.fragments.len() - 1].1);
        out.push(Suggestion {
            speaker: r.speaker.or_else(|| speaker_of(first, last)).or(learned),
            ..r.clone()
        });
    }
}

/// A plain quote to ask a model how the team marks direct quotes.
const PROBE: &str =
    "Krause sagte am Montag: „Wir werden die Steuern in diesem Jahr nicht erhöhen.“";

/// Whether the team leaves the quotation marks out of its direct quotes, as the model learned
/// it: asked to tag [`PROBE`], it leaves the opening mark out and takes the word after it.
fn marks_left_out(tagger: &crfs::Tagger<'_>) -> io::Result<bool> {
    let chars: Vec<char> = PROBE.chars().collect();
    let tokens = tokenize(PROBE);
    let sure = super::suggest_with(PROBE, super::Guesses::Left);
    let tags = tagger.tag(&features::attributes(&chars, &tokens, &sure))?;
    let Some(mark) = tokens.iter().position(|t| chars[t.start] == '„') else {
        return Ok(false);
    };
    let after = tags.get(mark + 1).copied().unwrap_or("O");
    Ok(tags[mark] == "O" && after.ends_with("-direct"))
}

/// Takes the quotation marks off the ends of every fragment of the direct quotes in `out`.
fn leave_out_marks(chars: &[char], out: &mut [Suggestion]) {
    let closes = |c: char| super::sentence::CLOSING_MARKS.contains(c) || "‘’'".contains(c);
    for s in out.iter_mut().filter(|s| s.form == "direct") {
        for (a, b) in s.fragments.iter_mut() {
            if *b > *a + 1 && super::direct::opens_a_quote(chars[*a]) {
                *a += 1;
            }
            if *b > *a + 1 && closes(chars[*b - 1]) {
                *b -= 1;
            }
        }
    }
}

/// Leaves out of `out` the quote forms the team never annotated in the documents the model
/// learned from: a team that marks only direct quotes is not offered the rules' indirect
/// speech. `learned` says whether the model knows a tag (`B-indirect`).
fn keep_forms_the_team_annotates(out: &mut Vec<Suggestion>, learned: impl Fn(&str) -> bool) {
    out.retain(|s| learned(&format!("B-{}", s.form)));
}

/// The tagged spans (code points) and their kind (`direct`, …, `speaker`).
fn decode(tokens: &[Token], tags: &[&str]) -> Vec<((usize, usize), String)> {
    let mut out: Vec<((usize, usize), String)> = Vec::new();
    for (t, tag) in tokens.iter().zip(tags) {
        let Some((bio, kind)) = tag.split_once('-') else {
            continue;
        };
        match out.last_mut() {
            Some(((_, end), k)) if bio == "I" && k == kind => *end = t.end,
            _ => out.push(((t.start, t.end), kind.to_string())),
        }
    }
    out
}

/// The learned speaker closest to a quote `first..last`, within 200 code points.
fn nearest(speakers: &[(usize, usize)], first: usize, last: usize) -> Option<(usize, usize)> {
    speakers
        .iter()
        .map(|&(s, e)| {
            let gap = if s >= last {
                s - last
            } else {
                first.saturating_sub(e)
            };
            (gap, (s, e))
        })
        .filter(|(gap, _)| *gap <= 200)
        .min_by_key(|(gap, _)| *gap)
        .map(|(_, span)| span)
}

#[cfg(test)]
mod tests;

use serde_json::json;

use super::*;
use crate::model::{Fragment, Origin};

fn ann(label: &str, text: &str, span: &str, form: Option<&str>) -> Annotation {
    let start = text[..text.find(span).expect("span in text")]
        .chars()
        .count();
    Annotation {
        origin: Origin::Hand,
        id: String::new(),
        annotator: "t".into(),
        label: label.into(),
        fragments: vec![Fragment::new(start, start + span.chars().count())],
        text: span.into(),
        attributes: form
            .map(|f| [("form".to_string(), json!(f))].into())
            .unwrap_or_default(),
        note: String::new(),
    }
}

/// Small invented articles: an indirect quote after a reporting verb and a `dass`, a reported
/// one in `laut`, and a direct one.
fn examples() -> Vec<(String, Vec<Annotation>)> {
    let people = ["Krause", "Meier", "Schulz", "Wagner", "Becker", "Hoffmann"];
    people
        .iter()
        .enumerate()
        .map(|(i, who)| {
            let indirect = format!("die Steuern im Jahr {} steigen würden", 2020 + i);
            let direct = format!("„Wir bleiben bei Plan {}“", i + 1);
            let text = format!(
                "Bericht\n\n{who} sagte am Montag, {indirect}. Danach ging es weiter.\n\n{direct}, sagte {who}.\n"
            );
            let anns = vec![
                ann("speaker", &text, who, None),
                ann("quote", &text, &indirect, Some("indirect")),
                ann("quote", &text, &direct, Some("direct")),
            ];
            (text, anns)
        })
        .collect()
}

/// A model trained on [`examples`] for `iterations`.
fn trained(iterations: usize) -> Learned {
    trained_on(&examples(), iterations)
}

/// A model trained on invented articles and their annotations for `iterations`.
fn trained_on(data: &[(String, Vec<Annotation>)], iterations: usize) -> Learned {
    let ex: Vec<Example<'_>> = data
        .iter()
        .map(|(text, anns)| Example {
            text,
            annotations: anns,
        })
        .collect();
    train(
        &ex,
        Training {
            iterations,
            min_frequency: 1.0,
        },
    )
    .expect("training works")
}

#[test]
fn a_model_trained_saved_and_loaded_tags_the_same_and_finds_what_it_learned() {
    let model = trained(40);
    let again = Learned::from_file(&model.to_file()).expect("the stored model loads");
    let text = "Bericht\n\nLehmann sagte am Montag, die Steuern im Jahr 2031 steigen würden. Danach ging es weiter.\n";
    let first = model.suggest(text).unwrap();
    assert_eq!(
        first,
        again.suggest(text).unwrap(),
        "same output after a round trip"
    );
    let found: Vec<(String, &str)> = first
        .iter()
        .map(|s| {
            let (a, b) = s.fragments[0];
            (text.chars().skip(a).take(b - a).collect(), s.form)
        })
        .collect();
    assert!(
        found
            .iter()
            .any(|(t, f)| t.contains("Steuern im Jahr 2031") && *f == "indirect"),
        "{found:?}"
    );
}

#[test]
fn broken_model_bytes_are_refused() {
    assert!(Learned::from_file(b"not a model").is_err());
    assert!(Learned::from_file(b"").is_err());
    assert!(Learned::from_file(&[0xff; 4096]).is_err());
}

#[test]
fn a_model_of_another_version_is_told_from_a_damaged_one() {
    let current = trained(5).to_file();
    assert!(!Learned::is_outdated(&current));
    let mut earlier = b"spanbench-crf-1\n".to_vec();
    earlier.extend_from_slice(&current[MAGIC.len()..]);
    assert!(Learned::is_outdated(&earlier));
    assert!(Learned::from_file(&earlier).is_err());
    // Damage is not taken for another version.
    assert!(!Learned::is_outdated(b"not a model"));
    assert!(!Learned::is_outdated(&current[..MAGIC.len() - 1]));
}

#[test]
fn gold_tags_mark_begin_and_inside_and_let_quotes_win() {
    let text = "Er sagte: „Ja, gut“.";
    let tokens = tokenize(text);
    let anns = vec![
        ann("quote", text, "„Ja, gut“", Some("direct")),
        ann("speaker", text, "Er", None),
    ];
    let tags = gold_tags(&tokens, &anns);
    assert_eq!(
        tags,
        [
            "B-speaker",
            "O",
            "O",
            "B-direct",
            "I-direct",
            "I-direct",
            "I-direct",
            "I-direct",
            "O"
        ]
    );
}

#[test]
fn a_quote_without_a_form_is_direct_when_it_opens_with_a_mark_and_indirect_when_not() {
    let text = "Er sagte, er komme. „Ja“, sagte sie.";
    let tokens = tokenize(text);
    let chars: Vec<char> = text.chars().collect();
    let anns = vec![
        ann("quote", text, "er komme", None),
        ann("quote", text, "„Ja“", Some("no such form")),
    ];
    let tags = gold_tags(&tokens, &anns);
    let tagged: Vec<(String, &str)> = tokens
        .iter()
        .zip(&tags)
        .filter(|(_, tag)| *tag != "O")
        .map(|(t, tag)| (chars[t.start..t.end].iter().collect(), tag.as_str()))
        .collect();
    assert_eq!(
        tagged,
        [
            ("er".into(), "B-indirect"),
            ("komme".into(), "I-indirect"),
            ("„".into(), "B-direct"),
            ("Ja".into(), "I-direct"),
            ("“".into(), "I-direct")
        ]
    );
}

#[test]
fn truncated_or_damaged_model_files_are_refused_without_a_crash() {
    let bytes = trained(5).to_file();
    for cut in [1, 4, 16, 48, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            Learned::from_file(&bytes[..cut]).is_err(),
            "cut at {cut} of {}",
            bytes.len()
        );
    }
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x01;
    let err = Learned::from_file(&flipped)
        .err()
        .expect("one bit flipped is refused");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn the_rules_indirect_speech_and_speakers_win_over_the_models_and_direct_quotes_stay() {
    let quote = |fragments: Vec<(usize, usize)>, form, speaker| Suggestion {
        fragments,
        form,
        speaker,
    };
    let rules = [quote(vec![(10, 40)], "indirect", Some((0, 5)))];
    let finders = |_: usize, _: usize| Some((50, 55));
    // The model's reported quote gives way to the rules' indirect one, and the rules' own
    // speaker is kept over what the finders and the model say.
    let mut out = vec![quote(vec![(8, 42)], "reported", Some((60, 65)))];
    join_rules(&mut out, &rules, &finders);
    assert_eq!(out, rules.to_vec());
    // A direct quote the model found inside stays beside it, as the rules' own do.
    let learned_direct = quote(vec![(12, 30)], "direct", None);
    let mut out = vec![learned_direct.clone()];
    join_rules(&mut out, &rules, &finders);
    assert_eq!(out, vec![learned_direct, rules[0].clone()]);
}

#[test]
fn a_learned_sentence_of_reported_speech_is_said_by_its_own_subject() {
    // `würdigte` is no verb the rules know for reported speech: only the model finds these,
    // and the sentence before has a subject of its own that did not speak.
    let people = [
        "Krause", "Meier", "Schulz", "Wagner", "Becker", "Hoffmann", "Koch",
    ];
    let data: Vec<(String, Vec<Annotation>)> = people
        .iter()
        .map(|who| {
            let said = format!("Minister {who} würdigte die Arbeit der Helfer.");
            let text = format!("Bericht\n\nDie Polizei sperrte die Straße. {said}\n");
            let anns = vec![
                ann("speaker", &text, &format!("Minister {who}"), None),
                ann("quote", &text, &said, Some("reported")),
            ];
            (text, anns)
        })
        .collect();
    let model = trained_on(&data, 40);
    let text = "Bericht\n\nDie Polizei sperrte die Straße. Minister Lehmann würdigte die Arbeit der Helfer.\n";
    let chars: Vec<char> = text.chars().collect();
    let cut = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
    let found: Vec<(&str, Option<String>)> = model
        .suggest(text)
        .unwrap()
        .into_iter()
        .map(|s| (s.form, s.speaker.map(cut)))
        .collect();
    assert_eq!(
        found,
        [("reported", Some("Minister Lehmann".to_string()))],
        "{text}"
    );
}

#[test]
fn a_marked_title_the_rules_leave_out_is_never_offered_as_a_learned_quote() {
    // Annotators who marked titles as quotes teach the model to tag them; the rules, which
    // know titles, decide what between marks is said.
    let shows = [
        "Tagesschau",
        "Heute",
        "Panorama",
        "Monitor",
        "Frontal",
        "Kontraste",
    ];
    let data: Vec<(String, Vec<Annotation>)> = shows
        .iter()
        .map(|show| {
            let title = format!("„{show}“");
            let text = format!("Bericht\n\nDie Sendung {title} lief am Abend.\n");
            let anns = vec![ann("quote", &text, &title, Some("direct"))];
            (text, anns)
        })
        .collect();
    let model = trained_on(&data, 40);
    let text = "Bericht\n\nDie Sendung „Tagesthemen“ lief am Abend.\n";
    assert!(
        super::super::suggest(text).is_empty(),
        "the rules leave it out"
    );
    assert_eq!(model.suggest(text).unwrap(), Vec::new(), "{text}");
}

#[test]
fn a_team_that_never_marks_indirect_speech_is_not_offered_it() {
    let text = "Bericht\n\nLehmann sagte am Montag, die Steuern im Jahr 2031 steigen würden. Danach ging es weiter.\n\n„Wir bleiben bei Plan 9“, sagte Lehmann.\n";
    let forms = |found: &[Suggestion]| -> Vec<&str> { found.iter().map(|s| s.form).collect() };
    assert_eq!(
        forms(&super::super::suggest(text)),
        ["indirect", "direct"],
        "the rules see both"
    );
    // The same articles, with only their direct quotes and speakers marked.
    let direct: Vec<(String, Vec<Annotation>)> = examples()
        .into_iter()
        .map(|(text, mut anns)| {
            anns.retain(|a| a.attributes.get("form").and_then(|v| v.as_str()) != Some("indirect"));
            (text, anns)
        })
        .collect();
    let found = trained_on(&direct, 40).suggest(text).unwrap();
    assert_eq!(forms(&found), ["direct"]);
    assert!(found[0].speaker.is_some(), "{found:?}");
    // A team that marks indirect speech too is offered the rules' indirect speech.
    assert_eq!(
        forms(&trained(40).suggest(text).unwrap()),
        ["indirect", "direct"]
    );
}

#[test]
fn a_team_that_leaves_the_marks_out_of_its_quotes_is_offered_them_without() {
    let text = "Bericht\n\n„Wir bleiben bei Plan 9“, sagte Lehmann. Danach ging es weiter.\n";
    let quoted = |model: &Learned| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        model
            .suggest(text)
            .unwrap()
            .iter()
            .filter(|s| s.form == "direct")
            .map(|s| {
                let (a, b) = s.fragments[0];
                chars[a..b].iter().collect()
            })
            .collect()
    };
    assert_eq!(quoted(&trained(40)), ["„Wir bleiben bei Plan 9“"]);
    // The same articles, with each direct quote marked inside its marks.
    let inside: Vec<(String, Vec<Annotation>)> = examples()
        .into_iter()
        .map(|(text, anns)| {
            let anns = anns
                .into_iter()
                .map(|a| {
                    let bare = a.text.trim_matches(['„', '“']).to_string();
                    match a.attributes.get("form").and_then(|v| v.as_str()) {
                        Some("direct") => ann("quote", &text, &bare, Some("direct")),
                        _ => a,
                    }
                })
                .collect();
            (text, anns)
        })
        .collect();
    assert_eq!(quoted(&trained_on(&inside, 40)), ["Wir bleiben bei Plan 9"]);
}

//! The rules on English text: mark styles, speakers named by a common noun, indirect speech,
//! and a whole article.

use super::speakers::each_said_by;
use super::*;

#[test]
fn english_indirect_speech_is_said_by_the_subject_or_the_source() {
    each_said_by(&[
        (
            "The minister said that the budget was balanced.",
            "The minister",
        ),
        (
            "The company told reporters that it would cut 200 jobs.",
            "The company",
        ),
        (
            "Officials said the fire was under control by noon.",
            "Officials",
        ),
        (
            "The deficit will reach $12 million, according to the finance office.",
            "the finance office",
        ),
        // An adverbial before the subject is none of it.
        (
            "Earlier this year the firm's founder told investors that privacy rules were a tax.",
            "the firm's founder",
        ),
        // A reporting clause that ends the sentence; a subject after `and`.
        (
            "Talks will resume next week, a spokesman for the ministry said on Monday.",
            "a spokesman for the ministry",
        ),
        (
            "Prices rose sharply in March, and analysts said they would keep rising.",
            "analysts",
        ),
        // The speaker set off by commas: the quote inside the indirect speech is theirs too.
        (
            "The airline's chief executive, Julia Brandt, told the BBC the strike was \"completely unjustified\".",
            "Julia Brandt",
        ),
        // A relative clause set off by commas between the subject and its verb.
        (
            "Shop owner Raj Patel, whose bakery was flooded twice, said he was considering closing.",
            "Shop owner Raj Patel",
        ),
    ]);
}

#[test]
fn english_speakers_named_by_a_common_noun_before_or_after_the_quote() {
    for (t, quote, who) in [
        (
            "\"We will win,\" the coach said.",
            "\"We will win,\"",
            "the coach",
        ),
        (
            "\"We will win,\" said the goalkeeper.",
            "\"We will win,\"",
            "the goalkeeper",
        ),
        (
            "'We will win,' a spokesman for the club said on Monday.",
            "'We will win,'",
            "a spokesman for the club",
        ),
        (
            "“It was a long night,” Baker's assistant told reporters.",
            "“It was a long night,”",
            "Baker's assistant",
        ),
        (
            "\"This is a clear signal,\" the chairwoman, Elena Rossi, said in Dublin.",
            "\"This is a clear signal,\"",
            "the chairwoman, Elena Rossi",
        ),
        (
            "Its chief executive, Mark Jensen, wrote on Twitter: \"We fixed the problem.\"",
            "\"We fixed the problem.\"",
            "Mark Jensen",
        ),
        (
            "\"I just want things back to normal,\" said one mother outside Hillside Primary.",
            "\"I just want things back to normal,\"",
            "one mother",
        ),
        (
            "Asked whether more strikes were possible, Ward replied: \"That depends on them.\"",
            "\"That depends on them.\"",
            "Ward",
        ),
        (
            "The minister told reporters: 'We will not raise taxes this year.'",
            "'We will not raise taxes this year.'",
            "The minister",
        ),
    ] {
        assert_eq!(said(t), [(quote.to_string(), Some(who.to_string()))], "{t}");
    }
}

#[test]
fn english_speakers_past_an_apposition_an_age_or_a_relative_clause_and_of_other_verbs() {
    for (t, quote, who) in [
        (
            "\"Water is the key resource,\" said Dr. Priya Nair, the study's lead author.",
            "\"Water is the key resource,\"",
            "Dr. Priya Nair",
        ),
        (
            "\"How am I to get there?\" asked Margaret Elliot, 67, who was due to fly to Lisbon.",
            "\"How am I to get there?\"",
            "Margaret Elliot",
        ),
        (
            "\"We're staying,\" one nurse shouted.",
            "\"We're staying,\"",
            "one nurse",
        ),
        (
            "One analyst, who asked not to be named, said: \"The fine is the least of it.\"",
            "\"The fine is the least of it.\"",
            "One analyst",
        ),
        (
            "The mayor called the plan \"a reckless gamble with public money\".",
            "\"a reckless gamble with public money\"",
            "The mayor",
        ),
        (
            "The prime minister said \"we will not raise taxes this year\" and left.",
            "\"we will not raise taxes this year\"",
            "The prime minister",
        ),
    ] {
        assert_eq!(said(t), [(quote.to_string(), Some(who.to_string()))], "{t}");
    }
}

#[test]
fn an_english_sentence_that_tells_that_someone_spoke_is_reported_speech() {
    for (t, who) in [
        (
            "Local MP David Green criticised the government's response.",
            "Local MP David Green",
        ),
        ("Police urged drivers to avoid the area.", "Police"),
        (
            "The union called on the council to reopen talks.",
            "The union",
        ),
        (
            "Consumer groups welcomed the fine but called it too small.",
            "Consumer groups",
        ),
    ] {
        let forms: Vec<&str> = suggest(t).iter().map(|s| s.form).collect();
        assert_eq!(forms, ["reported"], "{t}");
        assert_eq!(said(t), [(t.to_string(), Some(who.to_string()))], "{t}");
    }
    assert!(suggest("The storm damaged two hundred homes in the town.").is_empty());
    assert!(suggest("The club called off the match because of snow.").is_empty());
}

/// An English news article written for this test, with straight double and single marks, a
/// quote over two paragraphs, partial quotes, indirect speech and speakers named by a name, a
/// common noun or a pronoun.
const FLOODS: &str = "Flood defences fail as river bursts its banks

Hundreds of residents were evacuated on Tuesday after the river burst its banks.

\"The water came up so fast we barely had time to grab the children,\" said Sarah Mitchell, 34, who lives on Mill Lane.

The Environment Agency said its barriers had been \"overwhelmed\" by the volume of water. A spokeswoman for the agency added: \"Our teams worked through the night.\"

'It has been a difficult few weeks,' the union's general secretary, Helen Ward, said. 'But this deal shows what we can achieve.

'We now expect the council to keep its promises.'

'We are doing everything we can,' a government spokesman said, adding that more pumps would arrive by Wednesday.

According to the Met Office, more rain is expected over the weekend.

Shop owner Raj Patel, whose bakery was flooded twice, said he was considering closing for good. \"I can't do this again,\" he said.
";

#[test]
fn an_english_article_gives_every_quote_its_form_and_speaker() {
    let chars: Vec<char> = FLOODS.chars().collect();
    let cut = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
    let found: Vec<(&str, String, Option<String>)> = suggest(FLOODS)
        .into_iter()
        .map(|s| {
            let parts: Vec<String> = s.fragments.iter().map(|&f| cut(f)).collect();
            (s.form, parts.join(" | "), s.speaker.map(cut))
        })
        .collect();
    let expected = [
        (
            "direct",
            "\"The water came up so fast we barely had time to grab the children,\"",
            "Sarah Mitchell",
        ),
        (
            "indirect",
            "its barriers had been \"overwhelmed\" by the volume of water",
            "The Environment Agency",
        ),
        ("direct", "\"overwhelmed\"", "The Environment Agency"),
        (
            "direct",
            "\"Our teams worked through the night.\"",
            "A spokeswoman for the agency",
        ),
        (
            "direct",
            "'It has been a difficult few weeks,'",
            "the union's general secretary, Helen Ward",
        ),
        (
            "direct",
            "'But this deal shows what we can achieve.\n\n'We now expect the council to keep its promises.'",
            "the union's general secretary, Helen Ward",
        ),
        (
            "direct",
            "'We are doing everything we can,'",
            "a government spokesman",
        ),
        (
            "indirect",
            "that more pumps would arrive by Wednesday",
            "a government spokesman",
        ),
        (
            "indirect",
            "more rain is expected over the weekend",
            "the Met Office",
        ),
        (
            "indirect",
            "he was considering closing for good",
            "Shop owner Raj Patel",
        ),
        ("direct", "\"I can't do this again,\"", "he"),
    ];
    let expected: Vec<(&str, String, Option<String>)> = expected
        .iter()
        .map(|&(form, quote, who)| (form, quote.to_string(), Some(who.to_string())))
        .collect();
    assert_eq!(found, expected);
}

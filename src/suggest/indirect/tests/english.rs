//! English indirect speech, on sentences written for the purpose.

use super::{found, one};

#[test]
fn english_indirect_speech_after_a_reporting_verb_or_according_to() {
    one(
        "The minister said that the budget was balanced.",
        "that the budget was balanced",
    );
    one(
        "The company told reporters that it would cut 200 jobs.",
        "that it would cut 200 jobs",
    );
    // Without `that`: a subject and a finite verb after the reporting verb.
    one(
        "She said the cuts would fall mostly on road repairs.",
        "the cuts would fall mostly on road repairs",
    );
    assert!(found("He said this on Tuesday.").is_empty());
    one(
        "According to the finance office, the deficit will reach $12 million.",
        "the deficit will reach $12 million",
    );
    // What a participle adds after the reporting clause, without the participle.
    one(
        "The agency apologised on Tuesday, adding that more pumps would arrive by Wednesday.",
        "that more pumps would arrive by Wednesday",
    );
    // The present tense too.
    one(
        "Union officials say the offer does not cover inflation.",
        "the offer does not cover inflation",
    );
    // After `told`, the one told comes first.
    one(
        "Julia Brandt told the BBC the strike was completely unjustified.",
        "the strike was completely unjustified",
    );
    one(
        "She told reporters the plan would be dropped.",
        "the plan would be dropped",
    );
    // A reporting clause that ends the sentence, its subject before the verb.
    one(
        "The deficit will grow next year, he said.",
        "The deficit will grow next year",
    );
    one(
        "Talks with the union will resume next week, a spokesman for the ministry said on Monday.",
        "Talks with the union will resume next week",
    );
}

//! Quotes without marks that news still quotes word for word: a post on a social network
//! set as a paragraph of its own (`@JonasBerger_LDN: Die Stadtwerke waren drei Tage offline.`),
//! and a quote in the headline, which the article's body attributes.

use super::speaker;

/// A span of code points.
type Span = (usize, usize);

/// A quoted post: its text, and who posted it, where that is known.
type Post = (Span, Option<Span>);

/// A post quoted as its own paragraph: the span after `@handle: ` to the paragraph's end, and
/// its speaker — the name in the clause that announced it (`schrieb Oppositionsführer Jonas
/// Berger:`), else the handle.
pub fn find(chars: &[char]) -> Vec<Post> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = (start..chars.len())
            .find(|&i| chars[i] == '\n')
            .unwrap_or(chars.len());
        if let Some(post) = post_in(chars, start, end) {
            out.push(post);
        }
        start = end + 1;
    }
    out
}

/// The post of the paragraph `start..end`, when it is one.
fn post_in(chars: &[char], start: usize, end: usize) -> Option<Post> {
    if chars.get(start) != Some(&'@') {
        return None;
    }
    let handle_end =
        (start + 1..end).find(|&i| !(chars[i].is_alphanumeric() || chars[i] == '_'))?;
    if handle_end == start + 1 || chars[handle_end] != ':' {
        return None;
    }
    let from = (handle_end + 1..end).find(|&i| !chars[i].is_whitespace())?;
    let to = (from..end).rev().find(|&i| !chars[i].is_whitespace())? + 1;
    // The clause before, when the paragraph before ends with a colon.
    let colon = (0..start).rev().find(|&i| !chars[i].is_whitespace());
    let announced = colon.filter(|&i| chars[i] == ':').and_then(|i| {
        speaker::before(chars, i + 1).or_else(|| speaker::colon_subject(chars, i + 1))
    });
    Some(((from, to), announced.or(Some((start, handle_end)))))
}

/// The headline: the text's first paragraph when it is short and does not end as a sentence.
pub fn headline(chars: &[char]) -> Option<Span> {
    let end = (0..chars.len()).find(|&i| chars[i] == '\n')?;
    let line: String = chars[..end].iter().collect();
    let line = line.trim_end();
    (line.chars().count() <= 160 && !line.ends_with(['.', '!', '?'])).then_some((0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(chars: &[char], s: (usize, usize)) -> String {
        chars[s.0..s.1].iter().collect()
    }

    #[test]
    fn a_post_in_its_own_paragraph_is_quoted_with_who_announced_it() {
        let t = "Auf der Plattform X schrieb Oppositionsführer Jonas Berger:\n\n@JonasBerger_LDN: Die Stadtwerke waren drei Tage offline. #Lindenau\n\nDas Amt schwieg.";
        let chars: Vec<char> = t.chars().collect();
        let found = find(&chars);
        assert_eq!(found.len(), 1);
        let (quote, who) = found[0];
        assert_eq!(
            text(&chars, quote),
            "Die Stadtwerke waren drei Tage offline. #Lindenau"
        );
        assert_eq!(text(&chars, who.unwrap()), "Oppositionsführer Jonas Berger");
        // Unannounced, the handle speaks; an address inside a sentence is no post.
        let t = "@maria_a: We read every page.\n\nWrite to @press or call.";
        let chars: Vec<char> = t.chars().collect();
        let found = find(&chars);
        assert_eq!(found.len(), 1);
        assert_eq!(text(&chars, found[0].1.unwrap()), "@maria_a");
    }

    #[test]
    fn the_headline_is_the_short_first_line() {
        let t = "„Wir wurden nicht gewarnt“ – Stadtwerke unter Druck\n\nDie Stadt …";
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(
            headline(&chars).map(|h| text(&chars, h)).as_deref(),
            Some("„Wir wurden nicht gewarnt“ – Stadtwerke unter Druck")
        );
        let chars: Vec<char> = "Ein ganzer Satz.\n\nMehr.".chars().collect();
        assert_eq!(headline(&chars), None);
    }
}

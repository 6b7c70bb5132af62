//! Passwords from PostgreSQL's password file (`PGPASSFILE`, else `~/.pgpass`), as libpq reads
//! it: `host:port:database:user:password` lines, `*` matching anything, `\:` and `\\` escaped.
//! spanbench never stores a password itself.

use std::path::PathBuf;

/// The password file's path: `PGPASSFILE`, else `~/.pgpass`.
pub fn file() -> Option<PathBuf> {
    std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))
}

/// The password for (host, port, database, user) in the password file's text, if a line
/// matches.
pub fn lookup(text: &str, host: &str, port: u16, database: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    let wanted = [host, port.as_str(), database, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .find_map(|line| {
            let fields = split(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w || (f == "localhost" && w == "127.0.0.1"));
            matches.then(|| fields[4].clone())
        })
}

/// A line's fields, split at unescaped colons.
fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_match_field_by_field_with_wildcards_and_escapes() {
        let text = "# comment\n\
                    db.example:5432:hub:anna:first\n\
                    *:*:*:ben:pa\\:ss\\\\word\n\
                    127.0.0.1:5433:*:anna:second\n";
        assert_eq!(
            lookup(text, "db.example", 5432, "hub", "anna").as_deref(),
            Some("first")
        );
        assert_eq!(
            lookup(text, "127.0.0.1", 5433, "other", "anna").as_deref(),
            Some("second")
        );
        assert_eq!(
            lookup(text, "anywhere", 1, "x", "ben").as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(lookup(text, "db.example", 5432, "hub", "carl"), None);
        assert_eq!(
            lookup("broken line without fields\n", "h", 1, "d", "u"),
            None
        );
    }
}

//! Annotators and layers: whose annotations these are.

use super::invalid::Invalid;

/// The adjudicated layer.
pub const GOLD: &str = "gold";
/// The start of the rejection key of a suggestion: `suggestion/{annotator}/{label}/{spans}`.
pub const SUGGESTION_REJECTION: &str = "suggestion/";

/// The layer a rejection row belongs to, and travels with to a hub: a rejected suggestion's
/// to the annotator who rejected it, a reviewer's rejected disagreement to gold.
pub fn rejection_layer(item: &str) -> &str {
    match item.strip_prefix(SUGGESTION_REJECTION) {
        Some(rest) => rest.rsplitn(3, '/').nth(2).unwrap_or_default(),
        None => GOLD,
    }
}

/// The layer of machine suggestions.
pub const SUGGESTED: &str = "suggested";

/// True for the layer names spanbench reserves (`gold`, `suggested`).
pub fn is_reserved_layer(name: &str) -> bool {
    name == GOLD || name == SUGGESTED
}

/// Checks that `name` can name an annotator: 1–64 characters, no control characters, no
/// leading or trailing space, not `all` (which means every layer on the command line).
pub fn validate_annotator_name(name: &str) -> Result<(), Invalid> {
    if name.is_empty() {
        return Err(Invalid::EmptyAnnotator);
    }
    if name.chars().count() > 64 {
        return Err(Invalid::AnnotatorTooLong(name.into()));
    }
    if name.trim() != name {
        return Err(Invalid::AnnotatorSpaces(name.into()));
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::AnnotatorControl(name.into()));
    }
    if name == "all" || name.contains(',') {
        return Err(Invalid::AnnotatorReserved(name.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotator_names_are_checked() {
        assert!(validate_annotator_name("anna").is_ok());
        assert!(validate_annotator_name("Jürgen Weiß").is_ok());
        assert!(validate_annotator_name(GOLD).is_ok());
        assert!(validate_annotator_name("").is_err());
        assert!(validate_annotator_name(" anna").is_err());
        assert!(validate_annotator_name("a\tb").is_err());
        assert!(validate_annotator_name("all").is_err());
        assert!(validate_annotator_name("a,b").is_err());
        assert!(is_reserved_layer("gold") && is_reserved_layer("suggested"));
        assert!(!is_reserved_layer("anna"));
    }
}

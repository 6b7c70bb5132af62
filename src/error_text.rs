//! Errors as one sentence for people: the error and its causes, each said once. Errors that
//! quote their cause (`cannot read x: Permission denied`) and also name it as their source
//! would otherwise print it twice.

/// The error and every cause that its message does not already contain, joined by `: `.
pub fn sentence(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read x: {source}")]
    struct Quoting {
        source: std::io::Error,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("nothing was imported")]
    struct Context {
        #[source]
        source: Quoting,
    }

    #[test]
    fn each_cause_is_said_once() {
        let e = Context {
            source: Quoting {
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "Permission denied",
                ),
            },
        };
        assert_eq!(
            sentence(&e),
            "nothing was imported: cannot read x: Permission denied"
        );
    }
}

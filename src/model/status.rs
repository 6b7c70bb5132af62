//! How far an annotator has got with a document.

use serde::{Deserialize, Serialize};

/// Progress of one annotator on one document.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum DocStatus {
    /// Not started.
    #[default]
    #[serde(rename = "new")]
    New,
    /// Started, not finished.
    #[serde(rename = "in progress")]
    InProgress,
    /// Finished by the annotator.
    #[serde(rename = "done")]
    Done,
    /// Settled by a reviewer (for the gold layer).
    #[serde(rename = "adjudicated")]
    Adjudicated,
}

impl DocStatus {
    /// Every status, in order of progress.
    pub const ALL: [DocStatus; 4] = [
        DocStatus::New,
        DocStatus::InProgress,
        DocStatus::Done,
        DocStatus::Adjudicated,
    ];

    /// The name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DocStatus::New => "new",
            DocStatus::InProgress => "in progress",
            DocStatus::Done => "done",
            DocStatus::Adjudicated => "adjudicated",
        }
    }

    /// Parses a name as written by [`DocStatus::name`] (also accepts `in_progress`).
    pub fn parse(name: &str) -> Option<DocStatus> {
        match name {
            "new" => Some(DocStatus::New),
            "in progress" | "in_progress" | "in-progress" => Some(DocStatus::InProgress),
            "done" => Some(DocStatus::Done),
            "adjudicated" => Some(DocStatus::Adjudicated),
            _ => None,
        }
    }

    /// True for `done` and `adjudicated`.
    pub fn is_finished(self) -> bool {
        matches!(self, DocStatus::Done | DocStatus::Adjudicated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in DocStatus::ALL {
            assert_eq!(DocStatus::parse(s.name()), Some(s));
        }
        assert_eq!(DocStatus::parse("finished"), None);
    }
}

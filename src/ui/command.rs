//! What the user can ask for, as values: collected while drawing, applied after the frame in
//! one place ([`super::app::SpanbenchApp::apply`]).

use serde_json::Value;

/// One user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show a document.
    OpenDocument(String),
    /// Show the next document in the list.
    NextDocument,
    /// Show the previous document in the list.
    PreviousDocument,
    /// Remember a text selection (code points), or forget it.
    SetSelection(Option<(usize, usize)>),
    /// Select an annotation (or none).
    Select(Option<String>),
    /// Focus the next suggestion offered on this document (scrolling it into view).
    NextSuggestion,
    /// Focus the previous suggestion.
    PreviousSuggestion,
    /// Focus suggestion `n` (counting from 0), as a click on it does.
    FocusSuggestion(usize),
    /// Accept the focused suggestion: it, its speaker and their link go into one's own layer
    /// in one undoable step.
    AcceptSuggestion,
    /// Reject the focused suggestion; it does not come back for this document.
    RejectSuggestion,
    /// Accept every suggestion offered on this document, in one step.
    AcceptAllSuggestions,
    /// Select an annotation and scroll the article to it.
    Reveal(String),
    /// Replace the selected annotation's span with the selection (adjust its boundaries).
    Reshape,
    /// Tag the selection with `label` and link the selected annotation to it in one step.
    LinkToNew {
        /// Relation type.
        kind: String,
        /// Label of the new annotation.
        label: String,
    },
    /// Select the next annotation in text order.
    SelectNext,
    /// Select the previous annotation in text order.
    SelectPrevious,
    /// Tag the selection with a label, or relabel the selected annotation.
    Tag(String),
    /// Add the selection as a further fragment of the selected annotation.
    AddFragment,
    /// Delete the selected annotation.
    Delete,
    /// Set or clear an attribute of the selected annotation.
    SetAttribute(String, Option<Value>),
    /// Replace the selected annotation's note.
    SetNote(String),
    /// Link the selected annotation to another one with a relation type.
    Link {
        /// Relation type.
        kind: String,
        /// Target annotation id.
        to: String,
    },
    /// Remove a relation of the shown layer.
    Unlink(String),
    /// Open the link picker for the selected annotation.
    StartLink,
    /// Close the link picker.
    CancelLink,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Mark the document done and open the next unfinished one.
    MarkDoneAndNext,
    /// Show another annotator's layer (read-only) or one's own.
    ShowLayer(String),
    /// Annotate as another (possibly new) annotator.
    SwitchAnnotator(String),
    /// Show or hide the sheet of keys.
    ToggleKeys,
    /// Draw every link of the document, or only the selected annotation's.
    ToggleAllLinks,
    /// Show or hide the documents panel.
    ToggleDocumentsPanel,
    /// Show or hide the annotations panel.
    ToggleAnnotationsPanel,
    /// Scroll the article.
    ScrollArticle(Scroll),
    /// Clear selection and selected annotation.
    ClearSelection,
    /// Tag the selection exactly as selected, without snapping to words (Alt + label key).
    TagExact(String),
    /// Change the article's font size.
    SetFontSize(f32),
    /// Change the theme.
    SetTheme(crate::settings::Theme),
    /// Snap selections to words, or not.
    SetSnap(bool),
    /// Show or hide the settings window.
    ToggleSettings,
    /// Hide the first-start hint for good.
    DismissHint,
    /// Show the window to open a project or import files.
    ShowFileWindow(super::files::FileAction),
    /// Close that window.
    CloseFileWindow,
    /// Open the project in this folder.
    OpenProject(std::path::PathBuf),
    /// Import these files or folders in the background.
    StartImport(Vec<std::path::PathBuf>),
    /// Show the export window.
    ShowExportWindow,
    /// Close it.
    CloseExportWindow,
    /// Export in the background.
    StartExport(crate::exporter::ExportOptions, std::path::PathBuf),
    /// Switch between annotating and reviewing.
    ToggleReview,
    /// Compare these annotators (the first is the reference).
    CompareAnnotators(Vec<String>),
    /// Side by side or inline.
    SetReviewLayout(super::review_view::Layout),
    /// Focus a disagreement (index into the review's list).
    FocusDisagreement(usize),
    /// Focus the next disagreement (N).
    NextDisagreement,
    /// Focus the previous disagreement (P).
    PreviousDisagreement,
    /// Put this annotator's version of the focused disagreement into gold.
    AcceptVersion(String),
    /// Put the version of the n-th compared annotator (0-based) into gold (keys 1–9).
    AcceptVersionNumber(usize),
    /// Take the focused disagreement out of gold.
    RejectAll,
    /// Put everything the compared annotators agree on in this document into gold.
    AcceptAgreed,
    /// Put everything the compared annotators agree on into gold, in every document.
    AcceptAgreedEverywhere,
    /// Leave the review for the gold layer, at the focused disagreement, to edit it by hand.
    EditInGold,
    /// Mark the document adjudicated and open the next one that is not.
    MarkAdjudicated,
    /// Show or hide the agreement screen.
    ToggleAgreement,
    /// Compute the agreement screen's figures for these annotators (and gamma, when true).
    CompareForAgreement(Vec<String>, super::agreement_window::AgreementChoice),
    /// Open a document in the review (from the agreement screen).
    ReviewDocument(String),
    /// Merge these colleagues' projects into this one, in the background.
    StartMerge(Vec<std::path::PathBuf>),
    /// Stops the import running in the background (it then imports nothing).
    CancelImport,
    /// Opens the list of the project's backups.
    ShowBackups,
    /// Closes it.
    CloseBackups,
    /// Puts the backup at this path back (the current state is kept as a backup first).
    RestoreBackup(std::path::PathBuf),
    /// Show or hide the search window.
    ToggleSearch,
    /// Search the project for what the search window holds.
    RunSearch,
    /// Open the document of search hit `n`, with the hit selected.
    OpenSearchHit(usize),
    /// Open the next search hit (F3).
    NextSearchHit,
    /// Open the previous search hit (Shift+F3).
    PreviousSearchHit,
    /// Tag every listed text hit with this label, in one undo step.
    TagSearchHits(String),
    /// Show or hide the team window: conflicts to settle, everyone's progress, who the open
    /// document is assigned to.
    ToggleTeam,
    /// Keep this version of items one's two machines changed differently: one item of one
    /// document, a whole document (`item` `None`), or all (`doc` `None` too).
    KeepVersion {
        /// The document, or all.
        doc: Option<String>,
        /// The item (`annotation ID`, …), or all of the document.
        item: Option<String>,
        /// Which version.
        keep: crate::hub::merge::Keep,
    },
    /// Assign a document to a person (`true`) or take the assignment back.
    Assign(String, String, bool),
}

/// What a command acts on; each group has its own runner in `app/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Changes of annotations, links and status (through the edit API, undoable).
    Editing,
    /// Which document, annotation, selection and layer is shown.
    Navigation,
    /// Reviewing and adjudicating.
    Review,
    /// Projects and files: open, import, merge, export, backups.
    Files,
    /// The window itself: settings, the sheet of keys, the agreement screen.
    Window,
    /// Suggestions: walking, accepting, rejecting.
    Suggestions,
    /// Working with a team: conflicts, progress, assignments.
    Team,
}

impl Command {
    /// The group this command belongs to.
    pub fn group(&self) -> Group {
        match self {
            Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::FocusSuggestion(..)
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::AcceptAllSuggestions => Group::Suggestions,
            Command::ToggleTeam | Command::KeepVersion { .. } | Command::Assign(..) => Group::Team,
            Command::Tag(..)
            | Command::TagExact(..)
            | Command::AddFragment
            | Command::Reshape
            | Command::LinkToNew { .. }
            | Command::Delete
            | Command::SetAttribute(..)
            | Command::SetNote(..)
            | Command::Link { .. }
            | Command::Unlink(..)
            | Command::Undo
            | Command::Redo
            | Command::MarkDoneAndNext
            | Command::TagSearchHits(..) => Group::Editing,
            Command::OpenDocument(..)
            | Command::NextDocument
            | Command::PreviousDocument
            | Command::SetSelection(..)
            | Command::Select(..)
            | Command::Reveal(..)
            | Command::SelectNext
            | Command::SelectPrevious
            | Command::ClearSelection
            | Command::ShowLayer(..)
            | Command::SwitchAnnotator(..)
            | Command::StartLink
            | Command::CancelLink
            | Command::OpenSearchHit(..)
            | Command::NextSearchHit
            | Command::PreviousSearchHit => Group::Navigation,
            Command::ShowFileWindow(..)
            | Command::CloseFileWindow
            | Command::OpenProject(..)
            | Command::StartImport(..)
            | Command::ShowExportWindow
            | Command::CloseExportWindow
            | Command::StartExport(..)
            | Command::StartMerge(..)
            | Command::CancelImport
            | Command::ShowBackups
            | Command::CloseBackups
            | Command::RestoreBackup(..) => Group::Files,
            Command::ToggleKeys
            | Command::ToggleAllLinks
            | Command::ToggleDocumentsPanel
            | Command::ToggleAnnotationsPanel
            | Command::ScrollArticle(..)
            | Command::SetFontSize(..)
            | Command::SetTheme(..)
            | Command::SetSnap(..)
            | Command::ToggleSettings
            | Command::DismissHint
            | Command::ToggleAgreement
            | Command::CompareForAgreement(..)
            | Command::ToggleSearch
            | Command::RunSearch => Group::Window,
            _ => {
                // Every command left is a review command; tests (debug builds) say which is
                // not when a new one is added without a group.
                debug_assert!(self.is_review(), "{self:?} has no group");
                Group::Review
            }
        }
    }

    /// True for the commands of reviewing and adjudicating.
    fn is_review(&self) -> bool {
        matches!(
            self,
            Command::ToggleReview
                | Command::CompareAnnotators(..)
                | Command::SetReviewLayout(..)
                | Command::FocusDisagreement(..)
                | Command::NextDisagreement
                | Command::PreviousDisagreement
                | Command::AcceptVersion(..)
                | Command::AcceptVersionNumber(..)
                | Command::RejectAll
                | Command::AcceptAgreed
                | Command::AcceptAgreedEverywhere
                | Command::EditInGold
                | Command::MarkAdjudicated
                | Command::ReviewDocument(..)
        )
    }
}

/// How the article scrolls on a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// To the beginning.
    Start,
    /// To the end.
    End,
    /// Paragraph `n` at the top (where the reader was last time).
    Paragraph(usize),
}

//! spanbench: a desktop workbench for annotating news articles by hand.
//!
//! The layers, from the bottom: [`model`] (pure data and rules), [`store`] (SQLite),
//! [`formats`] (files), then [`workspace`], [`importer`], [`exporter`] and [`demo`] that tie
//! them together, and on top [`cli`] and [`ui`]. See `ARCHITECTURE.md`.

pub mod adjudication;
pub mod agreement;
pub mod assign;
pub mod cli;
pub mod demo;
pub mod error_text;
pub mod exporter;
pub mod formats;
pub mod hub;
pub mod importer;
pub mod model;
pub mod project;
pub mod review;
pub mod settings;
pub mod store;
pub mod suggest;
pub mod suggester;
pub mod ui;
pub mod workspace;

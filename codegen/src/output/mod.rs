//! What emitters return. Emitters are pure (`ir → Vec<OutputFile>`); `write` (with the
//! `build` feature) is the one place that touches the disk.

#[cfg(feature = "build")]
mod write;
#[cfg(feature = "build")]
pub use write::{differences, write, Change, Difference};

use std::path::PathBuf;

/// One generated file, its path relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

/// What one emitter writes: a directory (relative to the output root) and its files. When
/// the emitter owns the directory (`exclusive`), files in it that it no longer produces are
/// orphans; otherwise (one file among the user's, e.g. `database.types.ts`) other files are
/// left alone.
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    pub files: Vec<OutputFile>,
    pub exclusive: bool,
}

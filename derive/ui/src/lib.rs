//! No code: this crate exists for its test, `tests/ui.rs` (the derive's trybuild cases).

//! Spans serialise as `[file index, start byte, end byte]`; `Schema::files` names the files.

use crate::span::Span;
use serde::Serializer;

pub fn serialize<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeTuple;
    let mut t = s.serialize_tuple(3)?;
    t.serialize_element(&span.file.0)?;
    t.serialize_element(&span.start)?;
    t.serialize_element(&span.end)?;
    t.end()
}

pub mod list {
    use super::*;
    use serde::ser::SerializeSeq;

    pub fn serialize<S: Serializer>(spans: &[Span], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(spans.len()))?;
        for sp in spans {
            seq.serialize_element(&[sp.file.0, sp.start, sp.end])?;
        }
        seq.end()
    }
}

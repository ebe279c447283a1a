//! Supabase Storage buckets the migrations create (`INSERT INTO storage.buckets`): rows of a
//! table, but Supabase configuration all the same, which the lint rules read.

use super::span_serde;
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    pub id: String,
    pub name: String,
    /// Objects are served without a signed URL.
    pub public: bool,
    /// The INSERT that created it.
    #[serde(with = "span_serde")]
    pub span: Span,
}

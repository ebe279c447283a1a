//! Supabase Storage buckets from `INSERT INTO storage.buckets` (see `frontend/storage.rs`).

use super::Catalog;
use crate::span::Span;

impl Catalog {
    /// `INSERT INTO storage.buckets`: a bucket per row (an id that exists stays as it is;
    /// PostgreSQL refuses the duplicate unless ON CONFLICT says otherwise).
    pub(super) fn insert_buckets(&mut self, rows: &[crate::cmd::BucketRow], span: Span) {
        for r in rows {
            let Some(id) = r.id.clone().or_else(|| r.name.clone()) else {
                continue;
            };
            self.schema
                .buckets
                .entry(id.clone())
                .or_insert_with(|| crate::ir::Bucket {
                    name: r.name.clone().unwrap_or_else(|| id.clone()),
                    id,
                    public: r.public.unwrap_or(false),
                    span,
                });
        }
    }
}

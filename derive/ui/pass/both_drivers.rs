// The example schema (the repository's pgforge.toml); rows decode through both drivers.
use generated::public::MessageRole;

#[derive(Debug, pgforge_derive::Table)]
#[pgforge(table = "public.messages")]
struct MessagePreview {
    id: i64,
    content: String,
    role: MessageRole,
    embedding: Option<pgvector::Vector>,
    #[pgforge(column = "created_at")]
    at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, pgforge_derive::Insert)]
#[pgforge(table = "public.tenants")]
struct NewTenant {
    slug: String,
    name: String,
    settings: serde_json::Value,
}

#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.conversation_overview")]
struct Overview {
    id: Option<i64>,
    message_count: Option<i64>,
}

fn main() {
    assert_eq!(MessagePreview::TABLE, "public.messages");
    assert_eq!(MessagePreview::COLUMNS, &["id", "content", "role", "embedding", "created_at"]);
    assert_eq!(MessagePreview::SELECT, r#"SELECT "id", "content", "role", "embedding", "created_at" FROM "public"."messages""#);
    assert!(NewTenant::INSERT.starts_with(r#"INSERT INTO "public"."tenants" ("slug", "name", "settings") VALUES ($1::text, $2::text, $3::jsonb) RETURNING"#));
    fn sqlx_row<T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>>() {}
    fn tokio_row<T: for<'a> TryFrom<&'a tokio_postgres::Row>>() {}
    sqlx_row::<MessagePreview>();
    tokio_row::<MessagePreview>();
    sqlx_row::<Overview>();
    let _ = NewTenant::insert_sqlx::<&sqlx::PgPool>;
    let _ = NewTenant::insert_tokio_postgres::<tokio_postgres::Client>;
}

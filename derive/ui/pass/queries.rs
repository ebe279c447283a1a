// query! and query_as! over the example schema (the repository's pgforge.toml): they compile
// for both drivers; tests/drivers.rs runs the same kind of calls against PostgreSQL.
use generated::public::MessageRole;

#[allow(dead_code)]
struct Summary {
    id: i64,
    title: Option<String>,
    role: Option<MessageRole>,
}

#[allow(dead_code)]
async fn calls(pool: &sqlx::PgPool, client: &tokio_postgres::Client) -> Result<(), Box<dyn std::error::Error>> {
    let slug = String::from("acme");
    let t = pgforge_derive::query!("select id, name, created_at from tenants where slug = $1", slug)
        .fetch_optional(pool)
        .await?;
    let _: Option<(uuid::Uuid, String, chrono::DateTime<chrono::Utc>)> = t.map(|r| (r.id, r.name, r.created_at));
    let ids = vec![uuid::Uuid::nil()];
    let rows = pgforge_derive::query!("select id, plan from tenants where id = any(@ids) limit @n", ids, 10i64)
        .query(client)
        .await?;
    let _: Vec<(uuid::Uuid, String)> = rows.into_iter().map(|r| (r.id, r.plan)).collect();
    let n: u64 = pgforge_derive::query!("update tenants set name = $1 where id = $2", "x", uuid::Uuid::nil())
        .execute(pool)
        .await?;
    let _ = n;
    let s: Vec<Summary> = pgforge_derive::query_as!(
        Summary,
        "select c.id, c.title, (select m.role from messages m where m.conversation_id = c.id limit 1) as role from conversations c where c.status = $1",
        generated::public::ConversationStatus::Active
    )
    .query(client)
    .await?;
    let _ = s;
    let count = pgforge_derive::query!("select count(*) as n, max(title) as newest from conversations where title is not distinct from sqlc.narg(title)", Some("x"))
        .fetch_one(pool)
        .await?;
    let _: (i64, Option<String>) = (count.n, count.newest);
    Ok(())
}

fn main() {}

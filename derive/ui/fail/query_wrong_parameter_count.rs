fn main() {
    let _ = pgforge_derive::query!("select slug from tenants where id = $1 and plan = $2", uuid::Uuid::nil());
}

fn main() {
    let _ = pgforge_derive::query!("select id from tenants where id = $1::text", "x");
}

fn main() {
    let _ = pgforge_derive::query!("select id from tenants t join users u on u.tenant_id = t.id");
}

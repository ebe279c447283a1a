fn main() {
    let _ = pgforge_derive::query!("select id, nmae from tenants");
}

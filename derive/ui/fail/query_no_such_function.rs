fn main() {
    let _ = pgforge_derive::query!("select lowr(name) as name from tenants");
}

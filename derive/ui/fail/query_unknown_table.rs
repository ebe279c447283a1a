fn main() {
    let _ = pgforge_derive::query!("select id from tenant where slug = $1", "acme");
}

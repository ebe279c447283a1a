//! An application crate using pgforge from its build script.

/// The database's types, generated at build time from the migrations.
pub mod db {
    include!(concat!(env!("OUT_DIR"), "/pgforge.rs"));
}

#[cfg(test)]
mod tests {
    use super::db::public::{self, messages, tenants, MessageRole};

    #[test]
    fn included_types_work() {
        assert_eq!(messages::TABLE, "public.messages");
        assert!(messages::COLUMNS.contains(&"embedding"));
        assert_eq!(MessageRole::ALL.len(), 4);
        assert_eq!(MessageRole::Assistant.as_str(), "assistant");
        let new = messages::Insert {
            conversation_id: 7,
            role: MessageRole::User,
            content: "hello".into(),
            embedding: None,
            token_count: Some(3),
            created_at: None,
        };
        let json = serde_json::to_value(&new).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"conversation_id": 7, "role": "user", "content": "hello", "token_count": 3})
        );
        let patch = tenants::Update {
            name: Some("Acme".into()),
            ..Default::default()
        };
        assert_eq!(serde_json::to_string(&patch).unwrap(), r#"{"name":"Acme"}"#);
        let _: Option<public::TokenUsage> = None;
    }

    /// The build script named tokio-postgres: its queries are there, without any `cfg`.
    #[test]
    fn queries_are_generated_for_the_named_driver() {
        assert!(tenants::sql::FIND_BY_SLUG.starts_with("SELECT "));
        let _ = tenants::tokio_postgres::find_by_slug::<tokio_postgres::Client>;
        let _ = public::functions::tokio_postgres::conversation_message_count::<
            tokio_postgres::Transaction<'static>,
        >;
    }
}

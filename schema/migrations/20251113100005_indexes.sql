-- Indexes: foreign keys, composite and partial indexes, full text, and vector search.
create index conversations_tenant_id_idx on public.conversations (tenant_id);
create index conversations_user_recent_idx on public.conversations (user_id, created_at desc);
create index conversations_active_idx on public.conversations (tenant_id, updated_at desc) where status = 'active';
create index conversations_tags_idx on public.conversations using gin (tags);
create index messages_conversation_id_idx on public.messages (conversation_id, created_at);
create index messages_search_idx on public.messages using gin (search);
create index messages_embedding_idx on public.messages using hnsw (embedding extensions.vector_cosine_ops);
create index workflow_executions_workflow_idx on public.workflow_executions (workflow_id, started_at desc);
create index workflow_executions_running_idx on public.workflow_executions (workflow_id) where status in ('queued', 'running');
create unique index leads_tenant_email_idx on public.leads (tenant_id, lower(email));
create index knowledge_chunks_embedding_idx on public.knowledge_chunks using hnsw (embedding extensions.vector_cosine_ops);
create index shared_memory_expires_idx on public.shared_memory (expires_at) where expires_at is not null;

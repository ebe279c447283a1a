-- Row-level security: members see their tenant's data; users manage their own rows.
alter table public.tenants enable row level security;
alter table public.users enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.feedback enable row level security;
alter table public.knowledge_sources enable row level security;
alter table public.knowledge_chunks enable row level security;

create policy "Members can read their tenant" on public.tenants
  for select to authenticated
  using (id = public.current_tenant_id());

create policy "Users can read members of their tenant" on public.users
  for select to authenticated
  using (tenant_id = public.current_tenant_id());

create policy "Users can update themselves" on public.users
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create policy "Users own their conversations" on public.conversations
  for all to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and tenant_id = public.current_tenant_id());

create policy "Users read messages of their conversations" on public.messages
  for select to authenticated
  using (exists (
    select 1 from public.conversations c
    where c.id = conversation_id and c.user_id = (select auth.uid())
  ));

create policy "Users give feedback as themselves" on public.feedback
  for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Tenant knowledge is readable by members" on public.knowledge_sources
  for select to authenticated
  using (tenant_id = public.current_tenant_id());

create policy "Service role manages knowledge" on public.knowledge_chunks
  as permissive for all to service_role
  using (true);

comment on table public.tenants is 'A workspace: every other row belongs to exactly one tenant.';
comment on table public.messages is 'One message of a conversation, with its embedding for semantic search.';
comment on column public.messages.embedding is 'OpenAI text-embedding-3-small vector (1536 dimensions).';
comment on column public.conversations.tags is 'Free-form labels; indexed with GIN.';
comment on function public.match_knowledge_chunks(extensions.vector, integer, double precision) is 'Nearest knowledge chunks of the caller''s tenant.';

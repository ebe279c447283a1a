-- Views, functions and triggers.
create or replace function public.set_updated_at()
returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger tenants_set_updated_at before update on public.tenants
  for each row execute function public.set_updated_at();
create trigger users_set_updated_at before update on public.users
  for each row execute function public.set_updated_at();
create trigger conversations_set_updated_at before update on public.conversations
  for each row execute function public.set_updated_at();
create trigger workflows_set_updated_at before update on public.workflows
  for each row execute function public.set_updated_at();

-- The tenant of the signed-in user; used by the row-level security policies.
create or replace function public.current_tenant_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select tenant_id from public.users where id = auth.uid()
$$;

-- Nearest knowledge chunks to an embedding, for retrieval-augmented answers.
create or replace function public.match_knowledge_chunks(
  query_embedding extensions.vector(1536),
  match_count integer default 5,
  min_similarity double precision default 0.5
)
returns table (id bigint, source_id uuid, content text, similarity double precision)
language sql
stable
as $$
  select c.id, c.source_id, c.content, 1 - (c.embedding operator(extensions.<=>) query_embedding) as similarity
  from public.knowledge_chunks c
  join public.knowledge_sources s on s.id = c.source_id
  where s.tenant_id = public.current_tenant_id()
    and 1 - (c.embedding operator(extensions.<=>) query_embedding) >= min_similarity
  order by c.embedding operator(extensions.<=>) query_embedding
  limit match_count
$$;

create or replace function public.conversation_message_count(conversation_id bigint)
returns integer
language sql
stable
as $$
  select count(*)::integer from public.messages m where m.conversation_id = $1
$$;

create view public.conversation_overview as
select c.id, c.tenant_id, c.user_id, c.title, c.status, c.created_at,
       count(m.id) as message_count,
       max(m.created_at) as last_message_at
from public.conversations c
left join public.messages m on m.conversation_id = c.id
group by c.id;

create materialized view public.daily_usage as
select tenant_id, day, sum(requests) as requests, sum(cost_usd) as cost_usd
from public.usage_metrics
group by tenant_id, day;

create unique index daily_usage_tenant_day_idx on public.daily_usage (tenant_id, day);

-- Sales leads, and the knowledge base agents retrieve from.
create table public.leads (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  email text not null,
  full_name text,
  company text,
  stage public.lead_stage not null default 'new',
  score integer not null default 0,
  owner_id uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now()
);

create table public.knowledge_sources (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null,
  kind text not null check (kind in ('url', 'file', 'note')),
  uri text,
  created_at timestamptz not null default now()
);

create table public.knowledge_chunks (
  id bigint generated always as identity primary key,
  source_id uuid not null references public.knowledge_sources (id) on delete cascade,
  chunk_index integer not null,
  content text not null,
  embedding extensions.vector(1536) not null,
  metadata jsonb not null default '{}'::jsonb,
  unique (source_id, chunk_index)
);

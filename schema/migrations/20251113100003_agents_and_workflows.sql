-- Agents, the workflows they run, each execution, and what agents say to each other.
create table public.agents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null,
  model text not null default 'gpt-4o-mini',
  system_prompt text,
  temperature real not null default 0.2 check (temperature >= 0 and temperature <= 2),
  tools jsonb not null default '[]'::jsonb,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);

create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  agent_id uuid references public.agents (id) on delete set null,
  name text not null,
  slug text not null,
  definition jsonb not null,
  status public.workflow_status not null default 'draft',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workflows_tenant_slug_key unique (tenant_id, slug)
);

create table public.workflow_executions (
  id bigint generated always as identity primary key,
  workflow_id uuid not null references public.workflows (id) on delete cascade,
  status public.execution_status not null default 'queued',
  input jsonb,
  output jsonb,
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms bigint generated always as ((extract(epoch from (finished_at - started_at)) * 1000)::bigint) stored
);

create table public.agent_messages (
  id bigint generated always as identity primary key,
  execution_id bigint not null references public.workflow_executions (id) on delete cascade,
  from_agent uuid references public.agents (id) on delete set null,
  to_agent uuid references public.agents (id) on delete set null,
  content jsonb not null,
  created_at timestamptz not null default now()
);

create table public.shared_memory (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  key text not null,
  value jsonb not null,
  expires_at timestamptz,
  unique (tenant_id, key)
);

-- Extensions and the enums the rest of the schema uses.
create extension if not exists vector with schema extensions;
create extension if not exists pgcrypto with schema extensions;

create type public.user_role as enum ('owner', 'admin', 'member', 'viewer');

-- The idiom many Supabase projects use so the migration can be re-run.
do $$
begin
  create type public.message_role as enum ('system', 'user', 'assistant', 'tool');
exception
  when duplicate_object then null;
end $$;

create type public.conversation_status as enum ('active', 'archived');
create type public.workflow_status as enum ('draft', 'active', 'paused');
create type public.execution_status as enum ('queued', 'running', 'succeeded', 'failed');
create type public.lead_stage as enum ('new', 'contacted', 'qualified', 'won', 'lost');

-- Token accounting reported by model providers.
create type public.token_usage as (
  prompt_tokens integer,
  completion_tokens integer,
  model text
);

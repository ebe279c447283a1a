-- A later migration that changes earlier tables, as real projects do.
alter table public.leads add column source text;
alter table public.leads rename column full_name to name;
alter table public.leads add constraint leads_score_range check (score between 0 and 100);

alter table public.agents drop column temperature;
alter table public.agents add column temperature numeric(3, 2) not null default 0.20;

alter type public.lead_stage add value if not exists 'nurturing' after 'contacted';
alter type public.workflow_status add value 'archived';

alter table public.conversations alter column title set default 'New conversation';
alter table public.knowledge_sources alter column uri set not null;

create index leads_owner_id_idx on public.leads (owner_id);
comment on column public.leads.source is 'Where the lead came from (utm_source, referral, …).';

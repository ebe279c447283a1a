create table public.notes (
  id bigint primary key,
  body text not null
);

create index notes_body_idx on public.notes (bodyy);

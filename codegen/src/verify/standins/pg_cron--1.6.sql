-- pgforge stand-in for pg_cron (verification only: no job is ever run).
create schema if not exists cron;
create table cron.job (jobid bigserial primary key, schedule text not null, command text not null, nodename text not null default 'localhost', nodeport integer not null default 5432, database text not null default current_database(), username text not null default current_user, active boolean not null default true, jobname text, unique (jobname, username));
create table cron.job_run_details (jobid bigint, runid bigserial primary key, job_pid integer, database text, username text, command text, status text, return_message text, start_time timestamptz, end_time timestamptz);
create function cron.schedule(schedule text, command text) returns bigint language sql as $$ insert into cron.job (schedule, command) values ($1, $2) returning jobid $$;
create function cron.schedule(job_name text, schedule text, command text) returns bigint language sql as $$ insert into cron.job (jobname, schedule, command) values ($1, $2, $3) returning jobid $$;
create function cron.schedule_in_database(job_name text, schedule text, command text, database text, username text default null, active boolean default true) returns bigint language sql as $$ insert into cron.job (jobname, schedule, command, database, active) values ($1, $2, $3, $4, $6) returning jobid $$;
create function cron.unschedule(job_id bigint) returns boolean language sql as $$ with d as (delete from cron.job where jobid = $1 returning 1) select exists (select 1 from d) $$;
create function cron.unschedule(job_name text) returns boolean language sql as $$ with d as (delete from cron.job where jobname = $1 returning 1) select exists (select 1 from d) $$;
create function cron.alter_job(job_id bigint, schedule text default null, command text default null, database text default null, username text default null, active boolean default null) returns void language sql as $$ select $$;

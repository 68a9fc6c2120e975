-- 整改台账: one case per compliance finding, and the append-only log of what was done to it.

create table cases (
    case_id text primary key,          -- the finding's key (repository.finding_key)
    finding_id text,                   -- marts.compliance_violations.finding_id, if any
    rule_id text not null,
    article text,
    severity text,
    bureau_code text not null,         -- the bureau that answers the case
    bureau_name text,
    unit_code text,
    period text,
    person_key text,
    incident_id text,
    detail text,
    status text not null check (status in ('pending', 'answered', 'closed', 'reopened')),
    deadline date not null,
    version integer not null check (version >= 1),
    created_at timestamptz not null,
    created_by text not null,
    updated_at timestamptz not null,
    updated_by text not null
);
create index cases_bureau on cases (bureau_code);

create table case_events (
    event_id bigint generated always as identity primary key,
    case_id text not null references cases (case_id),
    version integer not null,          -- the case's version this event made
    action text not null check (action in ('assign', 'answer', 'close', 'reopen')),
    actor text not null,
    actor_role text not null,
    at timestamptz not null,
    status_before text,
    status_after text not null,
    deadline_before date,
    deadline_after date,
    note text not null default '',
    unique (case_id, version)
);

-- Nobody edits history: the log only grows (the table owner included; a role that only uses
-- the dashboards should also get no UPDATE/DELETE/TRUNCATE privilege on it).
create function case_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'case_events is append-only: no %', lower(tg_op)
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger case_events_no_update before update or delete on case_events
    for each row execute function case_events_append_only();
create trigger case_events_no_truncate before truncate on case_events
    for each statement execute function case_events_append_only();

create function cases_never_deleted() returns trigger language plpgsql as $$
begin
    raise exception 'cases are never deleted' using errcode = 'insufficient_privilege';
end;
$$;

create trigger cases_no_delete before delete on cases
    for each row execute function cases_never_deleted();
create trigger cases_no_truncate before truncate on cases
    for each statement execute function cases_never_deleted();

revoke update, delete, truncate on case_events from public;

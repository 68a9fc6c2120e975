-- 整改台账: one case per compliance finding, and the append-only log of what was done to it.
-- Times are ISO 8601 text in UTC (2026-11-30T08:00:00+00:00), dates ISO text (2026-12-31).

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
    deadline text not null,
    version integer not null check (version >= 1),
    created_at text not null,
    created_by text not null,
    updated_at text not null,
    updated_by text not null
);
create index cases_bureau on cases (bureau_code);

create table case_events (
    event_id integer primary key autoincrement,
    case_id text not null references cases (case_id),
    version integer not null,          -- the case's version this event made
    action text not null check (action in ('assign', 'answer', 'close', 'reopen')),
    actor text not null,
    actor_role text not null,
    at text not null,
    status_before text,
    status_after text not null,
    deadline_before text,
    deadline_after text,
    note text not null default '',
    unique (case_id, version)
);

-- Nobody edits history: the log only grows.
create trigger case_events_no_update before update on case_events
begin
    select raise(abort, 'case_events is append-only: no update');
end;

create trigger case_events_no_delete before delete on case_events
begin
    select raise(abort, 'case_events is append-only: no delete');
end;

-- A case is never removed: its events would point nowhere.
create trigger cases_no_delete before delete on cases
begin
    select raise(abort, 'cases are never deleted');
end;

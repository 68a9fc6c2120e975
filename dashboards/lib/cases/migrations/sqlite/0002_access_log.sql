-- Access log (lib/access_log.py): every read of bureau data by the dashboards and every export,
-- appended in order. Each entry carries the SHA-256 of the one before it (prev_hash) and its
-- own hash over prev_hash + its fields, so an edited, deleted or reordered entry breaks the
-- chain (access_log.verify_chain). Times are ISO 8601 text in UTC; lists and maps are JSON.

create table access_log (
    seq integer primary key,           -- 1, 2, 3, … in append order; a gap is a deleted entry
    at text not null,
    kind text not null check (kind in ('read', 'export')),
    username text,
    role text,
    page text,
    bureaus text not null,             -- JSON list: the bureau codes of the scope read with
    params text not null,              -- JSON map: the page's filters (query parameters)
    relations text not null,           -- JSON list: the relations read
    rows integer not null,
    detail text not null,              -- JSON map: an export's table and format
    prev_hash text not null,
    hash text not null unique
);
create index access_log_at on access_log (at);
create index access_log_user on access_log (username, at);

create trigger access_log_no_update before update on access_log
begin
    select raise(abort, 'access_log is append-only: no update');
end;

create trigger access_log_no_delete before delete on access_log
begin
    select raise(abort, 'access_log is append-only: no delete');
end;

-- Access log (lib/access_log.py): every read of bureau data by the dashboards and every export,
-- appended in order. Each entry carries the SHA-256 of the one before it (prev_hash) and its
-- own hash over prev_hash + its fields, so an edited, deleted or reordered entry breaks the
-- chain (access_log.verify_chain). Times are ISO 8601 text in UTC (hashed as stored); lists
-- and maps are JSON text.

create table access_log (
    seq bigint primary key,            -- 1, 2, 3, … in append order; a gap is a deleted entry
    at text not null,
    kind text not null check (kind in ('read', 'export')),
    username text,
    role text,
    page text,
    bureaus text not null,
    params text not null,
    relations text not null,
    rows integer not null,
    detail text not null,
    prev_hash text not null,
    hash text not null unique
);
create index access_log_at on access_log (at);
create index access_log_user on access_log (username, at);

create function access_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_log is append-only: no %', lower(tg_op)
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger access_log_no_update before update or delete on access_log
    for each row execute function access_log_append_only();
create trigger access_log_no_truncate before truncate on access_log
    for each statement execute function access_log_append_only();

revoke update, delete, truncate on access_log from public;

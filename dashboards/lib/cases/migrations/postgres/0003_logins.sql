-- Dashboard accounts (lib/logins.py, python -m dashboards.admin) and failed sign-ins (lockout).
-- Outside the demo these are the only accounts; in the demo (AUXFORCE_DEMO=1) they come on top
-- of dashboards/assets/users.yaml, a row here replacing the file's user of the same name.

create table dashboard_users (
    username text primary key,         -- lower case
    display_name text not null,
    role text not null check (role in ('province', 'prefecture', 'county', 'finance', 'auditor')),
    scope_code text,                   -- GB/T 2260 code of a prefecture or county user
    password_hash text,                -- bcrypt; null: signs in through the identity provider only
    email text,                        -- matched against the identity provider's e-mail
    disabled boolean not null default false,
    created_at text not null,
    updated_at text not null,
    updated_by text not null
);
create unique index dashboard_users_email on dashboard_users (email);

create table login_failures (
    username text primary key,
    failures integer not null,         -- consecutive failed sign-ins since the last lock or success
    locked_until text                  -- ISO 8601 UTC; sign-in refused until then
);

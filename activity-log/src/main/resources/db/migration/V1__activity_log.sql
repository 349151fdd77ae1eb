-- The audit trail (SPEC §6): one row per hub event. Flyway runs this in the service's own
-- schema (spring.flyway.default-schema, "activity").

-- Ids come from Hibernate's pooled optimizer: one nextval per 500 rows. The increment must
-- equal ActivityLog's allocationSize (schema validation checks it).
create sequence activity_log_id_seq start with 1 increment by 500;

create table activity_log (
    id          bigint       not null,
    event_id    uuid         not null,
    sequence    bigint       not null,
    tenant_id   varchar(128) not null,
    user_id     varchar(128) not null,
    device_id   varchar(128) not null,
    action      varchar(32)  not null,
    source      varchar(16)  not null,
    details     jsonb        not null,
    occurred_at timestamptz  not null,
    recorded_at timestamptz  not null,
    constraint activity_log_pkey primary key (id),
    -- Exactly once per event: the writer inserts with "on conflict (event_id) do nothing".
    constraint activity_log_event_id_key unique (event_id),
    constraint activity_log_action_check check (action in ('property_changed', 'device_created', 'device_deleted')),
    constraint activity_log_source_check check (source in ('alexa', 'ifttt', 'web', 'api')),
    constraint activity_log_details_check check (jsonb_typeof(details) = 'object')
);

-- Newest first is "order by occurred_at desc, id desc"; each index ends in (occurred_at, id)
-- so that a page is one backward index range scan starting at the cursor, at any depth.
-- Operators within a tenant (activity:read always filters by tenant).
create index activity_log_tenant_time_idx on activity_log (tenant_id, occurred_at, id);
-- By device and by user (device and user ids are unique across tenants).
create index activity_log_device_time_idx on activity_log (device_id, occurred_at, id);
create index activity_log_user_time_idx on activity_log (user_id, occurred_at, id);
-- Everything (ops:read without a tenant) and the retention purge.
create index activity_log_time_idx on activity_log (occurred_at, id);
-- Where to resume after a restart: max(sequence).
create index activity_log_sequence_idx on activity_log (sequence);

-- alexa-subscriber's own schema (SPEC §9): grants, device state, deliveries, stream position.

-- One row per user who ever linked Alexa. Tokens are AES-GCM ciphertext (nonce || data || tag),
-- bound to the user id; key_id names the key that encrypted them. Unlinking wipes the tokens
-- but keeps the row and the reason, for operators.
create table grants (
    user_id                 varchar(128) primary key,
    tenant_id               varchar(128) not null,
    region                  varchar(2)   not null check (region in ('NA', 'EU', 'FE')),
    linked                  boolean      not null,
    access_token            bytea,
    refresh_token           bytea,
    key_id                  varchar(16),
    access_token_expires_at timestamptz,
    linked_at               timestamptz  not null,
    refreshed_at            timestamptz,
    unlinked_at             timestamptz,
    unlink_reason           varchar(500),
    check (not linked or (access_token is not null and refresh_token is not null and key_id is not null
                          and access_token_expires_at is not null))
);

-- The state of linked users' devices as events told it. complete: every property is known
-- (loaded from the publisher once); otherwise only the properties events have carried.
create table device_snapshots (
    device_id  varchar(128) primary key,
    user_id    varchar(128) not null,
    complete   boolean      not null default false,
    updated_at timestamptz  not null
);
create index device_snapshots_user on device_snapshots (user_id);

create table device_properties (
    device_id      varchar(128)  not null references device_snapshots (device_id) on delete cascade,
    name           varchar(64)   not null,
    value          varchar(1024) not null,
    time_of_sample timestamptz   not null,
    -- sequence of the event that set it; 0 when read from the publisher's device API
    sequence       bigint        not null,
    primary key (device_id, name)
);

-- One ChangeReport (with its retries). report is the message as sent, its scope token redacted.
create table deliveries (
    id           uuid primary key,
    message_id   uuid         not null,
    user_id      varchar(128) not null,
    device_id    varchar(128) not null,
    region       varchar(2)   not null,
    cause        varchar(32)  not null,
    report       jsonb        not null,
    outcome      varchar(32)  not null,
    reason       varchar(1000),
    attempts     integer      not null default 0,
    created_at   timestamptz  not null,
    completed_at timestamptz
);
create index deliveries_created on deliveries (created_at);
create index deliveries_device on deliveries (device_id, created_at);
create index deliveries_outcome on deliveries (outcome, created_at);

-- The events a delivery reports (several when changes were coalesced): the eventId dedupe
-- after a restart, and the ops look-up by eventId.
create table delivery_events (
    event_id    uuid   not null,
    delivery_id uuid   not null references deliveries (id) on delete cascade,
    sequence    bigint not null,
    primary key (event_id, delivery_id)
);
create index delivery_events_delivery on delivery_events (delivery_id);

-- Each answer of the gateway (or network failure) for a delivery.
create table delivery_attempts (
    delivery_id  uuid         not null references deliveries (id) on delete cascade,
    attempt      integer      not null,
    attempted_at timestamptz  not null,
    status       integer,
    code         varchar(64),
    detail       varchar(1000),
    primary key (delivery_id, attempt)
);

-- Where this service is in the publisher's event stream: every event up to it is handled.
create table stream_position (
    id         smallint    primary key check (id = 1),
    sequence   bigint      not null,
    updated_at timestamptz not null
);

-- The property changes the trigger endpoint serves. `id` is the local arrival order,
-- which is the publisher's sequence order (events are written in stream order); the
-- trigger endpoint returns newest first by it.
CREATE TABLE trigger_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL,
    sequence    bigint      NOT NULL,
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    device_id   text        NOT NULL,
    property    text        NOT NULL,
    old_value   text,
    new_value   text        NOT NULL,
    source      text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT trigger_events_event_id_unique UNIQUE (event_id)
);

-- Polls without filters, and the per-user bound.
CREATE INDEX trigger_events_by_user ON trigger_events (user_id, id DESC);
-- Polls filtered by device (and property), and the per-property bound.
CREATE INDEX trigger_events_by_device_property ON trigger_events (user_id, device_id, property, id DESC);
-- Purging a deleted device.
CREATE INDEX trigger_events_by_device ON trigger_events (device_id);

-- Where the service left off in the publisher's event stream.
CREATE TABLE stream_position (
    id            smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Trigger identities IFTTT has polled with, with their user and trigger fields.
CREATE TABLE trigger_identities (
    trigger_identity text        PRIMARY KEY,
    user_id          text        NOT NULL,
    tenant_id        text        NOT NULL,
    device_id        text,
    property         text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_polled_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX trigger_identities_by_user ON trigger_identities (user_id);
CREATE INDEX trigger_identities_by_last_poll ON trigger_identities (last_polled_at);

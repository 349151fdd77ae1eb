-- The publisher's schema (SPEC §4). Every change of a device property — through the API or
-- by SQL run directly — is recorded in `events` by triggers, in the same transaction as the
-- change itself: the transactional outbox. The relay gives recorded events their `sequence`
-- and publishes them to Redis.

CREATE TABLE devices (
    id         text        PRIMARY KEY CHECK (id ~ '^[^]\[:*?\\[:space:][:cntrl:]]{1,128}$'),
    user_id    text        NOT NULL CHECK (user_id ~ '^[^]\[:*?\\[:space:][:cntrl:]]{1,128}$'),
    tenant_id  text        NOT NULL CHECK (tenant_id ~ '^[^]\[:*?\\[:space:][:cntrl:]]{1,128}$'),
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    type       text        NOT NULL CHECK (type ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);

CREATE INDEX devices_by_owner ON devices (tenant_id, user_id, created_at, id);

-- The names the seed's trigger uses: device_id, name, value.
CREATE TABLE device_properties (
    device_id  text        NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (name ~ '^[A-Za-z][A-Za-z0-9_.:-]{0,63}$'),
    value      text        NOT NULL CHECK (char_length(value) <= 1024),
    updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
    PRIMARY KEY (device_id, name)
);

-- The outbox and, once sequenced, the replay store. `id` orders the events of one device in
-- commit order (the triggers take a per-device lock before inserting); `sequence` is the
-- position in the published stream, assigned by the one relay.
CREATE TABLE events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    sequence    bigint      UNIQUE,
    type        text        NOT NULL CHECK (type IN ('property_changed', 'device_created', 'device_deleted')),
    device_id   text        NOT NULL,
    user_id     text        NOT NULL,
    tenant_id   text        NOT NULL,
    property    text,
    old_value   text,
    new_value   text,
    source      text        NOT NULL CHECK (source IN ('alexa', 'ifttt', 'web', 'api')),
    occurred_at timestamptz NOT NULL
);

CREATE INDEX events_to_relay ON events (id) WHERE sequence IS NULL;
CREATE INDEX events_by_user ON events (user_id, sequence) WHERE sequence IS NOT NULL;
CREATE INDEX events_by_age ON events (occurred_at) WHERE sequence IS NOT NULL;

-- Where the relay is: the last sequence it assigned and the last it knows was published.
CREATE TABLE relay_state (
    singleton          boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_sequence      bigint  NOT NULL DEFAULT 0,
    published_sequence bigint  NOT NULL DEFAULT 0
);
INSERT INTO relay_state DEFAULT VALUES;

-- Per-transaction settings the API sets (set_config(..., true)); SQL run by hand leaves
-- them empty and may set virtdevice.source itself:
--   virtdevice.api       'on' for changes made through the API (no NOTIFY then)
--   virtdevice.source    alexa | ifttt | web | api (default api)
--   virtdevice.event_id  the eventId to use for the next recorded event
--   virtdevice.initial   'on' while a device is created: its initial values are not changes
--   virtdevice.notify    'on' to NOTIFY for API changes too (virtdevice.publisher.notify-api-changes)

CREATE FUNCTION record_event(p_type text, p_device_id text, p_user_id text, p_tenant_id text,
                             p_property text, p_old text, p_new text)
RETURNS void LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
BEGIN
    -- One change of a device at a time from here to commit: events of one device get ids,
    -- and so leave the relay, in commit order.
    PERFORM pg_advisory_xact_lock(736401, hashtext(p_device_id));
    INSERT INTO events (event_id, type, device_id, user_id, tenant_id, property, old_value, new_value, source, occurred_at)
    VALUES (coalesce(nullif(current_setting('virtdevice.event_id', true), '')::uuid, gen_random_uuid()),
            p_type, p_device_id, p_user_id, p_tenant_id, p_property, p_old, p_new,
            coalesce(nullif(current_setting('virtdevice.source', true), ''), 'api'),
            date_trunc('milliseconds', clock_timestamp()));
    PERFORM set_config('virtdevice.event_id', '', true);
END;
$$;

-- The seed's trigger, keeping its name and its NOTIFY payload; it now also records the
-- change for publication. NOTIFY serialises commits, so it is sent only for changes made
-- outside the API (SQL by hand), unless virtdevice.notify asks for it.
CREATE FUNCTION notify_property_change()
RETURNS trigger LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
DECLARE
    old_value text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.value END;
    owner record;
BEGIN
    IF coalesce(current_setting('virtdevice.initial', true), '') = 'on' THEN
        RETURN NEW;
    END IF;
    SELECT user_id, tenant_id INTO owner FROM devices WHERE id = NEW.device_id;
    PERFORM record_event('property_changed', NEW.device_id, owner.user_id, owner.tenant_id, NEW.name,
                         old_value, NEW.value);
    IF coalesce(current_setting('virtdevice.api', true), '') <> 'on'
            OR coalesce(current_setting('virtdevice.notify', true), '') = 'on' THEN
        PERFORM pg_notify('property_changes', json_build_object(
            'device_id', NEW.device_id,
            'property', NEW.name,
            'old_value', old_value,
            'new_value', NEW.value
        )::text);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER device_property_inserted
    AFTER INSERT ON device_properties
    FOR EACH ROW EXECUTE FUNCTION notify_property_change();

CREATE TRIGGER device_property_updated
    AFTER UPDATE OF value ON device_properties
    FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value)
    EXECUTE FUNCTION notify_property_change();

-- Devices created or deleted, through the API or by SQL, become lifecycle events.
CREATE FUNCTION record_device_lifecycle()
RETURNS trigger LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM record_event('device_created', NEW.id, NEW.user_id, NEW.tenant_id, NULL, NULL, NULL);
        RETURN NEW;
    END IF;
    PERFORM record_event('device_deleted', OLD.id, OLD.user_id, OLD.tenant_id, NULL, NULL, NULL);
    IF coalesce(current_setting('virtdevice.api', true), '') <> 'on' THEN
        PERFORM pg_notify('property_changes', json_build_object('device_id', OLD.id, 'deleted', true)::text);
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER device_lifecycle
    AFTER INSERT OR DELETE ON devices
    FOR EACH ROW EXECUTE FUNCTION record_device_lifecycle();

-- The API's operations, one round trip each. They mark the transaction as the API's, so the
-- triggers skip NOTIFY (the relay is woken in-process instead).
CREATE FUNCTION api_begin(p_source text, p_notify boolean)
RETURNS void LANGUAGE sql
    SET search_path = publisher, pg_temp AS $$
    SELECT set_config('virtdevice.api', 'on', true),
           set_config('virtdevice.source', p_source, true),
           set_config('virtdevice.notify', CASE WHEN p_notify THEN 'on' ELSE '' END, true);
$$;

CREATE FUNCTION create_device(p_id text, p_user_id text, p_tenant_id text, p_name text, p_type text,
                              p_names text[], p_values text[], p_event_id uuid)
RETURNS timestamptz LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
DECLARE
    created timestamptz;
BEGIN
    PERFORM set_config('virtdevice.event_id', p_event_id::text, true);
    INSERT INTO devices (id, user_id, tenant_id, name, type) VALUES (p_id, p_user_id, p_tenant_id, p_name, p_type)
    RETURNING created_at INTO created;
    PERFORM set_config('virtdevice.initial', 'on', true);
    INSERT INTO device_properties (device_id, name, value, updated_at)
    SELECT p_id, n, v, created FROM unnest(p_names, p_values) AS t (n, v);
    PERFORM set_config('virtdevice.initial', '', true);
    RETURN created;
END;
$$;

CREATE FUNCTION delete_device(p_id text, p_event_id uuid)
RETURNS boolean LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
BEGIN
    PERFORM set_config('virtdevice.event_id', p_event_id::text, true);
    DELETE FROM devices WHERE id = p_id;
    RETURN FOUND;
END;
$$;

-- Sets properties of one device. A value equal to the current one changes nothing and
-- records nothing. Returns, per property, the value actually replaced (read back from the
-- recorded event, so it is right even under concurrent writers) and the eventId.
CREATE FUNCTION change_properties(p_device_id text, p_names text[], p_values text[], p_event_ids uuid[])
RETURNS TABLE (name text, old_value text, new_value text, changed boolean, event_id uuid)
LANGUAGE plpgsql
    SET search_path = publisher, pg_temp AS $$
#variable_conflict use_column
DECLARE
    i int;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_names, 1), 0) LOOP
        PERFORM set_config('virtdevice.event_id', p_event_ids[i]::text, true);
        INSERT INTO device_properties AS p (device_id, name, value)
        VALUES (p_device_id, p_names[i], p_values[i])
        ON CONFLICT (device_id, name) DO UPDATE
            SET value = EXCLUDED.value, updated_at = date_trunc('milliseconds', clock_timestamp())
            WHERE p.value IS DISTINCT FROM EXCLUDED.value;
        name := p_names[i];
        new_value := p_values[i];
        SELECT e.old_value, e.event_id INTO old_value, event_id FROM events e WHERE e.event_id = p_event_ids[i];
        changed := FOUND;
        IF NOT changed THEN
            old_value := p_values[i];
            event_id := NULL;
            PERFORM set_config('virtdevice.event_id', '', true);
        END IF;
        RETURN NEXT;
    END LOOP;
END;
$$;

-- Idempotency-Key (SPEC §4.2) and webhook deliveries: the first response, replayed.
CREATE TABLE idempotency_keys (
    scope        text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       int         NOT NULL,
    response     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

CREATE TABLE webhooks (
    id         text        PRIMARY KEY,
    device_id  text        NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    secret     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_by_device ON webhooks (device_id);

-- Recorded events the relay could not turn into a valid event (the constraints above should
-- make this impossible); kept for inspection instead of blocking the relay.
CREATE TABLE rejected_events (LIKE events, reason text NOT NULL);

-- A user id is unique only within a tenant (SPEC §8): trigger identities are looked up by
-- (tenant, user), and a deleted device's history is forgotten by its owner and id, which
-- trigger_events_by_device_property serves; the device-only index has no user left.
DROP INDEX trigger_identities_by_user;
CREATE INDEX trigger_identities_by_user ON trigger_identities (tenant_id, user_id);
DROP INDEX trigger_events_by_device;

-- A user id is only unique within a tenant: the history's lookups and bounds go by
-- (tenant, user), so the indexes lead with the tenant.
DROP INDEX trigger_events_by_user;
DROP INDEX trigger_events_by_device_property;
CREATE INDEX trigger_events_by_user ON trigger_events (tenant_id, user_id, id DESC);
CREATE INDEX trigger_events_by_device_property ON trigger_events (tenant_id, user_id, device_id, property, id DESC);

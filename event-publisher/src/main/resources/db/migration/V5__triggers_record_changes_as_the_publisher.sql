-- Least privilege (docs/operations.md, "Securing PostgreSQL"): an operator role may change
-- devices by hand but has no rights on the outbox. The triggers therefore run as their owner,
-- the publisher's role (SECURITY DEFINER, with the fixed search_path V1 gave them), so a
-- change made by any role that may change a device still becomes exactly one event; the
-- functions they call run as that owner too. Nobody may call them except as a trigger.
ALTER FUNCTION notify_property_change() SECURITY DEFINER;
ALTER FUNCTION record_device_lifecycle() SECURITY DEFINER;
REVOKE ALL ON FUNCTION notify_property_change(), record_device_lifecycle() FROM PUBLIC;

-- Where the operator role exists (docker/postgres/create-roles.sh, ./run-local), it may
-- read and change devices and their properties, and nothing else of this schema.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'virtdevice_operator') THEN
        GRANT USAGE ON SCHEMA publisher TO virtdevice_operator;
        GRANT SELECT, INSERT, UPDATE, DELETE ON devices, device_properties TO virtdevice_operator;
    END IF;
END;
$$;

-- One definition of a valid id, the events' own (EventLimits, Channels.isChannelSafe):
-- 1-128 code points, none of ':' '*' '?' '[' ']' '\', a control character (U+0001-U+001F,
-- U+007F-U+009F) or whitespace (U+0020, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
-- U+202F, U+205F, U+3000). V1 used [:space:] and [:cntrl:], whose meaning beyond ASCII
-- depends on the database's locale: under C.UTF-8 an id with a no-break space committed,
-- and the relay then moved its events to rejected_events. Listing the characters makes the
-- check the same in every locale. Lengths were already counted alike (code points).

ALTER TABLE devices
    DROP CONSTRAINT devices_id_check,
    DROP CONSTRAINT devices_user_id_check,
    DROP CONSTRAINT devices_tenant_id_check,
    ADD CONSTRAINT devices_id_check
        CHECK (id ~ '^[^]\[:*?\\\u0001-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,128}$'),
    ADD CONSTRAINT devices_user_id_check
        CHECK (user_id ~ '^[^]\[:*?\\\u0001-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,128}$'),
    ADD CONSTRAINT devices_tenant_id_check
        CHECK (tenant_id ~ '^[^]\[:*?\\\u0001-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,128}$');

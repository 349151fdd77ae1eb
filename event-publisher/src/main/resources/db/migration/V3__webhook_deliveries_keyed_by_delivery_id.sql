-- Webhook calls are deduplicated on (webhook, delivery id) — scope 'hook:<webhook id>', key
-- the X-VirtDevice-Delivery header — instead of on their signature, which now covers a
-- timestamp and so differs between a delivery and its retry. The deliveries remembered by
-- signature can never match again (the old sha256= format is refused): remove them.
DELETE FROM idempotency_keys WHERE scope LIKE 'hook:%';

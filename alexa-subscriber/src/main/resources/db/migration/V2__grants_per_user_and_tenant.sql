-- A user id is unique only within a tenant (SPEC §8): each (user, tenant) has its own grant.
-- With the user id alone as the key, the same user id in another tenant replaced, used and
-- unlinked the first one's grant.
alter table grants drop constraint grants_pkey;
alter table grants add primary key (user_id, tenant_id);

-- Tokens were encrypted with the user id alone as AES-GCM associated data, so a ciphertext
-- copied to the row of the same user id in another tenant decrypted there. token_binding
-- says what a row's ciphertexts are bound to: 1 the user id (every row written before this
-- migration), 2 the tenant and the user. At start-up the service encrypts the tokens of
-- rows with 1 again for their tenant and user (TokenBindingUpgrade) and reads only 2.
alter table grants add column token_binding smallint not null default 1 check (token_binding in (1, 2));
alter table grants alter column token_binding drop default;

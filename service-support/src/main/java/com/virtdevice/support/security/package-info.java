/**
 * JWT resource-server security of docs/contract.md §8: HS256 tokens signed with
 * {@code VIRTDEVICE_JWT_SECRET} or tokens verified against an issuer's JWK set, the
 * {@code sub}/{@code tenant}/{@code scope} claims as a
 * {@link com.virtdevice.support.security.HubPrincipal}, and 401/403 answered as problem
 * JSON.
 */
@NullMarked
package com.virtdevice.support.security;

import org.jspecify.annotations.NullMarked;

/**
 * Access tokens: HS256 JWTs signed with a per-namespace secret, carrying {@code ns}, {@code room}
 * (or {@code *}), {@code sub} (the peer id), {@code exp} and optionally {@code role: "admin"}.
 * {@link org.mscluster.cluster.token.TokenVerifier} returns typed refusals that entry points map
 * to HTTP 401/403 or protoo errors; {@link org.mscluster.cluster.token.TokenIssuer} mints tokens.
 */
package org.mscluster.cluster.token;

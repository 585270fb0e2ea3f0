package dev.floe.server.auth;

import dev.floe.error.NotAuthorizedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a request's bearer token into a principal, and client credentials into a signed token. */
public final class Authenticator {
  /** Used when authentication is off: may do anything. */
  public static final Principal ANONYMOUS = new Principal("anonymous",
      List.of(new Principal.Grant(Access.ADMIN, List.of())));

  private final AuthConfig config;
  private final TokenSigner signer;

  public Authenticator(AuthConfig config) {
    this.config = config;
    this.signer = new TokenSigner(config.tokenSecret());
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** @throws NotAuthorizedException if the header is missing or the token is unknown, forged or expired */
  public Principal authenticate(Optional<String> authorization) {
    if (!config.enabled()) {
      return ANONYMOUS;
    }
    String header = authorization.orElseThrow(() ->
        new NotAuthorizedException("authentication required: send an Authorization: Bearer <token> header"));
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new NotAuthorizedException("the Authorization header must be 'Bearer <token>'");
    }
    String token = header.substring(7).trim();
    String principal = staticToken(token)
        .or(() -> signer.verify(token, System.currentTimeMillis() / 1000))
        .orElseThrow(() -> new NotAuthorizedException("the bearer token is not valid (unknown, forged or expired)"));
    return new Principal(principal, config.grants().getOrDefault(principal, List.of()));
  }

  private Optional<String> staticToken(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : config.tokens().entrySet()) {
      // constant-time comparison: a token's prefix must not be learnable by timing
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The OAuth2 client-credentials grant: a signed, expiring token for a known client. */
  public Optional<String> issue(String clientId, String clientSecret) {
    String expected = config.clients().get(clientId);
    if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        clientSecret.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(signer.issue(clientId, System.currentTimeMillis() / 1000 + config.tokenTtlSeconds()));
  }

  public long tokenTtlSeconds() {
    return config.tokenTtlSeconds();
  }
}

package dev.floe.server.auth;

import dev.floe.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Who may do what, from a properties file:
 *
 * <pre>
 * # static bearer tokens: token.&lt;principal&gt; = &lt;token&gt;
 * token.alice = 3f1c...long-random...
 * # OAuth2 client credentials: client.&lt;client-id&gt; = &lt;secret&gt;; the principal is the client id
 * client.etl = s3cr3t...
 * # grants: grant.&lt;principal&gt; = level:namespace, ...   (level read|write|admin; * = every namespace)
 * grant.alice = admin:*
 * grant.etl = write:sales, read:*
 * # HMAC secret of issued tokens (base64, at least 16 bytes) and their lifetime
 * token-secret = ...
 * token-ttl-seconds = 3600
 * </pre>
 *
 * Authentication is on unless the config is {@link #disabled()} (an explicit choice).
 */
public record AuthConfig(boolean enabled, Map<String, String> tokens, Map<String, String> clients,
    Map<String, List<Principal.Grant>> grants, byte[] tokenSecret, long tokenTtlSeconds) {

  public AuthConfig {
    tokens = Map.copyOf(tokens);
    clients = Map.copyOf(clients);
    grants = Map.copyOf(grants);
    tokenSecret = tokenSecret.clone();
  }

  public static AuthConfig disabled() {
    return new AuthConfig(false, Map.of(), Map.of(), Map.of(), randomSecret(), 3600);
  }

  /** One principal with a static token and admin rights everywhere (for a quick local server). */
  public static AuthConfig singleAdmin(String principal, String token) {
    return new AuthConfig(true, Map.of(token, principal), Map.of(),
        Map.of(principal, List.of(new Principal.Grant(Access.ADMIN, List.of()))), randomSecret(), 3600);
  }

  public static AuthConfig load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new InvalidInputException("auth-config", "cannot read " + file + ": " + e.getMessage());
    }
    return parse(p);
  }

  static AuthConfig parse(Properties p) {
    boolean enabled = !"false".equalsIgnoreCase(p.getProperty("auth.enabled", "true").trim());
    Map<String, String> tokens = new HashMap<>();
    Map<String, String> clients = new HashMap<>();
    Map<String, List<Principal.Grant>> grants = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.startsWith("token.")) {
        if (value.length() < 16) {
          throw new InvalidInputException(key, "a static token must have at least 16 characters");
        }
        tokens.put(value, key.substring("token.".length()));
      } else if (key.startsWith("client.")) {
        if (value.length() < 8) {
          throw new InvalidInputException(key, "a client secret must have at least 8 characters");
        }
        clients.put(key.substring("client.".length()), value);
      } else if (key.startsWith("grant.")) {
        grants.put(key.substring("grant.".length()), parseGrants(key, value));
      }
    }
    byte[] secret = Optional.ofNullable(p.getProperty("token-secret")).map(String::trim)
        .map(s -> {
          try {
            return java.util.Base64.getDecoder().decode(s);
          } catch (IllegalArgumentException e) {
            throw new InvalidInputException("token-secret", "must be base64");
          }
        }).orElseGet(AuthConfig::randomSecret);
    if (secret.length < 16) {
      throw new InvalidInputException("token-secret", "must decode to at least 16 bytes");
    }
    long ttl;
    try {
      ttl = Long.parseLong(p.getProperty("token-ttl-seconds", "3600").trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("token-ttl-seconds", "must be a whole number");
    }
    return new AuthConfig(enabled, tokens, clients, grants, secret, ttl);
  }

  private static List<Principal.Grant> parseGrants(String key, String value) {
    List<Principal.Grant> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String g = part.trim();
      if (g.isEmpty()) {
        continue;
      }
      int colon = g.indexOf(':');
      if (colon < 0) {
        throw new InvalidInputException(key, "grant '" + g + "' must look like level:namespace (e.g. read:sales)");
      }
      Access access;
      try {
        access = Access.valueOf(g.substring(0, colon).trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(key, "unknown level in '" + g + "'; use read, write or admin");
      }
      String ns = g.substring(colon + 1).trim();
      out.add(new Principal.Grant(access, ns.equals("*") ? List.of() : List.of(ns.split("\\."))));
    }
    return out;
  }

  static byte[] randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }
}

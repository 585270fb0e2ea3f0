package dev.floe.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the server's own bearer tokens: {@code floe1.<payload>.<signature>}, the
 * payload naming the principal and the expiry, the signature an HMAC-SHA256 with the server
 * secret. No state: any server with the same secret accepts the token until it expires.
 */
public final class TokenSigner {
  private static final String PREFIX = "floe1.";
  private final byte[] secret;

  public TokenSigner(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the token secret must have at least 16 bytes");
    }
    this.secret = secret.clone();
  }

  public String issue(String principal, long expiresAtEpochSecond) {
    String payload = b64(principal.getBytes(StandardCharsets.UTF_8)) + ":" + expiresAtEpochSecond;
    String body = b64(payload.getBytes(StandardCharsets.UTF_8));
    return PREFIX + body + "." + b64(mac(body));
  }

  /** The principal of a valid, unexpired token; empty for anything else. */
  public Optional<String> verify(String token, long nowEpochSecond) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = token.substring(PREFIX.length());
    int dot = rest.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String body = rest.substring(0, dot);
    byte[] signature;
    String payload;
    try {
      signature = Base64.getUrlDecoder().decode(rest.substring(dot + 1));
      payload = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(signature, mac(body))) {
      return Optional.empty();
    }
    int colon = payload.lastIndexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      long expires = Long.parseLong(payload.substring(colon + 1));
      if (nowEpochSecond >= expires) {
        return Optional.empty();
      }
      return Optional.of(new String(Base64.getUrlDecoder().decode(payload.substring(0, colon)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

package dev.floe.server.http;

/** What a handler answers: a status and a body (JSON unless said otherwise). */
public record Reply(int status, byte[] body, String contentType) {
  private static final byte[] NONE = new byte[0];

  public static Reply json(byte[] body) {
    return new Reply(200, body, "application/json");
  }

  public static Reply noContent() {
    return new Reply(204, NONE, null);
  }

  public static Reply text(String body) {
    return new Reply(200, body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "text/plain; version=0.0.4; charset=utf-8");
  }
}

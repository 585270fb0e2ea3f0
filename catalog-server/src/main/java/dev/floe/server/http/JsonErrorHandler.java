package dev.floe.server.http;

import dev.floe.codec.RestJson;
import dev.floe.rest.RestMessages.ErrorResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before they reach the router (a NUL in the path, a malformed request
 * line) still get an Iceberg error body instead of Jetty's HTML page, and no server detail.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    String message = status < 500 ? "the request is malformed and was refused" : "the catalog server failed";
    byte[] body = RestJson.write(new ErrorResponse(message, status < 500 ? "BadRequestException"
        : "ServiceFailureException", status));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  static JsonErrorHandler create() {
    return new JsonErrorHandler();
  }
}

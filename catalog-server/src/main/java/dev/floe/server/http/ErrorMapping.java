package dev.floe.server.http;

import dev.floe.codec.RestJson;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.CorruptFileException;
import dev.floe.error.ForbiddenException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NoSuchViewException;
import dev.floe.error.NotAuthorizedException;
import dev.floe.error.NotFoundException;
import dev.floe.error.ValidationException;
import dev.floe.rest.RestMessages.ErrorResponse;

/**
 * The one place where Floe's typed errors become HTTP statuses and Iceberg error-model bodies.
 * The {@code type} is the name Iceberg clients branch on. Messages name the problem; they never
 * carry a stack trace, and the only locations they name are tables' and views' own (which clients
 * see in every load anyway). Anything unexpected is a 500 with a generic message (the detail goes
 * to the server log), so no database error, local path or class name leaks.
 */
public final class ErrorMapping {
  public ErrorMapping() {}

  public record Mapped(int status, ErrorResponse body) {
    public byte[] json() {
      return RestJson.write(body);
    }
  }

  public Mapped map(Throwable t) {
    if (t instanceof InvalidInputException e) {
      // Iceberg clients raise IllegalArgumentException for this type, as for their own checks
      return of(400, "IllegalArgumentException", e.getMessage());
    } else if (t instanceof ValidationException e) {
      return of(400, "ValidationException", e.getMessage());
    } else if (t instanceof NotAuthorizedException e) {
      return of(401, "NotAuthorizedException", e.getMessage());
    } else if (t instanceof ForbiddenException e) {
      return of(403, "ForbiddenException", e.getMessage());
    } else if (t instanceof NoSuchNamespaceException e) {
      return of(404, "NoSuchNamespaceException", e.getMessage());
    } else if (t instanceof NoSuchTableException e) {
      return of(404, "NoSuchTableException", e.getMessage());
    } else if (t instanceof NoSuchViewException e) {
      return of(404, "NoSuchViewException", e.getMessage());
    } else if (t instanceof NotFoundException e) {
      return of(404, "NotFoundException", e.getMessage());
    } else if (t instanceof RequestProblem e) {
      return of(e.status, e.type, e.getMessage());
    } else if (t instanceof AlreadyExistsException e) {
      return of(409, "AlreadyExistsException", e.getMessage());
    } else if (t instanceof NamespaceNotEmptyException e) {
      return of(409, "NamespaceNotEmptyException", e.getMessage());
    } else if (t instanceof CommitFailedException e) {
      return of(409, "CommitFailedException", e.getMessage());
    } else if (t instanceof CommitStateUnknownException e) {
      return of(500, "CommitStateUnknownException", e.getMessage());
    } else if (t instanceof CorruptFileException) {
      return of(500, "ServiceFailureException", "a metadata file in the catalog is corrupt");
    }
    return of(500, "ServiceFailureException", "the catalog server failed to handle the request");
  }

  private Mapped of(int status, String type, String message) {
    String m = message == null ? type : message;
    return new Mapped(status, new ErrorResponse(m, type, status));
  }

  /**
   * A problem with the HTTP request itself rather than with what it asks the catalog (no such
   * route, a method the route does not take, a body over the limit).
   */
  static final class RequestProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    RequestProblem(int status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }

    static RequestProblem routeNotFound() {
      return new RequestProblem(404, "NotFoundException", "no such endpoint");
    }

    static RequestProblem methodNotAllowed(String method) {
      return new RequestProblem(405, "MethodNotAllowedException", "method " + method + " is not allowed on this path");
    }

    static RequestProblem bodyTooLarge(String message) {
      return new RequestProblem(413, "BadRequestException", message);
    }
  }
}

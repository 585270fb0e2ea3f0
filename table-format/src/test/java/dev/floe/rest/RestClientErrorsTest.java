package dev.floe.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.codec.RestJson;
import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitFailedException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.ForbiddenException;
import dev.floe.error.InvalidInputException;
import dev.floe.error.NamespaceNotEmptyException;
import dev.floe.error.NoSuchNamespaceException;
import dev.floe.error.NoSuchTableException;
import dev.floe.error.NotAuthorizedException;
import dev.floe.error.ServiceFailureException;
import dev.floe.rest.RestMessages.ErrorResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the client reads the server's answers: the protocol's statuses as Floe's typed errors. */
class RestClientErrorsTest {
  private static byte[] body(String type, int code) {
    return RestJson.write(new ErrorResponse("the message", type, code));
  }

  @Test
  void commitsSeeConflictsAsRetryableAndServerErrorsAsUnknown() {
    assertThat(RestClient.error(409, body("CommitFailedException", 409), RestClient.Kind.COMMIT))
        .isInstanceOf(CommitFailedException.class).hasMessage("the message");
    for (int status : new int[] {500, 502, 503, 504}) {
      assertThat(RestClient.error(status, body("ServiceFailureException", status), RestClient.Kind.COMMIT))
          .isInstanceOf(CommitStateUnknownException.class).hasMessageContaining("may or may not");
    }
    // outside commits a 5xx is a plain service failure: nothing was being swapped
    assertThat(RestClient.error(503, body("ServiceUnavailableException", 503), RestClient.Kind.READ))
        .isInstanceOf(ServiceFailureException.class);
    assertThat(RestClient.error(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8),
        RestClient.Kind.COMMIT)).isInstanceOf(CommitStateUnknownException.class);
  }

  @Test
  void fourHundredsBecomeTypedErrorsWithTheServersMessage() {
    assertThat(RestClient.error(404, body("NoSuchTableException", 404), RestClient.Kind.READ))
        .isInstanceOf(NoSuchTableException.class).hasMessage("the message");
    assertThat(RestClient.error(404, body("NoSuchNamespaceException", 404), RestClient.Kind.READ))
        .isInstanceOf(NoSuchNamespaceException.class);
    assertThat(RestClient.error(409, body("AlreadyExistsException", 409), RestClient.Kind.WRITE))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(RestClient.error(409, body("NamespaceNotEmptyException", 409), RestClient.Kind.WRITE))
        .isInstanceOf(NamespaceNotEmptyException.class);
    assertThat(RestClient.error(400, body("IllegalArgumentException", 400), RestClient.Kind.WRITE))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("the message");
    assertThat(RestClient.error(401, body("NotAuthorizedException", 401), RestClient.Kind.READ))
        .isInstanceOf(NotAuthorizedException.class);
    assertThat(RestClient.error(403, body("ForbiddenException", 403), RestClient.Kind.READ))
        .isInstanceOf(ForbiddenException.class);
  }
}

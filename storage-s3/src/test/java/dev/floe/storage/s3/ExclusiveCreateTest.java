package dev.floe.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.CommitStateUnknownException;
import dev.floe.error.StorageException;
import dev.floe.io.FileIO;
import dev.floe.storage.s3.testing.FaultProxy;
import dev.floe.storage.s3.testing.FaultProxy.Request;
import dev.floe.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The commit step under the failures that make its outcome doubtful. Each case checks what the
 * caller is told against what is really on S3: "created" only if our bytes are there, "already
 * exists" only if someone else's are, "unknown" when it cannot be told — and never two creates.
 */
class ExclusiveCreateTest {
  private static final Predicate<Request> COMMIT = Request::isConditionalPut;
  private static final Predicate<Request> CHECK = r -> r.method().equals("HEAD") && r.path().endsWith("/v1.metadata.json");
  private static final byte[] OURS = "{\"ours\":true}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension final S3TestServer s3 = new S3TestServer();
  private FaultProxy proxy;
  private FileIO io;
  private String location;

  @BeforeEach
  void start() throws IOException {
    proxy = new FaultProxy(s3.endpoint());
    Map<String, String> properties = new HashMap<>(s3.properties(proxy.endpoint()));
    properties.put("s3.retry.num-retries", "3");
    properties.put("s3.retry.min-wait-ms", "1");
    properties.put("s3.retry.max-wait-ms", "10");
    properties.put("http-client.apache.socket-timeout-ms", "1000");
    io = new S3FileIO(properties);
    location = s3.location("t/metadata/v1.metadata.json");
  }

  @AfterEach
  void stop() throws IOException {
    io.close();
    proxy.close();
  }

  private byte[] stored() {
    return s3.admin().getObjectAsBytes(b -> b.bucket(s3.bucket()).key("t/metadata/v1.metadata.json")).asByteArray();
  }

  private void create() {
    io.newOutputFile(location).createExclusive(OURS);
  }

  @Test
  void aLostAnswerAfterTheCreateLandedIsResolvedAsCreatedByReadingTheTokenBack() {
    proxy.inject(new FaultProxy.DropResponse(), COMMIT, 1);

    create();

    assertThat(stored()).isEqualTo(OURS);
    assertThat(proxy.count(COMMIT)).as("the create is not sent again once it is known to have landed").isEqualTo(1);
    assertThat(proxy.count(CHECK)).isEqualTo(1);
  }

  @Test
  void aTimeoutWhileTheServerHoldsTheAnswerIsResolvedTheSameWay() {
    proxy.inject(new FaultProxy.StallResponse(), COMMIT, 1);

    create();

    assertThat(stored()).isEqualTo(OURS);
    assertThat(proxy.count(COMMIT)).isEqualTo(1);
  }

  @Test
  void aDelayedDuplicateOfOurCreateTurnsTheRetryInto412ForOurOwnObject() {
    // the first create is held by the network and delivered just before our retry: the retry
    // then gets 412, as an SDK retry of a landed PUT would, and the token says it is ours
    proxy.inject(new FaultProxy.DeliverLater(), COMMIT, 1);

    create();

    assertThat(stored()).isEqualTo(OURS);
    assertThat(proxy.count(COMMIT)).isEqualTo(2);
  }

  @Test
  void aConnectionResetHalfwayThroughTheUploadIsRetriedAfterCheckingNothingLanded() {
    proxy.inject(new FaultProxy.ResetAfterBodyBytes(5), COMMIT, 1);

    create();

    assertThat(stored()).isEqualTo(OURS);
    assertThat(proxy.count(COMMIT)).isEqualTo(2);
    assertThat(proxy.count(CHECK)).isEqualTo(1);
  }

  @Test
  void throttlingAndConditionalConflictsAreRetried() {
    proxy.inject(FaultProxy.SLOW_DOWN, COMMIT, 2);
    proxy.inject(new FaultProxy.Respond(409, "ConditionalRequestConflict"), COMMIT, 1);

    create();

    assertThat(stored()).isEqualTo(OURS);
    assertThat(proxy.count(COMMIT)).isEqualTo(4);
  }

  @Test
  void someoneElsesObjectIsAlreadyExistsAndStaysUntouched() {
    byte[] theirs = "{\"theirs\":true}".getBytes(StandardCharsets.UTF_8);
    io.newOutputFile(location).createExclusive(theirs);

    assertThatThrownBy(this::create).isInstanceOf(AlreadyExistsException.class);
    assertThat(stored()).isEqualTo(theirs);
  }

  @Test
  void anotherWriterWinningWhileOurAnswerWasLostIsAlreadyExists() {
    // our create breaks off before it lands; before we look, another writer creates the file
    byte[] theirs = "{\"theirs\":true}".getBytes(StandardCharsets.UTF_8);
    proxy.inject(new FaultProxy.ResetAfterBodyBytes(5), COMMIT, 1);
    proxy.inject(new FaultProxy.RunFirst(() -> s3.admin().putObject(
        b -> b.bucket(s3.bucket()).key("t/metadata/v1.metadata.json"), RequestBody.fromBytes(theirs))), CHECK, 1);

    assertThatThrownBy(this::create).isInstanceOf(AlreadyExistsException.class);
    assertThat(stored()).isEqualTo(theirs);
  }

  @Test
  void whenTheCheckFailsTooTheOutcomeIsUnknown() {
    proxy.inject(new FaultProxy.DropResponse(), COMMIT, 1);
    proxy.inject(FaultProxy.INTERNAL_ERROR, CHECK, FaultProxy.FOREVER);

    assertThatThrownBy(this::create).isInstanceOf(CommitStateUnknownException.class)
        .hasMessageContaining("cannot tell whether").hasMessageContaining(location);
    assertThat(stored()).as("it did land: unknown was the honest answer").isEqualTo(OURS);
  }

  @Test
  void attemptsRunningOutWhileOneMayStillLandIsUnknown() {
    proxy.inject(FaultProxy.INTERNAL_ERROR, COMMIT, FaultProxy.FOREVER);

    assertThatThrownBy(this::create).isInstanceOf(CommitStateUnknownException.class);
    assertThat(proxy.count(COMMIT)).isEqualTo(4);
  }

  @Test
  void aRejectedCreateIsAPlainStorageErrorAndIsNotRepeated() {
    proxy.inject(new FaultProxy.Respond(403, "AccessDenied"), COMMIT, FaultProxy.FOREVER);

    assertThatThrownBy(this::create).isInstanceOf(StorageException.class)
        .isNotInstanceOf(CommitStateUnknownException.class).hasMessageContaining("403 AccessDenied");
    assertThat(proxy.count(COMMIT)).isEqualTo(1);
    assertThat(io.newInputFile(location).exists()).isFalse();
  }
}

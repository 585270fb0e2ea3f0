package dev.floe.storage.s3.testing;

import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The S3 server of {@link S3TestServer} as LocalStack in Docker ({@code -Plocalstack}). One
 * container serves every test of the JVM (each test gets its own bucket); where Docker is
 * missing, the tests are skipped, not failed.
 */
public final class LocalStackBackend implements S3TestServer.Backend {
  private static final String IMAGE = System.getProperty("floe.localstack.image", "localstack/localstack:4.4");
  private static LocalStackContainer container;

  private static synchronized LocalStackContainer container() {
    if (container == null) {
      Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
          "Docker is not available: the LocalStack run of the S3 tests is skipped");
      container = new LocalStackContainer(IMAGE).withServices("s3");
      container.start(); // stopped with the JVM by Testcontainers' reaper
    }
    return container;
  }

  @Override
  public URI start(ExtensionContext context) {
    return container().getEndpoint();
  }

  @Override
  public void stop(ExtensionContext context) {
    // the container outlives a test; its buckets are unique per test
  }

  @Override
  public String accessKey() {
    return container().getAccessKey();
  }

  @Override
  public String secretKey() {
    return container().getSecretKey();
  }
}

package dev.floe.storage.s3.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A real S3 protocol server for one test, with an empty bucket: S3Proxy in-process on 127.0.0.1
 * (ephemeral port, filesystem backend, SigV4 credentials), started before each test and stopped
 * after it. Register it per test instance:
 *
 * <pre>{@code @RegisterExtension final S3TestServer s3 = new S3TestServer();}</pre>
 *
 * <p>With {@code -Dfloe.s3.backend=localstack} (the {@code localstack} Maven profile) the same
 * tests run against LocalStack in Docker instead, and are skipped where Docker is missing.
 */
public final class S3TestServer implements BeforeEachCallback, AfterEachCallback {
  public static final String ACCESS_KEY = "floe-access";
  public static final String SECRET_KEY = "floe-secret";
  public static final String REGION = "us-east-1";

  /** Where the S3 server comes from: S3Proxy in-process, or a container. */
  public interface Backend {
    URI start(ExtensionContext context) throws Exception;

    void stop(ExtensionContext context);

    String accessKey();

    String secretKey();
  }

  private final Backend backend = chooseBackend();
  private final String bucket = "floe-" + UUID.randomUUID().toString().substring(0, 8);
  private URI endpoint;
  private S3Client admin;

  private static Backend chooseBackend() {
    if (!"localstack".equals(System.getProperty("floe.s3.backend"))) {
      return new S3ProxyBackend();
    }
    try {
      // compiled only by the localstack profile, which also brings Testcontainers
      return (Backend) Class.forName("dev.floe.storage.s3.testing.LocalStackBackend").getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("floe.s3.backend=localstack needs the localstack Maven profile", e);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    endpoint = backend.start(context);
    admin = client(endpoint);
    admin.createBucket(b -> b.bucket(bucket));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (admin != null) {
      admin.close();
    }
    backend.stop(context);
  }

  /** The server's endpoint (for a fault proxy to sit in front of). */
  public URI endpoint() {
    return endpoint;
  }

  public String bucket() {
    return bucket;
  }

  /** {@code s3://<bucket>/<path>}. */
  public String location(String path) {
    return "s3://" + bucket + "/" + path;
  }

  /** FileIO properties that reach this server directly. */
  public Map<String, String> properties() {
    return properties(endpoint);
  }

  /** FileIO properties that reach this server through another endpoint, e.g. a fault proxy. */
  public Map<String, String> properties(URI via) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("s3.endpoint", via.toString());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", backend.accessKey());
    p.put("s3.secret-access-key", backend.secretKey());
    p.put("s3.region", REGION);
    return p;
  }

  /** The same properties as {@code --conf key=value} arguments of the floe command. */
  public List<String> confArguments() {
    return properties().entrySet().stream().flatMap(e -> java.util.stream.Stream.of("--conf", e.getKey() + "=" + e.getValue()))
        .toList();
  }

  /** A plain SDK client to look behind the FileIO's back (listing uploads, reading metadata). */
  public S3Client admin() {
    return admin;
  }

  /** Multipart uploads that were started and neither completed nor aborted. */
  public List<MultipartUpload> pendingUploads() {
    return admin.listMultipartUploads(b -> b.bucket(bucket)).uploads();
  }

  private S3Client client(URI uri) {
    return S3Client.builder()
        .endpointOverride(uri)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(backend.accessKey(), backend.secretKey())))
        .build();
  }

  /** S3Proxy's own JUnit 5 extension, one server per test; its filesystem backend lives in a temp dir. */
  private static final class S3ProxyBackend implements Backend {
    private final S3ProxyExtension proxy = S3ProxyExtension.builder()
        .withCredentials(ACCESS_KEY, SECRET_KEY)
        .withBlobStoreProvider("filesystem")
        .build();

    @Override
    public URI start(ExtensionContext context) throws Exception {
      proxy.beforeEach(context);
      return proxy.getUri();
    }

    @Override
    public void stop(ExtensionContext context) {
      proxy.afterEach(context);
    }

    @Override
    public String accessKey() {
      return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
      return SECRET_KEY;
    }
  }
}

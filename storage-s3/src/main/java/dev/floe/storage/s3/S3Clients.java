package dev.floe.storage.s3;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The two S3 clients a FileIO uses, over one pool of HTTP connections: {@link #retrying()} for
 * calls that are safe to repeat (reads, listings, plain writes of unique names, deletes), with
 * backoff on throttling and transient errors; {@link #singleAttempt()} for the conditional
 * commit, which the SDK must never re-send on its own (a re-sent PUT whose first attempt landed
 * comes back as 412 and would look like a lost race, see {@link ExclusiveCreate}).
 */
final class S3Clients implements AutoCloseable {
  private final SdkHttpClient http;
  private final S3Client retrying;
  private final S3Client singleAttempt;

  private S3Clients(SdkHttpClient http, S3Client retrying, S3Client singleAttempt) {
    this.http = http;
    this.retrying = retrying;
    this.singleAttempt = singleAttempt;
  }

  static S3Clients create(S3Properties properties) {
    ApacheHttpClient.Builder httpBuilder = ApacheHttpClient.builder()
        .maxConnections(properties.http().maxConnections());
    properties.http().socketTimeout().ifPresent(httpBuilder::socketTimeout);
    properties.http().connectionTimeout().ifPresent(httpBuilder::connectionTimeout);
    SdkHttpClient http = httpBuilder.build();
    try {
      S3Client retrying = builder(properties, http, retryStrategy(properties.retry())).build();
      S3Client singleAttempt = builder(properties, http, AwsRetryStrategy.doNotRetry()).build();
      return new S3Clients(http, retrying, singleAttempt);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  S3Client retrying() {
    return retrying;
  }

  S3Client singleAttempt() {
    return singleAttempt;
  }

  private static RetryStrategy retryStrategy(S3Properties.Retry retry) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(retry.minWait(), retry.maxWait());
    // No circuit breaker: attempts are already bounded, and a drained retry quota would turn a
    // burst of throttling into failures that a patient retry would have absorbed.
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(retry.numRetries() + 1)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
  }

  private static S3ClientBuilder builder(S3Properties properties, SdkHttpClient http, RetryStrategy retryStrategy) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(http)
        .credentialsProvider(credentials(properties))
        .forcePathStyle(properties.pathStyleAccess())
        .overrideConfiguration(c -> c.retryStrategy(retryStrategy));
    properties.endpoint().ifPresent(builder::endpointOverride);
    region(properties).ifPresent(builder::region);
    return builder;
  }

  /**
   * The configured region; with a custom endpoint and no region, us-east-1 (S3-compatible stores
   * ignore it, and probing the SDK's chain could reach for instance metadata that is not there);
   * otherwise the SDK's default region chain decides.
   */
  private static Optional<Region> region(S3Properties properties) {
    if (properties.region().isPresent()) {
      return properties.region().map(Region::of);
    }
    return properties.endpoint().map(ignored -> Region.US_EAST_1);
  }

  private static AwsCredentialsProvider credentials(S3Properties properties) {
    if (properties.credentials().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    S3Properties.Credentials c = properties.credentials().get();
    AwsCredentials credentials = c.sessionToken().isPresent()
        ? AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken().get())
        : AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey());
    return StaticCredentialsProvider.create(credentials);
  }

  @Override
  public void close() {
    retrying.close();
    singleAttempt.close();
    http.close(); // shared by both clients, which do not close a client they were handed
  }
}

package dev.floe.storage.s3;

import dev.floe.error.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * An object location {@code s3://bucket/key} (or {@code s3a://}), parsed once and validated. The
 * key is taken literally, without percent-decoding, so the name a table writes into its metadata
 * is exactly the key on S3. The scheme is kept so listed locations are spelled like the prefix
 * that was asked for.
 */
record S3Location(String scheme, String bucket, String key) {
  static final Set<String> SCHEMES = Set.of("s3", "s3a");

  S3Location {
    if (bucket.isEmpty()) {
      throw new InvalidInputException("location", "no bucket in " + scheme + "://" + bucket + "/" + key);
    }
  }

  static S3Location parse(String location) {
    int colon = location == null ? -1 : location.indexOf("://");
    String scheme = colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new InvalidInputException("location", "not an S3 location: " + location
          + " (expected s3://bucket/key)");
    }
    String rest = location.substring(colon + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new InvalidInputException("location", "no bucket in " + location + " (expected s3://bucket/key)");
    }
    return new S3Location(scheme, bucket, key);
  }

  /** The location of an object, for a parsed prefix; validates that it names an object. */
  static S3Location object(String location) {
    S3Location parsed = parse(location);
    if (parsed.key.isEmpty() || parsed.key.endsWith("/")) {
      throw new InvalidInputException("location", "not an object location (no key, or it ends in '/'): " + location);
    }
    return parsed;
  }

  /**
   * The key prefix that lists everything "inside" this location as a directory: {@code t} and
   * {@code t/} both list {@code t/...} but not the sibling {@code t2/...}.
   */
  String directoryPrefix() {
    if (key.isEmpty() || key.endsWith("/")) {
      return key;
    }
    return key + "/";
  }

  @Override
  public String toString() {
    return scheme + "://" + bucket + "/" + key;
  }
}

package dev.floe.storage.s3;

import dev.floe.io.FileIO;
import dev.floe.io.FileIOProvider;
import java.util.Map;
import java.util.Set;

/** Serves {@code s3://} and {@code s3a://} locations; properties as in {@link S3Properties}. */
public final class S3FileIOProvider implements FileIOProvider {
  @Override
  public Set<String> schemes() {
    return S3Location.SCHEMES;
  }

  @Override
  public FileIO create(Map<String, String> properties) {
    return new S3FileIO(properties);
  }
}

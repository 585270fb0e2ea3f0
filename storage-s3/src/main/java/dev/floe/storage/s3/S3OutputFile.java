package dev.floe.storage.s3;

import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import dev.floe.io.PositionOutputStream;

final class S3OutputFile implements OutputFile {
  private final S3Context context;
  private final String location;
  private final S3Location object;

  S3OutputFile(S3Context context, String location) {
    this.context = context;
    this.location = location;
    this.object = S3Location.object(location);
  }

  @Override
  public String location() {
    return location;
  }

  /** The object appears, complete, when the stream is closed; a PUT replaces any object of that name. */
  @Override
  public PositionOutputStream create() {
    return new S3OutputStream(context, location, object);
  }

  @Override
  public void createExclusive(byte[] content) {
    new ExclusiveCreate(context, location, object, content.clone()).run();
  }

  @Override
  public InputFile toInputFile() {
    return new S3InputFile(context, location);
  }
}

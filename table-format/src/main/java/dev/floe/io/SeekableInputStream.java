package dev.floe.io;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that can jump to a position: what Parquet footers and column chunks need. */
public abstract class SeekableInputStream extends InputStream {
  public abstract long position() throws IOException;

  public abstract void seek(long newPosition) throws IOException;
}

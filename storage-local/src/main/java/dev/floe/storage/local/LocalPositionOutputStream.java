package dev.floe.storage.local;

import dev.floe.io.PositionOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Buffered writes; close() fsyncs the file and its directory, since a commit may reference it next. */
final class LocalPositionOutputStream extends PositionOutputStream {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Path path;
  private final FileChannel channel;
  private final OutputStream out;
  private long written;
  private boolean closed;

  LocalPositionOutputStream(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
  }

  @Override
  public long position() {
    return written;
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    out.write(b);
    written++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    out.write(b, off, len);
    written += len;
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      out.flush();
      channel.force(true);
    }
    Dirs.fsync(path.getParent());
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed: " + path);
    }
  }
}

package dev.floe.storage.local;

import dev.floe.io.PositionalInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional channel reads through a small buffer (see {@link PositionalInputStream}). */
final class LocalSeekableInputStream extends PositionalInputStream {
  private static final int BUFFER_SIZE = 16 * 1024;

  private final FileChannel channel;

  LocalSeekableInputStream(String location, FileChannel channel) {
    super(location, BUFFER_SIZE);
    this.channel = channel;
  }

  /** Reads until the target is full or the file ends. */
  @Override
  protected int readAt(long position, byte[] target, int off, int len) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(target, off, len);
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  @Override
  protected long size() throws IOException {
    return channel.size();
  }

  @Override
  protected void release() throws IOException {
    channel.close();
  }
}

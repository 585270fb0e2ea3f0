package dev.floe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg's FileIO over plain java.nio on local paths: no Hadoop FileSystem, no checksum side
 * files, no forked chmod. Part of the "lean" Iceberg setup, so that Iceberg is measured at its
 * best on a local disk.
 */
final class IcebergLocalFileIO implements FileIO {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER = 64 * 1024;

  static Path path(String location) {
    return Path.of(location.startsWith("file:") ? java.net.URI.create(location).getPath() : location);
  }

  @Override
  public InputFile newInputFile(String location) {
    return new LocalIn(location);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new LocalOut(location);
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(path(location));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class LocalIn implements InputFile {
    private final String location;

    LocalIn(String location) {
      this.location = location;
    }

    @Override
    public long getLength() {
      try {
        return Files.size(path(location));
      } catch (NoSuchFileException e) {
        throw new NotFoundException(e, "File does not exist: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public SeekableInputStream newStream() {
      try {
        return new ChannelIn(FileChannel.open(path(location), StandardOpenOption.READ));
      } catch (NoSuchFileException e) {
        throw new NotFoundException(e, "File does not exist: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean exists() {
      return Files.exists(path(location));
    }
  }

  private static final class LocalOut implements OutputFile {
    private final String location;

    LocalOut(String location) {
      this.location = location;
    }

    @Override
    public PositionOutputStream create() {
      return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... how) {
      Path p = path(location);
      try {
        Files.createDirectories(p.getParent());
        StandardOpenOption[] options = java.util.Arrays.copyOf(how, how.length + 1);
        options[how.length] = StandardOpenOption.WRITE;
        return new ChannelOut(FileChannel.open(p, options));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new AlreadyExistsException(e, "File already exists: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public InputFile toInputFile() {
      return new LocalIn(location);
    }
  }

  /** Buffered reads at a position; a seek inside the buffer costs nothing. */
  private static final class ChannelIn extends SeekableInputStream {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long bufferStart;
    private long pos;

    ChannelIn(FileChannel channel) {
      this.channel = channel;
      buffer.limit(0);
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) {
      pos = newPos;
    }

    private boolean fill() throws IOException {
      long inBuffer = pos - bufferStart;
      if (inBuffer >= 0 && inBuffer < buffer.limit()) {
        buffer.position((int) inBuffer);
        return true;
      }
      buffer.clear();
      int n = channel.read(buffer, pos);
      buffer.flip();
      bufferStart = pos;
      return n > 0;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      pos++;
      return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (len >= BUFFER) {
        // large reads (Parquet column chunks) go straight to the caller's array
        int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
        if (n > 0) {
          pos += n;
        }
        return n;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long size = channel.size();
      long skipped = Math.max(0, Math.min(n, size - pos));
      pos += skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - pos));
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static final class ChannelOut extends PositionOutputStream {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private long pos;

    ChannelOut(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      if (!buffer.hasRemaining()) {
        flushBuffer();
      }
      buffer.put((byte) b);
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > buffer.remaining()) {
        flushBuffer();
      }
      if (len >= BUFFER) {
        ByteBuffer direct = ByteBuffer.wrap(b, off, len);
        while (direct.hasRemaining()) {
          channel.write(direct);
        }
      } else {
        buffer.put(b, off, len);
      }
      pos += len;
    }

    private void flushBuffer() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void flush() throws IOException {
      flushBuffer();
    }

    @Override
    public void close() throws IOException {
      if (channel.isOpen()) {
        flushBuffer();
        channel.close();
      }
    }
  }
}

package dev.floe.testing;

import dev.floe.error.AlreadyExistsException;
import dev.floe.error.NotFoundException;
import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import dev.floe.io.PositionOutputStream;
import dev.floe.io.SeekableInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A FileIO that keeps files in memory, honouring the whole FileIO contract (exclusive create is
 * atomic through putIfAbsent). For table-format's own unit tests; end-to-end tests use real disks.
 */
public final class InMemoryFileIO implements FileIO {
  private record Stored(byte[] bytes, long modifiedMillis) {}

  private final Map<String, Stored> files = new ConcurrentHashMap<>();

  public int fileCount() {
    return files.size();
  }

  public boolean exists(String location) {
    return files.containsKey(location);
  }

  @Override
  public InputFile newInputFile(String location) {
    return new InputFile() {
      public String location() { return location; }

      public long length() {
        return stored().bytes.length;
      }

      public boolean exists() {
        return files.containsKey(location);
      }

      private Stored stored() {
        Stored s = files.get(location);
        if (s == null) {
          throw new NotFoundException("file not found: " + location);
        }
        return s;
      }

      public SeekableInputStream newStream() {
        byte[] data = stored().bytes;
        return new SeekableInputStream() {
          private int pos;

          public long position() { return pos; }

          public void seek(long newPosition) throws EOFException {
            if (newPosition < 0 || newPosition > data.length) {
              throw new EOFException("seek past end: " + newPosition);
            }
            pos = (int) newPosition;
          }

          public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
          }

          public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
              return -1;
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
          }
        };
      }
    };
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new OutputFile() {
      public String location() { return location; }

      public PositionOutputStream create() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new PositionOutputStream() {
          public long position() { return buffer.size(); }

          public void write(int b) { buffer.write(b); }

          public void write(byte[] b, int off, int len) { buffer.write(b, off, len); }

          public void close() {
            files.put(location, new Stored(buffer.toByteArray(), System.currentTimeMillis()));
          }
        };
      }

      public void createExclusive(byte[] content) {
        if (files.putIfAbsent(location, new Stored(content.clone(), System.currentTimeMillis())) != null) {
          throw new AlreadyExistsException("file exists: " + location);
        }
      }

      public InputFile toInputFile() {
        return newInputFile(location);
      }
    };
  }

  @Override
  public void delete(String location) {
    files.remove(location);
  }

  @Override
  public List<FileInfo> list(String prefix) {
    // the prefix is a directory: "t" must not match "t2/x"
    String dir = prefix.endsWith("/") ? prefix : prefix + "/";
    List<FileInfo> out = new ArrayList<>();
    files.forEach((k, v) -> {
      if (k.startsWith(dir)) {
        out.add(new FileInfo(k, v.bytes.length, v.modifiedMillis));
      }
    });
    return out;
  }
}

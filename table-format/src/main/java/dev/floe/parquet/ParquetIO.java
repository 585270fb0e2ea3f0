package dev.floe.parquet;

import dev.floe.error.CorruptFileException;
import dev.floe.error.FloeException;
import dev.floe.error.StorageException;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import java.io.EOFException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Bridges Floe's storage interfaces to parquet-java's, and parquet-java's failures to Floe's
 * typed exceptions. Hadoop appears only as the {@link Configuration} that parquet-hadoop's codec
 * factory insists on; it is created without default resources so no XML is parsed per file.
 */
final class ParquetIO {
  private ParquetIO() {}

  /** A fresh, empty Hadoop configuration (cheap: loads no default resource files). */
  static Configuration newConf() {
    return new Configuration(false);
  }

  private static final Configuration READ_CONF = newConf();

  /** Opens a Parquet file for reading; failures become StorageException or CorruptFileException. */
  static ParquetFileReader open(InputFile file) {
    ParquetReadOptions options = new ParquetReadOptions.Builder(new HadoopParquetConfiguration(READ_CONF))
        .useStatsFilter(false)
        .useDictionaryFilter(false)
        .useRecordFilter(false)
        .useColumnIndexFilter(false)
        .useBloomFilter(false)
        .withCodecFactory(new CodecFactory(READ_CONF, 0))
        .build();
    try {
      return ParquetFileReader.open(input(file), options);
    } catch (IOException | RuntimeException e) {
      throw readFailure(file.location(), e);
    }
  }

  /**
   * Classifies a failure while reading: Floe's own exceptions pass through, an I/O error of the
   * underlying storage becomes StorageException, anything else means the bytes are not a
   * readable Parquet file.
   */
  static FloeException readFailure(String location, Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof FloeException fe) {
        return fe;
      }
      if (c instanceof StorageIOException s) {
        return new StorageException("cannot read " + location + ": " + s.getCause().getMessage(), s.getCause());
      }
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CorruptFileException("cannot read Parquet file " + location + ": " + reason, e);
  }

  /** Marks an I/O error raised by the storage itself, as opposed to by Parquet's decoding. */
  static final class StorageIOException extends IOException {
    StorageIOException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  static org.apache.parquet.io.InputFile input(InputFile file) {
    return new org.apache.parquet.io.InputFile() {
      private long length = -1;

      @Override
      public long getLength() {
        if (length < 0) {
          length = file.length();
        }
        return length;
      }

      @Override
      public SeekableInputStream newStream() {
        dev.floe.io.SeekableInputStream in = file.newStream();
        return new DelegatingSeekableInputStream(in) {
          @Override
          public long getPos() throws IOException {
            try {
              return in.position();
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public void seek(long newPos) throws IOException {
            try {
              in.seek(newPos);
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public int read() throws IOException {
            try {
              return super.read();
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            try {
              return super.read(b, off, len);
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
          }

          @Override
          public void readFully(byte[] bytes, int start, int len) throws IOException {
            try {
              super.readFully(bytes, start, len);
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public void readFully(java.nio.ByteBuffer buf) throws IOException {
            try {
              super.readFully(buf);
            } catch (IOException e) {
              throw wrap(e);
            }
          }

          @Override
          public int read(java.nio.ByteBuffer buf) throws IOException {
            try {
              return super.read(buf);
            } catch (IOException e) {
              throw wrap(e);
            }
          }
        };
      }

      @Override
      public String toString() {
        return file.location();
      }
    };
  }

  /** End of data is a property of the file (truncated), anything else is the storage failing. */
  private static IOException wrap(IOException e) {
    if (e instanceof EOFException || e instanceof StorageIOException) {
      return e;
    }
    return new StorageIOException(e);
  }

  /** A Parquet OutputFile over a Floe OutputFile; remembers the stream to learn the final size. */
  static final class Output implements org.apache.parquet.io.OutputFile {
    private final OutputFile file;
    private dev.floe.io.PositionOutputStream stream;
    private long closedLength = -1;

    Output(OutputFile file) {
      this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      dev.floe.io.PositionOutputStream out = file.create();
      this.stream = out;
      return new PositionOutputStream() {
        @Override
        public long getPos() throws IOException {
          return out.position();
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          long end = out.position();
          out.close();
          closedLength = end;
        }
      };
    }

    /** Closes the underlying stream as it is, ignoring errors; for giving up on a failed file. */
    void abort() {
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException | RuntimeException ignored) {
          // the write already failed; that error is the one reported
        }
      }
    }

    /** Bytes written to the file so far (all of it, once closed). */
    long position() throws IOException {
      if (closedLength >= 0) {
        return closedLength;
      }
      return stream == null ? 0 : stream.position();
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return file.location();
    }
  }
}

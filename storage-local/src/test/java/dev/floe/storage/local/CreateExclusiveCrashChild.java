package dev.floe.storage.local;

import dev.floe.error.AlreadyExistsException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Run in a child JVM by {@link CreateExclusiveCrashTest}: commits v1.json, v2.json, ... into a
 * directory from several racing threads (a version that exists is skipped), printing "committed N"
 * for each won, until killed.
 * Each file is [8-byte length][8-byte CRC32 of the payload][payload] so a partial one is detectable.
 */
public final class CreateExclusiveCrashChild {
  private static final int WRITERS = 4;

  private CreateExclusiveCrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    // stop if the test JVM goes away instead of killing us
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // keep reading until the parent closes the pipe
        }
      } catch (java.io.IOException ignored) {
        // the parent is gone
      }
      System.exit(3);
    });
    watchdog.setDaemon(true);
    watchdog.start();

    // several racing writers: whenever the kill lands, some are writing, fsyncing or linking
    LocalFileIO io = new LocalFileIO();
    for (int w = 0; w < WRITERS; w++) {
      new Thread(() -> commitForever(io, dir)).start();
    }
  }

  private static void commitForever(LocalFileIO io, Path dir) {
    Random random = new Random();
    for (int version = 1; version < 100_000; version++) {
      byte[] content = content(random, 1 + random.nextInt(2 * 1024 * 1024));
      try {
        io.newOutputFile(dir.resolve("v" + version + ".json").toString()).createExclusive(content);
        synchronized (System.out) {
          System.out.println("committed " + version);
          System.out.flush();
        }
      } catch (AlreadyExistsException lost) {
        // another writer, or this process before an earlier kill, committed it: go on to the next
      }
    }
  }

  static byte[] content(Random random, int payloadSize) {
    byte[] payload = new byte[payloadSize];
    random.nextBytes(payload);
    CRC32 crc = new CRC32();
    crc.update(payload);
    return ByteBuffer.allocate(16 + payloadSize).putLong(16L + payloadSize).putLong(crc.getValue()).put(payload).array();
  }

  /** True if the bytes are one whole file as written by {@link #content}. */
  static boolean isComplete(byte[] bytes) {
    if (bytes.length < 16) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long length = buffer.getLong();
    long expectedCrc = buffer.getLong();
    CRC32 crc = new CRC32();
    crc.update(bytes, 16, bytes.length - 16);
    return length == bytes.length && crc.getValue() == expectedCrc;
  }
}

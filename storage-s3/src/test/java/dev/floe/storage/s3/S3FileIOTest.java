package dev.floe.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.error.BulkDeleteException;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.PositionOutputStream;
import dev.floe.io.SeekableInputStream;
import dev.floe.storage.s3.testing.FaultProxy;
import dev.floe.storage.s3.testing.FaultProxy.Request;
import dev.floe.storage.s3.testing.S3TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What S3 adds to the storage contract, observed on the wire through a (pass-through unless told
 * otherwise) proxy: paging, batch sizes, ranged reads, multipart uploads and their abort.
 */
class S3FileIOTest {
  private static final int MIB = 1024 * 1024;
  private static final Predicate<Request> LIST = r -> r.method().equals("GET") && r.query().contains("list-type=2");
  private static final Predicate<Request> BULK_DELETE = r -> r.method().equals("POST") && r.query().contains("delete");

  @RegisterExtension final S3TestServer s3 = new S3TestServer();
  private FaultProxy proxy;
  private final List<FileIO> opened = new ArrayList<>();

  @BeforeEach
  void startProxy() throws IOException {
    proxy = new FaultProxy(s3.endpoint());
  }

  @AfterEach
  void stop() throws IOException {
    opened.forEach(FileIO::close);
    proxy.close();
  }

  private FileIO io(String... keyValues) {
    Map<String, String> properties = new HashMap<>(s3.properties(proxy.endpoint()));
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    FileIO io = FileIOs.forLocation(s3.location(""), properties);
    opened.add(io);
    return io;
  }

  private static void write(FileIO io, String location, byte[] content) throws IOException {
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write(content);
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static Predicate<Request> on(String keySuffix) {
    return r -> r.path().endsWith(keySuffix);
  }

  @Test
  void bothSchemesReachTheSameObjects() throws IOException {
    FileIO io = io();
    assertThat(io).isInstanceOf(S3FileIO.class);
    write(io, s3.location("a/x.bin"), new byte[] {1, 2, 3});
    assertThat(io.newInputFile("s3a://" + s3.bucket() + "/a/x.bin").readAllBytes()).containsExactly(1, 2, 3);
    assertThat(io.list("s3a://" + s3.bucket() + "/a")).extracting(FileInfo::location)
        .containsExactly("s3a://" + s3.bucket() + "/a/x.bin");
  }

  @Test
  void listingPagesPastAThousandObjectsAndBulkDeletesGoAThousandKeysPerRequest() throws Exception {
    FileIO io = io();
    int objects = 1_050;
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      locations.add(s3.location("t/data/p=" + (i % 7) + "/f-" + i + ".parquet"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (String location : locations) {
        writes.add(pool.submit(() -> {
          write(io, location, new byte[3]);
          return null;
        }));
      }
      for (Future<?> f : writes) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<FileInfo> listed = io.list(s3.location("t/"));
    assertThat(listed).extracting(FileInfo::location).containsExactlyInAnyOrderElementsOf(locations);
    assertThat(listed).allSatisfy(f -> assertThat(f.size()).isEqualTo(3));
    assertThat(proxy.count(LIST)).as("ListObjectsV2 pages").isEqualTo(2);

    io.deleteAll(locations);
    assertThat(proxy.count(BULK_DELETE)).as("DeleteObjects requests").isEqualTo(2);
    assertThat(io.list(s3.location("t"))).isEmpty();
  }

  @Test
  void aBulkDeleteNamesExactlyTheKeysOfTheBatchThatFailed() throws IOException {
    FileIO io = io("s3.delete.batch-size", "10", "s3.retry.num-retries", "1", "s3.retry.min-wait-ms", "1");
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String location = s3.location("d/f" + i);
      write(io, location, new byte[1]);
      locations.add(location);
    }
    // the second batch fails on both of its attempts; the first and third go through
    AtomicInteger deletes = new AtomicInteger();
    proxy.inject(FaultProxy.INTERNAL_ERROR, r -> BULK_DELETE.test(r) && List.of(2, 3).contains(deletes.incrementAndGet()),
        FaultProxy.FOREVER);

    assertThatThrownBy(() -> io.deleteAll(locations))
        .isInstanceOfSatisfying(BulkDeleteException.class,
            e -> assertThat(e.failedLocations()).containsExactlyElementsOf(locations.subList(10, 20)))
        .hasMessageContaining("HTTP 500");
    assertThat(io.list(s3.location("d"))).extracting(FileInfo::location)
        .containsExactlyInAnyOrderElementsOf(locations.subList(10, 20));
  }

  @Test
  void smallFilesGoUpInOnePutAndLargeOnesAsParallelPartsOfOneUpload() throws IOException {
    FileIO io = io("s3.multipart.size", String.valueOf(5 * MIB), "s3.multipart.threshold", "1.0");
    write(io, s3.location("small.bin"), random(100_000, 1));
    assertThat(proxy.count(r -> r.method().equals("PUT") && r.path().endsWith("/small.bin"))).isEqualTo(1);
    assertThat(proxy.count(r -> r.query().contains("uploads"))).isZero();

    byte[] big = random(22 * MIB, 2);
    write(io, s3.location("big.bin"), big);
    assertThat(proxy.count(r -> r.method().equals("POST") && r.query().equals("uploads") && r.path().endsWith("/big.bin")))
        .as("uploads started").isEqualTo(1);
    assertThat(proxy.count(r -> r.isPartUpload() && r.path().endsWith("/big.bin"))).as("parts").isEqualTo(5);
    assertThat(proxy.count(r -> r.method().equals("PUT") && r.query().isEmpty() && r.path().endsWith("/big.bin")))
        .as("single PUTs of the big file").isZero();
    assertThat(io.newInputFile(s3.location("big.bin")).readAllBytes()).isEqualTo(big);
    assertThat(s3.pendingUploads()).isEmpty();
  }

  @Test
  void aFailingPartAbortsTheUploadSoNoPartsAreLeftBehind() {
    FileIO io = io("s3.multipart.size", String.valueOf(5 * MIB), "s3.multipart.threshold", "1.0",
        "s3.retry.num-retries", "1", "s3.retry.min-wait-ms", "1");
    // every attempt of part 3 breaks off mid-upload
    proxy.inject(new FaultProxy.ResetAfterBodyBytes(64 * 1024), r -> r.isPartUpload() && r.query().contains("partNumber=3&")
        || r.isPartUpload() && r.query().endsWith("partNumber=3"), FaultProxy.FOREVER);

    String location = s3.location("broken.bin");
    assertThatThrownBy(() -> write(io, location, random(22 * MIB, 3)))
        .isInstanceOf(IOException.class).hasMessageContaining("part");

    assertThat(s3.pendingUploads()).as("multipart uploads left open").isEmpty();
    assertThat(proxy.count(r -> r.method().equals("DELETE") && r.query().contains("uploadId="))).as("aborts").isEqualTo(1);
    assertThat(proxy.count(r -> r.method().equals("POST") && r.query().startsWith("uploadId="))).as("completes").isZero();
    assertThat(io.newInputFile(location).exists()).isFalse();
  }

  @Test
  void streamsReadBoundedRangesAndSizeTheObjectWithOneHead() throws IOException {
    FileIO io = io("s3.read-ahead.size", String.valueOf(64 * 1024));
    byte[] content = random(6 * MIB, 4);
    String location = s3.location("data/f.parquet");
    write(io, location, content);

    // a Parquet reader's pattern: length, footer length at the end, the footer, then a column chunk
    InputFile file = io.newInputFile(location);
    long length = file.length();
    try (SeekableInputStream in = file.newStream()) {
      in.seek(length - 8);
      assertThat(in.readNBytes(8)).isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
      in.seek(length - 20_000);
      assertThat(in.readNBytes(19_992)).isEqualTo(Arrays.copyOfRange(content, content.length - 20_000, content.length - 8));
      in.seek(1_000_000);
      byte[] chunk = new byte[2 * MIB];
      assertThat(in.readNBytes(chunk, 0, chunk.length)).isEqualTo(chunk.length);
      assertThat(chunk).isEqualTo(Arrays.copyOfRange(content, 1_000_000, 1_000_000 + 2 * MIB));
    }

    List<Request> gets = proxy.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/f.parquet"))
        .toList();
    assertThat(gets).isNotEmpty().allSatisfy(r -> assertThat(r.hasRange()).as("GET %s has a Range", r).isTrue());
    assertThat(gets).allSatisfy(r -> assertThat(rangeLength(r.header("range"))).isLessThanOrEqualTo(2 * MIB));
    assertThat(proxy.count(r -> r.method().equals("HEAD") && r.path().endsWith("/f.parquet"))).isEqualTo(1);
  }

  private static long rangeLength(String range) {
    String[] ends = range.substring("bytes=".length()).split("-");
    return Long.parseLong(ends[1]) - Long.parseLong(ends[0]) + 1;
  }

  @Test
  void throttlingAndConnectionResetsOfRepeatableCallsAreRetried() throws IOException {
    FileIO io = io("s3.retry.min-wait-ms", "1", "s3.retry.max-wait-ms", "20");
    FaultProxy.Rule throttled = proxy.inject(FaultProxy.SLOW_DOWN, on("/r.bin"), 3);
    byte[] content = random(300_000, 5);
    write(io, s3.location("r.bin"), content);
    FaultProxy.Rule reset = proxy.inject(new FaultProxy.ResetAfterBodyBytes(0),
        r -> r.method().equals("GET") && r.path().endsWith("/r.bin"), 2);
    FaultProxy.Rule lost = proxy.inject(new FaultProxy.DropResponse(),
        r -> r.method().equals("GET") && r.path().endsWith("/r.bin"), 2);
    assertThat(io.newInputFile(s3.location("r.bin")).readAllBytes()).isEqualTo(content);
    try (SeekableInputStream in = io.newInputFile(s3.location("r.bin")).newStream()) {
      in.seek(1234);
      assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(content, 1234, 1244));
    }
    assertThat(List.of(throttled.applied(), reset.applied(), lost.applied())).containsExactly(3, 2, 2);
  }

  @Test
  void exclusiveCreateTagsTheObjectWithAFreshCommitToken() {
    FileIO io = io();
    io.newOutputFile(s3.location("m/v1.metadata.json")).createExclusive(new byte[] {'{', '}'});
    io.newOutputFile(s3.location("m/v2.metadata.json")).createExclusive(new byte[] {'{', '}'});

    String first = s3.admin().headObject(b -> b.bucket(s3.bucket()).key("m/v1.metadata.json")).metadata()
        .get(ExclusiveCreate.TOKEN);
    String second = s3.admin().headObject(b -> b.bucket(s3.bucket()).key("m/v2.metadata.json")).metadata()
        .get(ExclusiveCreate.TOKEN);
    assertThat(first).matches("[0-9a-f-]{36}");
    assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
    assertThat(proxy.requests()).filteredOn(Request::isConditionalPut).hasSize(2)
        .allSatisfy(r -> assertThat(r.header("if-none-match")).isEqualTo("*"));
  }
}

package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.data.Record;
import dev.floe.io.FileIO;
import dev.floe.io.FileIOs;
import dev.floe.parquet.ParquetFileAppender;
import dev.floe.storage.local.LocalFileIO;
import dev.floe.types.Schema;
import dev.floe.types.Types;
import dev.floe.types.Types.NestedField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floe command end to end, in-process: every expectation is computed here from the input
 * rows the test generated, never from the command's own output. {@link FloeCommandOnS3Test}
 * runs the same commands against a warehouse on S3.
 */
class FloeCommandTest {
  static final String TABLE = "db.events";
  static final String SCHEMA = "id long not null, ts timestamp, category string, amount double";
  static final String[] CATEGORIES = {"a", "b", "c,with comma", "d \"quoted\"", "multi\nline"};
  static final LocalDateTime START = LocalDateTime.of(2026, 3, 1, 0, 0);

  @TempDir
  Path dir;

  Cli floe;
  ObjectMapper json = new ObjectMapper();

  record Event(long id, LocalDateTime ts, String category, Double amount) {}

  /** Where the tables go; input files always stay in the local temp directory. */
  String warehouse() {
    return dir.resolve("wh").toString();
  }

  /** Storage settings for the warehouse, passed as --conf. */
  Map<String, String> storage() {
    return Map.of();
  }

  @BeforeEach
  void setUp() {
    floe = new Cli(warehouse(), storage());
  }

  static List<Event> events(long firstId, int n, long seed) {
    Random r = new Random(seed);
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalDateTime ts = START.plusSeconds(r.nextInt(4 * 86_400));
      String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
      Double amount = r.nextInt(10) == 0 ? null : r.nextInt(100_000) / 100.0;
      out.add(new Event(firstId + i, ts, category, amount));
    }
    return out;
  }

  static long matching(List<Event> events, Predicate<Event> p) {
    return events.stream().filter(p).count();
  }

  static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  Path writeCsv(String name, List<Event> events) throws IOException {
    StringBuilder sb = new StringBuilder("id,ts,category,amount\n");
    int i = 0;
    for (Event e : events) {
      // alternate the two timestamp spellings people use
      String ts = (i++ % 2 == 0) ? e.ts().toString() : e.ts().toString().replace('T', ' ');
      sb.append(e.id()).append(',').append(ts).append(',').append(quote(e.category())).append(',')
          .append(e.amount() == null ? "" : e.amount().toString()).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  Path writeJsonl(String name, List<Event> events) throws IOException {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (Event e : events) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("id", e.id());
      row.put("ts", e.ts().toString());
      row.put("category", e.category());
      if (e.amount() != null) {
        row.put("amount", e.amount());
      } else if (i % 2 == 0) {
        row.put("amount", null); // explicit null; otherwise the key is left out
      }
      i++;
      sb.append(json.writeValueAsString(row)).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    return p;
  }

  /** A foreign Parquet file: other column order, other field ids, no ts column. */
  Path writeParquet(String name, List<Event> events) {
    Schema fileSchema = new Schema(0, List.of(
        NestedField.optional(7, "amount", Types.DOUBLE),
        NestedField.optional(8, "category", Types.STRING),
        NestedField.required(9, "id", Types.LONG)));
    Path p = dir.resolve(name);
    ParquetFileAppender appender = ParquetFileAppender.create(
        new LocalFileIO().newOutputFile(p.toString()), fileSchema, Map.of());
    for (Event e : events) {
      appender.add(Record.of(fileSchema.asStruct(), e.amount(), e.category(), e.id()));
    }
    appender.close();
    return p;
  }

  void createTable() {
    floe.ok("create", TABLE, "--schema", SCHEMA, "--partition-by", "day(ts)");
  }

  List<List<String>> csvRows(String out) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    com.fasterxml.jackson.dataformat.csv.CsvMapper mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
    mapper.enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY);
    try (var it = mapper.readerForListOf(String.class).<List<String>>readValues(out)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  List<List<String>> snapshots() throws IOException {
    List<List<String>> rows = csvRows(floe.ok("snapshots", TABLE, "--format", "csv"));
    return rows.subList(1, rows.size());
  }

  /** Files under the table's data directory, as the warehouse's storage lists them. */
  long dataFilesWritten() {
    try (FileIO io = FileIOs.forLocation(warehouse(), storage())) {
      return io.list(warehouse() + "/db/events/data").size();
    }
  }

  // ------------------------------------------------------------------ loading and reading

  @Test
  void createThenAppendCsvJsonAndParquetAndReadBack() throws IOException {
    createTable();
    assertThat(floe.count(TABLE)).isZero();
    assertThat(snapshots()).isEmpty();

    List<Event> csvEvents = events(1, 700, 1);
    List<Event> jsonEvents = events(1001, 500, 2);
    List<Event> parquetEvents = events(2001, 300, 3);

    Cli.Result csv = floe.run("append", TABLE, writeCsv("in.csv", csvEvents).toString());
    assertThat(csv.exitCode()).isZero();
    assertThat(csv.outLines()).hasSize(1);
    assertThat(csv.out()).startsWith("appended 700 rows from 1 input file");
    assertThat(csv.err()).isEmpty();

    floe.ok("append", TABLE, writeJsonl("in.jsonl", jsonEvents).toString());
    floe.ok("append", TABLE, writeParquet("in.parquet", parquetEvents).toString());

    List<Event> all = new ArrayList<>(csvEvents);
    all.addAll(jsonEvents);
    assertThat(floe.count(TABLE)).isEqualTo(1500);

    // filters, counted independently from the generated rows
    assertThat(floe.count(TABLE, "--where", "amount > 500 and category = 'b'"))
        .isEqualTo(matching(all, e -> e.amount() != null && e.amount() > 500 && e.category().equals("b"))
            + matching(parquetEvents, e -> e.amount() != null && e.amount() > 500 && e.category().equals("b")));
    assertThat(floe.count(TABLE, "--where", "category = 'c,with comma'"))
        .isEqualTo(matching(all, e -> e.category().equals("c,with comma"))
            + matching(parquetEvents, e -> e.category().equals("c,with comma")));
    assertThat(floe.count(TABLE, "--where", "ts is null")).isEqualTo(300);
    assertThat(floe.count(TABLE, "--where", "amount is null"))
        .isEqualTo(matching(all, e -> e.amount() == null) + matching(parquetEvents, e -> e.amount() == null));
    assertThat(floe.count(TABLE, "--where", "ts >= '2026-03-02T00:00:00' and ts < '2026-03-03T00:00:00'"))
        .isEqualTo(matching(all, e -> e.ts().toLocalDate().equals(LocalDate.of(2026, 3, 2))));

    // every loaded row comes back with its values (jsonl output)
    Map<Long, Event> byId = new java.util.HashMap<>();
    Stream.of(csvEvents, jsonEvents).flatMap(List::stream).forEach(e -> byId.put(e.id(), e));
    List<String> lines = floe.ok("scan", TABLE, "--where", "id < 2000", "--format", "jsonl").lines().toList();
    assertThat(lines).hasSize(1200);
    for (String line : lines) {
      JsonNode row = json.readTree(line);
      Event e = byId.get(row.get("id").asLong());
      assertThat(LocalDateTime.parse(row.get("ts").asText())).isEqualTo(e.ts());
      assertThat(row.get("category").asText()).isEqualTo(e.category());
      if (e.amount() == null) {
        assertThat(row.get("amount").isNull()).as("amount of %s", e.id()).isTrue();
      } else {
        assertThat(row.get("amount").asDouble()).isEqualTo(e.amount());
      }
    }
    // and the Parquet rows, matched by name
    List<String> fromParquet = floe.ok("scan", TABLE, "--where", "id >= 2001", "--format", "jsonl",
        "--select", "id,category,ts").lines().toList();
    assertThat(fromParquet).hasSize(300);
    JsonNode first = json.readTree(fromParquet.stream().filter(l -> l.startsWith("{\"id\":2001,")).findFirst().orElseThrow());
    assertThat(first.get("category").asText()).isEqualTo(parquetEvents.get(0).category());
    assertThat(first.get("ts").isNull()).isTrue();
    assertThat(first.has("amount")).isFalse();

    // csv output round-trips embedded commas, quotes and newlines
    List<List<String>> csvOut = csvRows(floe.ok("scan", TABLE, "--format", "csv", "--select", "id,category",
        "--where", "id <= 700"));
    assertThat(csvOut.get(0)).containsExactly("id", "category");
    assertThat(csvOut.subList(1, csvOut.size()))
        .extracting(r -> Long.parseLong(r.get(0)) + "|" + r.get(1))
        .containsExactlyInAnyOrderElementsOf(csvEvents.stream().map(e -> e.id() + "|" + e.category()).toList());

    // --limit
    assertThat(floe.ok("scan", TABLE, "--format", "jsonl", "--limit", "7").lines()).hasSize(7);
    assertThat(floe.ok("scan", TABLE, "--limit", "3")).endsWith("(3 rows)" + System.lineSeparator());
  }

  @Test
  void scanPrintsABoxedTableWithRightAlignedNumbers() throws IOException {
    floe.ok("create", "t", "--schema", "id long not null, name string, score double");
    Path in = dir.resolve("small.csv");
    Files.writeString(in, "id,name,score\n1,ann,9.5\n22,bob,\n333,\"c, d\",10.25\n");
    floe.ok("append", "t", in.toString());
    String nl = System.lineSeparator();
    assertThat(floe.ok("scan", "t")).isEqualTo(String.join(nl,
        "+-----+------+-------+",
        "| id  | name | score |",
        "+-----+------+-------+",
        "|   1 | ann  |   9.5 |",
        "|  22 | bob  |  null |",
        "| 333 | c, d | 10.25 |",
        "+-----+------+-------+",
        "(3 rows)") + nl);
    assertThat(floe.ok("scan", "t", "--where", "id > 1000")).isEqualTo(String.join(nl,
        "+----+------+-------+",
        "| id | name | score |",
        "+----+------+-------+",
        "(0 rows)") + nl);
    assertThat(floe.ok("scan", "t", "--where", "id = 22", "--format", "csv"))
        .isEqualTo("id,name,score" + nl + "22,bob," + nl);
    assertThat(floe.ok("scan", "t", "--where", "id = 333", "--format", "jsonl"))
        .isEqualTo("{\"id\":333,\"name\":\"c, d\",\"score\":10.25}\n");
  }

  @Test
  void nestedColumnsLoadFromJsonAndCsvAndPrintAsJson() throws IOException {
    floe.ok("create", "n", "--schema", "id int not null, tags list<string>, attrs map<string, long>,"
        + " address struct<city: string, zip: int not null>");
    Path jsonl = dir.resolve("n.jsonl");
    Files.writeString(jsonl, "{\"id\": 1, \"tags\": [\"x\", \"y\"], \"attrs\": {\"k\": 5},"
        + " \"address\": {\"city\": \"Oslo\", \"zip\": 150}}\n{\"id\": 2}\n");
    Path csv = dir.resolve("n.csv");
    Files.writeString(csv, "id,tags,address\n3,\"[\"\"z\"\"]\",\"{\"\"zip\"\": 7}\"\n");
    floe.ok("append", "n", jsonl.toString(), csv.toString());
    List<String> lines = floe.ok("scan", "n", "--format", "jsonl").lines().sorted().toList();
    assertThat(lines).containsExactly(
        "{\"id\":1,\"tags\":[\"x\",\"y\"],\"attrs\":{\"k\":5},\"address\":{\"city\":\"Oslo\",\"zip\":150}}",
        "{\"id\":2,\"tags\":null,\"attrs\":null,\"address\":null}",
        "{\"id\":3,\"tags\":[\"z\"],\"attrs\":null,\"address\":{\"city\":null,\"zip\":7}}");
  }

  @Test
  void headersIgnoreCaseAndJsonFilesMayHoldOneArray() throws IOException {
    floe.ok("create", "c", "--schema", "id long not null, price decimal(9,2), day date, ok boolean");
    Path csv = dir.resolve("c.csv");
    Files.writeString(csv, "\uFEFFID,Price,DAY,ok\n1,12.5,2026-03-01,true\n2,,,\n");
    Path jsonArray = dir.resolve("c.json");
    Files.writeString(jsonArray, "[{\"id\": 3, \"price\": 0.01, \"day\": \"2026-03-02\", \"ok\": false},\n {\"id\": 4}]");
    Cli.Result r = floe.run("append", "c", csv.toString(), jsonArray.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("appended 4 rows from 2 input files:");
    assertThat(floe.ok("scan", "c", "--format", "csv").lines().sorted().toList()).containsExactly(
        "1,12.50,2026-03-01,true", "2,,,", "3,0.01,2026-03-02,false", "4,,,", "id,price,day,ok");
    assertThat(floe.count("c", "--where", "price >= 1")).isEqualTo(1);
    assertThat(floe.count("c", "--where", "day = '2026-03-02'")).isEqualTo(1);

    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "id,price\n");
    assertThat(floe.ok("append", "c", empty.toString()).strip()).isEqualTo("no rows in the input; nothing committed");
    assertThat(csvRows(floe.ok("snapshots", "c", "--format", "csv"))).hasSize(2);
  }

  @Test
  void filesListsWhatPruningKeeps() throws IOException {
    createTable();
    List<Event> first = events(1, 600, 4);
    List<Event> second = events(1001, 400, 5);
    floe.ok("append", TABLE, writeCsv("a.csv", first).toString());
    floe.ok("append", TABLE, writeJsonl("b.jsonl", second).toString());
    List<Event> all = new ArrayList<>(first);
    all.addAll(second);

    List<List<String>> everything = csvRows(floe.ok("files", TABLE, "--format", "csv"));
    assertThat(everything.get(0)).containsExactly("path", "partition", "records", "size", "bounds");
    List<List<String>> allFiles = everything.subList(1, everything.size());
    Set<String> days = all.stream().map(e -> "ts_day=" + e.ts().toLocalDate()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(allFiles).extracting(r -> r.get(1)).isSubsetOf(days);
    assertThat(allFiles.stream().mapToLong(r -> Long.parseLong(r.get(2))).sum()).isEqualTo(1000);
    try (FileIO io = FileIOs.forLocation(warehouse(), storage())) {
      for (List<String> r : allFiles) {
        assertThat(io.newInputFile(r.get(0)).length()).as(r.get(0)).isEqualTo(Long.parseLong(r.get(3)));
        assertThat(r.get(4)).contains("id=").contains("ts=" + r.get(1).substring("ts_day=".length()));
      }
    }

    String where = "ts >= '2026-03-02T00:00:00' and ts < '2026-03-03T00:00:00'";
    List<List<String>> kept = csvRows(floe.ok("files", TABLE, "--where", where, "--format", "csv"));
    kept = kept.subList(1, kept.size());
    assertThat(kept).isNotEmpty().allSatisfy(r -> assertThat(r.get(1)).isEqualTo("ts_day=2026-03-02"));
    assertThat(kept.stream().mapToLong(r -> Long.parseLong(r.get(2))).sum())
        .isEqualTo(matching(all, e -> e.ts().toLocalDate().equals(LocalDate.of(2026, 3, 2))));

    Cli.Result table = floe.run("files", TABLE, "--where", where);
    assertThat(table.exitCode()).isZero();
    assertThat(table.err().strip()).isEqualTo(kept.size() + " of " + allFiles.size() + " files after pruning");
    assertThat(table.out()).contains("| path ").contains("data/ts_day=2026-03-02/").doesNotContain("ts_day=2026-03-01");
  }

  @Test
  void timeTravelBySnapshotIdAndTime() throws IOException {
    createTable();
    List<Event> first = events(1, 250, 6);
    List<Event> second = events(1001, 150, 7);
    floe.ok("append", TABLE, writeCsv("a.csv", first).toString());
    floe.ok("append", TABLE, writeCsv("b.csv", second).toString());

    List<List<String>> snaps = snapshots();
    assertThat(snaps).hasSize(2);
    List<String> s1 = snaps.get(0);
    List<String> s2 = snaps.get(1);
    assertThat(s1.get(1)).isEmpty();
    assertThat(s2.get(1)).isEqualTo(s1.get(0));
    assertThat(s1.subList(3, 7)).containsExactly("append", s1.get(4), "250", "250");
    assertThat(s2.subList(3, 7)).containsExactly("append", s2.get(4), "150", "400");

    assertThat(floe.count(TABLE, "--snapshot", s1.get(0))).isEqualTo(250);
    assertThat(floe.count(TABLE, "--snapshot", s2.get(0))).isEqualTo(400);
    assertThat(floe.count(TABLE)).isEqualTo(400);

    Instant t1 = Instant.parse(s1.get(2));
    assertThat(floe.count(TABLE, "--as-of", t1.toString())).isEqualTo(250);
    assertThat(floe.count(TABLE, "--as-of", String.valueOf(t1.toEpochMilli()))).isEqualTo(250);
    assertThat(floe.count(TABLE, "--as-of", t1.toString().replace("Z", ""))).isEqualTo(250);
    assertThat(floe.count(TABLE, "--as-of", "2999-01-01T00:00:00Z")).isEqualTo(400);
    assertThat(floe.count(TABLE, "--snapshot", s1.get(0), "--where", "category = 'b'"))
        .isEqualTo(matching(first, e -> e.category().equals("b")));

    List<String> old = floe.ok("scan", TABLE, "--snapshot", s1.get(0), "--format", "jsonl", "--select", "id")
        .lines().toList();
    assertThat(old).hasSize(250).allSatisfy(l -> assertThat(json.readTree(l).get("id").asLong()).isLessThan(1001));

    Cli.Result before = floe.run("count", TABLE, "--as-of", "2000-01-01T00:00:00Z");
    assertThat(before.exitCode()).isEqualTo(1);
    assertThat(before.errLines()).hasSize(1);
  }

  @Test
  void snapshotsTableFormat() throws IOException {
    createTable();
    floe.ok("append", TABLE, writeCsv("a.csv", events(1, 10, 8)).toString());
    String out = floe.ok("snapshots", TABLE);
    assertThat(out.lines().toList().get(1)).contains("snapshot_id").contains("parent_id").contains("time")
        .contains("operation").contains("added_files").contains("added_records").contains("total_records");
    assertThat(out).contains("| append ").containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:[\\d.]+Z");
  }

  // ------------------------------------------------------------------ failures

  record State(int snapshots, long rows, long dataFiles) {}

  State state() throws IOException {
    return new State(snapshots().size(), floe.count(TABLE), dataFilesWritten());
  }

  void assertFailsCleanly(State before, int exitCode, String[] args, String... messageParts) throws IOException {
    Cli.Result r = floe.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(exitCode);
    assertThat(r.errLines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("floe: error: ").doesNotContain("\tat ");
    for (String part : messageParts) {
      assertThat(r.err()).contains(part);
    }
    assertThat(r.out()).isEmpty();
    assertThat(state()).isEqualTo(before);
  }

  State loadedTable() throws IOException {
    createTable();
    floe.ok("append", TABLE, writeCsv("good.csv", events(1, 300, 9)).toString());
    return state();
  }

  @Test
  void wrongTypedCsvValueCommitsNothingAndDeletesWrittenFiles() throws IOException {
    State before = loadedTable();
    Path good = writeCsv("more.csv", events(501, 400, 10));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "id,ts,category,amount\n"
        + "1001,2026-03-01T00:00:00,a,1.5\n"
        + "1002,2026-03-02T00:00:00,\"multi\nline\",2.5\n"
        + "1003,2026-03-03T00:00:00,b,abc\n");
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, good.toString(), bad.toString()},
        "bad.csv line 5, column 'amount'", "abc");
  }

  @Test
  void nullInRequiredColumnNamesFileLineAndColumn() throws IOException {
    State before = loadedTable();
    Path csv = dir.resolve("nulls.csv");
    Files.writeString(csv, "id,ts,category,amount\n7,2026-03-01T00:00:00,a,1\n,2026-03-01T00:00:00,a,2\n");
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, csv.toString()},
        "nulls.csv line 3, column 'id'", "null");

    Path jsonl = dir.resolve("nulls.jsonl");
    Files.writeString(jsonl, "{\"id\": 1}\n{\"id\": 2}\n{\"category\": \"x\"}\n");
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, jsonl.toString()},
        "nulls.jsonl line 3, column 'id'");

    Path explicitNull = dir.resolve("explicit.jsonl");
    Files.writeString(explicitNull, "{\"id\": null}\n");
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, explicitNull.toString()},
        "explicit.jsonl line 1, column 'id'");
  }

  @Test
  void badJsonInputsFail() throws IOException {
    State before = loadedTable();
    Map<String, String> cases = Map.of(
        "type.jsonl", "{\"id\": 1, \"amount\": true}\n",
        "string.jsonl", "{\"id\": 1, \"category\": 5}\n",
        "unknown.jsonl", "{\"id\": 1, \"color\": \"red\"}\n",
        "syntax.jsonl", "{\"id\": 1}\n{\"id\": 2,,}\n",
        "notobject.jsonl", "[1, 2]\n",
        "range.jsonl", "{\"id\": 99999999999999999999}\n");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path p = dir.resolve(c.getKey());
      Files.writeString(p, c.getValue());
      assertFailsCleanly(before, 1, new String[] {"append", TABLE, p.toString()}, c.getKey());
    }
  }

  @Test
  void badCsvShapesFail() throws IOException {
    State before = loadedTable();
    Map<String, String> cases = Map.of(
        "unknown.csv", "id,colour\n1,red\n",
        "missing-required.csv", "ts,amount\n2026-03-01T00:00:00,1\n",
        "too-many.csv", "id,amount\n1,2,3\n",
        "too-few.csv", "id,amount\n1,2\n3\n",
        "bad-ts.csv", "id,ts\n1,yesterday\n",
        "unterminated.csv", "id,category\n1,\"open\n");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path p = dir.resolve(c.getKey());
      Files.writeString(p, c.getValue());
      assertFailsCleanly(before, 1, new String[] {"append", TABLE, p.toString()}, c.getKey());
    }
  }

  @Test
  void missingInputFileFailsBeforeWritingAnything() throws IOException {
    State before = loadedTable();
    Path good = writeCsv("fine.csv", events(900, 50, 11));
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, good.toString(), dir.resolve("nope.csv").toString()},
        "nope.csv");
    Path odd = dir.resolve("data.xlsx");
    Files.writeString(odd, "x");
    assertFailsCleanly(before, 1, new String[] {"append", TABLE, odd.toString()}, "data.xlsx");
  }

  @Test
  void badFiltersFail() throws IOException {
    State before = loadedTable();
    assertFailsCleanly(before, 1, new String[] {"count", TABLE, "--where", "colour = 'red'"}, "colour");
    assertFailsCleanly(before, 1, new String[] {"scan", TABLE, "--where", "colour = 'red'"}, "colour");
    assertFailsCleanly(before, 1, new String[] {"files", TABLE, "--where", "colour = 'red'"}, "colour");
    assertFailsCleanly(before, 1, new String[] {"count", TABLE, "--where", "amount >"});
    assertFailsCleanly(before, 1, new String[] {"scan", TABLE, "--where", "amount > 'lots'"});
    assertFailsCleanly(before, 1, new String[] {"count", TABLE, "--where", "(id = 1"});
    assertFailsCleanly(before, 1, new String[] {"scan", TABLE, "--select", "id,colour"}, "colour");
    assertFailsCleanly(before, 1, new String[] {"count", TABLE, "--snapshot", "12345"}, "12345");
    assertFailsCleanly(before, 1, new String[] {"count", TABLE, "--as-of", "last tuesday"}, "last tuesday");
  }

  @Test
  void unknownTableAndMalformedSchemaFail() throws IOException {
    State before = loadedTable();
    for (String cmd : List.of("count", "scan", "files", "snapshots")) {
      assertFailsCleanly(before, 1, new String[] {cmd, "db.nothing"}, "db.nothing");
    }
    assertFailsCleanly(before, 1, new String[] {"append", "db.nothing", writeCsv("x.csv", events(1, 1, 1)).toString()},
        "db.nothing");
    assertFailsCleanly(before, 1, new String[] {"create", "db.other", "--schema", "id long, amount dobule"},
        "column 2 ('amount')");
    try (FileIO io = FileIOs.forLocation(warehouse(), storage())) {
      assertThat(io.list(warehouse() + "/db/other")).isEmpty();
    }
    assertFailsCleanly(before, 1, new String[] {"create", "db.other", "--schema", "id long", "--partition-by", "day(nope)"},
        "nope");
    assertFailsCleanly(before, 1, new String[] {"create", TABLE, "--schema", "id long"}, TABLE);
    assertFailsCleanly(before, 1, new String[] {"create", "../escape", "--schema", "id long"});
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    State before = loadedTable();
    assertFailsCleanly(before, 2, new String[] {"create", "db.x"}, "--schema");
    assertFailsCleanly(before, 2, new String[] {"append", TABLE});
    assertFailsCleanly(before, 2, new String[] {"count", TABLE, "--snapshot", "1", "--as-of", "2026-01-01T00:00:00Z"});
    assertFailsCleanly(before, 2, new String[] {"scan", TABLE, "--format", "xml"});
    assertFailsCleanly(before, 2, new String[] {"files", TABLE, "--format", "jsonl"});
    assertFailsCleanly(before, 2, new String[] {"scan", TABLE, "--limit", "many"});
    assertFailsCleanly(before, 2, new String[] {"frobnicate"});
    assertFailsCleanly(before, 2, new String[] {});
  }

  @Test
  void helpAndVersion() {
    Cli.Result help = Cli.runRaw("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: floe").contains("--warehouse").contains("create").contains("append")
        .contains("scan").contains("count").contains("files").contains("snapshots").contains("demo");
    for (String cmd : List.of("create", "append", "scan", "count", "files", "snapshots", "demo")) {
      Cli.Result r = Cli.runRaw(cmd, "--help");
      assertThat(r.exitCode()).as(cmd).isZero();
      assertThat(r.out()).contains("Usage: floe " + cmd);
    }
    assertThat(Cli.runRaw("demo", "--help").out()).doesNotContain("rows-per-commit");
    Cli.Result version = Cli.runRaw("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out().strip()).matches("floe \\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void relativeWarehouseIsResolvedAgainstTheWorkingDirectory() {
    FloeCommand cmd = new FloeCommand();
    cmd.warehouse = "some/wh";
    assertThat(cmd.warehouseLocation()).isEqualTo(Path.of("some/wh").toAbsolutePath().normalize().toString());
    cmd.warehouse = "file:/x/wh";
    assertThat(cmd.warehouseLocation()).isEqualTo("file:/x/wh");
  }
}

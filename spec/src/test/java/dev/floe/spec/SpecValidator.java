package dev.floe.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Checks Floe metadata files against the JSON Schemas of the spec ({@code spec/schemas}) plus the
 * cross-field rules a JSON Schema cannot state (ids that must exist or be unique). For tests: the
 * spec module's own, and any module that wants to prove the files the library writes are what
 * the spec says.
 *
 * <p>The schemas are read from the test classpath ({@code dev/floe/spec/schemas/}, copied there
 * from {@code spec/schemas} by the build and shipped in the floe-spec test-jar), so callers need
 * no file-system path. Typical use after a library test wrote a table:
 *
 * <pre>{@code
 * int checked = SpecValidator.assertTreeValid(tableDir.resolve("metadata"));
 * assertThat(checked).isGreaterThan(0);
 * }</pre>
 */
public final class SpecValidator {
  /** The base URI the schemas name themselves with ({@code $id}); mapped to the classpath. */
  static final String SCHEMA_BASE = "https://floe.dev/spec/v1/schemas/";
  private static final String SCHEMA_RESOURCES = "classpath:dev/floe/spec/schemas/";

  private static final Pattern METADATA_FILE = Pattern.compile("(v[1-9][0-9]*|[0-9]+-[0-9a-f-]{36})\\.metadata\\.json");
  private static final Pattern MANIFEST_LIST_FILE =
      Pattern.compile("snap-[0-9]+-[0-9a-f-]{36}\\.json(\\.gz|\\.zst)?");
  private static final Pattern MANIFEST_FILE = Pattern.compile("[0-9a-f-]{36}-m[0-9]+\\.json(\\.gz|\\.zst)?");
  // history files are never compressed (spec section 4), so no suffix
  private static final Pattern HISTORY_FILE = Pattern.compile("history-[0-9a-f-]{36}\\.json");
  private static final Pattern LOOKS_LIKE_JSON = Pattern.compile(".*\\.json(\\.gz|\\.zst)?");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SpecValidator() {}

  /** The kinds of JSON file a Floe table consists of, each with its schema. */
  public enum Kind {
    TABLE_METADATA("table-metadata.schema.json"),
    MANIFEST_LIST("manifest-list.schema.json"),
    MANIFEST("manifest.schema.json"),
    HISTORY("history.schema.json");

    private final String schemaFile;

    Kind(String schemaFile) {
      this.schemaFile = schemaFile;
    }

    /** File name of this kind's schema in {@code spec/schemas}. */
    public String schemaFile() {
      return schemaFile;
    }

    /**
     * The kind a file name denotes under the spec's naming rules (section 4), or empty for names
     * that are not Floe JSON metadata (data files, {@code version-hint.text}, anything else).
     * Accepts {@code v<N>.metadata.json} and the catalog form {@code <N>-<uuid>.metadata.json}, and
     * {@code history-<uuid>.json} for history files.
     */
    public static Optional<Kind> ofFileName(String fileName) {
      if (METADATA_FILE.matcher(fileName).matches()) {
        return Optional.of(TABLE_METADATA);
      }
      if (MANIFEST_LIST_FILE.matcher(fileName).matches()) {
        return Optional.of(MANIFEST_LIST);
      }
      if (MANIFEST_FILE.matcher(fileName).matches()) {
        return Optional.of(MANIFEST);
      }
      if (HISTORY_FILE.matcher(fileName).matches()) {
        return Optional.of(HISTORY);
      }
      return Optional.empty();
    }
  }

  /**
   * Every problem with one (uncompressed) file of the given kind: parse errors, schema violations
   * and cross-field rule violations, each as "location: message". Empty when the file is valid.
   */
  public static List<String> validate(Kind kind, byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return List.of("$: not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (node == null || node.isMissingNode()) {
      return List.of("$: empty document");
    }
    List<String> errors = new ArrayList<>();
    for (ValidationMessage m : Schemas.of(kind).validate(node)) {
      errors.add(m.getMessage());
    }
    if (errors.isEmpty()) {
      // cross-field rules assume the shape is right, so they only run on schema-valid input
      errors.addAll(SpecInvariants.check(kind, node));
    }
    errors.sort(null);
    return errors;
  }

  /** Fails with every problem listed unless the file is valid. */
  public static void assertValid(Kind kind, byte[] json) {
    List<String> errors = validate(kind, json);
    if (!errors.isEmpty()) {
      throw new AssertionError("invalid " + kind + ":\n  " + String.join("\n  ", errors));
    }
  }

  /** Validates one file, choosing the kind by its name and decompressing by suffix. */
  public static List<String> validate(Path file) {
    String name = file.getFileName().toString();
    Optional<Kind> kind = Kind.ofFileName(name);
    if (kind.isEmpty()) {
      return List.of("$: cannot tell the kind of '" + name + "' from its name (spec section 4)");
    }
    return validate(kind.get(), readDecompressed(file));
  }

  /**
   * Validates every Floe JSON file under a directory (recursively): table metadata, manifest
   * lists, manifests (plain or compressed) and history files, kind inferred from the file name. Files that are
   * not JSON ({@code .parquet}, {@code version-hint.text}) are skipped; a JSON file whose name
   * fits no kind is reported as an error, since the spec fixes every metadata file name.
   *
   * @return the problems per file; files that passed map to an empty list
   */
  public static Map<Path, List<String>> validateTree(Path root) {
    Map<Path, List<String>> results = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile)
          .filter(p -> LOOKS_LIKE_JSON.matcher(p.getFileName().toString()).matches())
          .forEach(p -> results.put(p, validate(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return results;
  }

  /**
   * Fails listing every problem in every file under {@code root}, unless all are valid.
   *
   * @return how many files were checked, so callers can assert that something was
   */
  public static int assertTreeValid(Path root) {
    Map<Path, List<String>> results = validateTree(root);
    StringBuilder report = new StringBuilder();
    results.forEach((file, errors) -> {
      if (!errors.isEmpty()) {
        report.append('\n').append(file).append(":\n  ").append(String.join("\n  ", errors));
      }
    });
    if (report.length() > 0) {
      throw new AssertionError("invalid Floe metadata files under " + root + ":" + report);
    }
    return results.size();
  }

  /** The file's content, decompressed when its name ends in {@code .gz} or {@code .zst}. */
  public static byte[] readDecompressed(Path file) {
    try {
      byte[] raw = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      if (name.endsWith(".gz")) {
        return drain(new GZIPInputStream(new ByteArrayInputStream(raw)));
      }
      if (name.endsWith(".zst")) {
        return drain(new ZstdInputStream(new ByteArrayInputStream(raw)));
      }
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The spec module's directory (holding floe-spec.md, schemas/ and examples/): the
   * {@code floe.spec.dir} system property the build sets, else found from the working directory.
   */
  public static Path specDir() {
    String configured = System.getProperty("floe.spec.dir");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    Path here = Paths.get("").toAbsolutePath();
    for (Path candidate : List.of(here, here.resolve("spec"), here.resolveSibling("spec"))) {
      if (Files.isRegularFile(candidate.resolve("floe-spec.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find the spec directory from " + here
        + "; set the system property floe.spec.dir");
  }

  private static byte[] drain(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /** The compiled schemas, loaded once: schema compilation dominates the cost of a validation. */
  static final class Schemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
        SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, SCHEMA_RESOURCES)));
    private static final Map<Kind, JsonSchema> BY_KIND = new EnumMap<>(Kind.class);

    static {
      for (Kind kind : Kind.values()) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + kind.schemaFile()));
        schema.initializeValidators();
        BY_KIND.put(kind, schema);
      }
    }

    private Schemas() {}

    static JsonSchema of(Kind kind) {
      return BY_KIND.get(kind);
    }

    static JsonSchemaFactory factory() {
      return FACTORY;
    }
  }
}

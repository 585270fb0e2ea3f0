package dev.floe.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.spec.SpecValidator.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps floe-spec.md honest: every ```json block carries a marker line right above it, either
 * {@code <!-- floe:example KIND -->} (a complete file, validated against its schema) or
 * {@code <!-- floe:fragment -->} (a piece of a file, which must at least parse); and every
 * relative link and in-page anchor points at something that exists.
 */
class SpecDocumentTest {
  private static final Path SPEC_DIR = SpecValidator.specDir();
  private static final Path DOCUMENT = SPEC_DIR.resolve("floe-spec.md");
  private static final Pattern MARKER = Pattern.compile("<!--\\s*floe:(example\\s+([a-z-]+)|fragment)\\s*-->");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  /** One fenced ```json block of the document. */
  record JsonBlock(int line, Optional<String> marker, String json) {
    @Override
    public String toString() {
      return "floe-spec.md line " + line + marker.map(m -> " (" + m + ")").orElse("");
    }
  }

  static List<JsonBlock> jsonBlocks() {
    List<String> lines = lines();
    List<JsonBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```json")) {
        continue;
      }
      int start = i;
      StringBuilder json = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        json.append(lines.get(i)).append('\n');
      }
      blocks.add(new JsonBlock(start + 1, markerAbove(lines, start), json.toString()));
    }
    return blocks;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonBlocks")
  void everyJsonBlockIsMarkedAndValid(JsonBlock block) throws IOException {
    assertThat(block.marker()).as("marker comment above the block at " + block).isPresent();
    Matcher m = MARKER.matcher(block.marker().get());
    assertThat(m.find()).isTrue();
    byte[] json = block.json().getBytes(StandardCharsets.UTF_8);
    if (m.group(2) == null) {
      assertThat(new ObjectMapper().readTree(json)).as("fragment at " + block).isNotNull();
    } else {
      SpecValidator.assertValid(kindOf(m.group(2)), json);
    }
  }

  @Test
  void documentHasACompleteExampleOfEveryKind() {
    Set<String> kinds = new HashSet<>();
    for (JsonBlock block : jsonBlocks()) {
      block.marker().map(MARKER::matcher).filter(Matcher::find).map(m -> m.group(2)).ifPresent(kinds::add);
    }
    assertThat(kinds).containsExactlyInAnyOrder("table-metadata", "manifest-list", "manifest", "history");
  }

  @Test
  void relativeLinksPointAtExistingFiles() {
    List<String> broken = new ArrayList<>();
    for (String target : linkTargets()) {
      if (target.startsWith("#") || target.contains("://")) {
        continue;
      }
      if (!Files.exists(SPEC_DIR.resolve(target))) {
        broken.add(target);
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void inPageAnchorsMatchHeadings() {
    Set<String> anchors = new HashSet<>();
    for (String line : lines()) {
      if (line.startsWith("#")) {
        anchors.add(slug(line.replaceFirst("^#+\\s*", "")));
      }
    }
    List<String> broken = linkTargets().stream()
        .filter(t -> t.startsWith("#"))
        .map(t -> t.substring(1))
        .filter(a -> !anchors.contains(a))
        .toList();
    assertThat(broken).isEmpty();
  }

  /** Heading anchors as GitHub renders them: lower case, punctuation dropped, spaces to hyphens. */
  private static String slug(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  private static Optional<String> markerAbove(List<String> lines, int fence) {
    for (int j = fence - 1; j >= 0; j--) {
      String line = lines.get(j).strip();
      if (!line.isEmpty()) {
        return MARKER.matcher(line).matches() ? Optional.of(line) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Kind kindOf(String marker) {
    return switch (marker) {
      case "table-metadata" -> Kind.TABLE_METADATA;
      case "manifest-list" -> Kind.MANIFEST_LIST;
      case "manifest" -> Kind.MANIFEST;
      case "history" -> Kind.HISTORY;
      default -> throw new AssertionError("unknown example kind '" + marker
          + "'; use table-metadata, manifest-list, manifest or history");
    };
  }

  private static List<String> linkTargets() {
    List<String> targets = new ArrayList<>();
    boolean inCode = false;
    for (String line : lines()) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
      }
      if (!inCode) {
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          targets.add(m.group(1));
        }
      }
    }
    return targets;
  }

  private static List<String> lines() {
    try (Stream<String> lines = Files.lines(DOCUMENT, StandardCharsets.UTF_8)) {
      return lines.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

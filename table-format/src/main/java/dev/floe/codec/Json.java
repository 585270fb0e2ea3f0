package dev.floe.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one Jackson factory all codecs share: factories are thread-safe, and sharing one lets its
 * field-name symbol table be reused across every manifest parsed in the process.
 */
final class Json {
  private Json() {}

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  static JsonParser parser(InputStream in) throws IOException {
    return FACTORY.createParser(in);
  }

  static JsonParser parser(byte[] bytes) throws IOException {
    return FACTORY.createParser(bytes);
  }

  static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out, JsonEncoding.UTF8);
  }
}

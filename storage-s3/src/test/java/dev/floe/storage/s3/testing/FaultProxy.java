package dev.floe.storage.s3.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of an S3 endpoint that breaks chosen requests the way
 * networks and servers break them: throttling and server errors, connections reset halfway
 * through an upload, responses lost after the server has done the work, slow or stalled responses,
 * and a delayed duplicate of a request delivered later. A real proxy, not a mock: the client's
 * HTTP stack, retries and timeouts all run as they would against S3.
 *
 * <p>Rules are checked in the order added; the first that matches a request (and still has
 * uses left, and wins its coin toss) applies its fault. Every request head is logged.
 */
public final class FaultProxy implements Closeable {

  /** The head of a request: method, target (path and query) and headers (lower-case names). */
  public record Request(String method, String target, Map<String, String> headers) {
    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    public String query() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }

    /** A PutObject with If-None-Match: the commit step. */
    public boolean isConditionalPut() {
      return method.equals("PUT") && !header("if-none-match").isEmpty();
    }

    public boolean isPartUpload() {
      return method.equals("PUT") && query().contains("partNumber=");
    }

    public boolean hasRange() {
      return !header("range").isEmpty();
    }

    long contentLength() {
      String value = header("content-length");
      return value.isEmpty() ? 0 : Long.parseLong(value.trim());
    }

    boolean chunked() {
      return header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked");
    }

    boolean expectsContinue() {
      return header("expect").equalsIgnoreCase("100-continue");
    }
  }

  /** What happens to a request a rule picked. */
  public sealed interface Fault {}

  /** Answer with this S3 error without forwarding: the server never sees the request. */
  public record Respond(int status, String code) implements Fault {}

  /** Forward the head and at most this many body bytes, then reset both connections. */
  public record ResetAfterBodyBytes(long bytes) implements Fault {}

  /** Forward everything; once the server's answer starts, reset the client's connection instead. */
  public record DropResponse() implements Fault {}

  /** Forward everything; hold the answer this long before passing it on. */
  public record DelayResponse(long millis) implements Fault {}

  /** Forward everything; never pass the answer on (the client has to time out). */
  public record StallResponse() implements Fault {}

  /**
   * Take the whole request from the client but do not deliver it; deliver it to the server just
   * before the next request this rule matches, as a network that holds a packet would.
   */
  public record DeliverLater() implements Fault {}

  /** Run an action (say, another writer's move) just before the request is forwarded unchanged. */
  public record RunFirst(Runnable action) implements Fault {}

  public static final Fault SLOW_DOWN = new Respond(503, "SlowDown");
  public static final Fault INTERNAL_ERROR = new Respond(500, "InternalError");

  /** A fault for the requests a predicate picks, a number of times (or forever) with a probability. */
  public final class Rule {
    private final Predicate<Request> when;
    private final Fault fault;
    private final double probability;
    private final Random random;
    private int remaining;
    private int applied;
    private byte[] heldRequest;

    private Rule(Predicate<Request> when, Fault fault, int times, double probability, long seed) {
      this.when = when;
      this.fault = fault;
      this.remaining = times;
      this.probability = probability;
      this.random = new Random(seed);
    }

    public synchronized int applied() {
      return applied;
    }

    private synchronized boolean take(Request request) {
      if (remaining == 0 || !when.test(request) || (probability < 1 && random.nextDouble() >= probability)) {
        return false;
      }
      if (remaining > 0) {
        remaining--;
      }
      applied++;
      return true;
    }

    private synchronized void hold(byte[] request) {
      heldRequest = request;
    }

    private synchronized byte[] takeHeld(Request request) {
      if (heldRequest == null || !when.test(request)) {
        return null;
      }
      byte[] held = heldRequest;
      heldRequest = null;
      return held;
    }
  }

  public static final int FOREVER = -1;

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Request> log = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public FaultProxy(URI target) throws IOException {
    this.target = new InetSocketAddress(target.getHost(), target.getPort());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Applies the fault to the next {@code times} requests that match ({@link #FOREVER} for all). */
  public Rule inject(Fault fault, Predicate<Request> when, int times) {
    Rule rule = new Rule(when, fault, times, 1.0, 0);
    rules.add(rule);
    return rule;
  }

  /** Applies the fault to matching requests with a probability, from a seeded coin. */
  public Rule injectRandomly(Fault fault, Predicate<Request> when, double probability, long seed) {
    Rule rule = new Rule(when, fault, FOREVER, probability, seed);
    rules.add(rule);
    return rule;
  }

  /** Removes every rule: from now on the proxy only forwards. */
  public void clear() {
    rules.clear();
  }

  /** The heads of all requests seen so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(log);
  }

  public long count(Predicate<Request> what) {
    return log.stream().filter(what).count();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One client connection: its own connection to the server, requests relayed one at a time. */
  private void serve(Socket client) {
    Socket upstream = null;
    try {
      upstream = connect();
      Connection c = new Connection(client, upstream);
      Thread responses = new Thread(c::relayResponses, "fault-proxy-resp");
      responses.setDaemon(true);
      responses.start();
      c.relayRequests();
    } catch (IOException | RuntimeException e) {
      // a broken connection is what some faults are for; the client sees it as such
    } finally {
      closeQuietly(client);
      if (upstream != null) {
        closeQuietly(upstream);
      }
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(target, 5_000);
    sockets.add(s);
    return s;
  }

  /** What the response relay must do with the answer to a forwarded request. */
  private record Pending(String method, Fault fault) {}

  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private final InputStream fromClient;
    private final OutputStream toClient;
    private final InputStream fromServer;
    private final OutputStream toServer;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final CountDownLatch clientGone = new CountDownLatch(1);

    Connection(Socket client, Socket upstream) throws IOException {
      this.client = client;
      this.upstream = upstream;
      this.fromClient = new BufferedInputStream(client.getInputStream());
      this.toClient = client.getOutputStream();
      this.fromServer = new BufferedInputStream(upstream.getInputStream());
      this.toServer = upstream.getOutputStream();
    }

    void relayRequests() throws IOException {
      try {
        while (true) {
          byte[] head = Http.readHead(fromClient);
          if (head == null) {
            return;
          }
          Request request = Http.parseRequest(head);
          log.add(request);
          Rule rule = null;
          for (Rule r : rules) {
            byte[] held = r.takeHeld(request);
            if (held != null) {
              deliverNow(held);
            }
            if (rule == null && r.take(request)) {
              rule = r;
            }
          }
          Fault fault = rule == null ? null : rule.fault;
          if (fault instanceof Respond respond) {
            if (!request.expectsContinue()) {
              Http.copyBody(request, fromClient, OutputStream.nullOutputStream(), Long.MAX_VALUE);
            }
            toClient.write(Http.errorResponse(respond.status(), respond.code()));
            toClient.flush();
            return; // "Connection: close": the client opens a new one
          }
          if (fault instanceof RunFirst run) {
            run.action().run();
            fault = null;
          }
          if (fault instanceof DeliverLater) {
            rule.hold(readWholeRequest(head, request));
            waitForClientToGiveUp();
            return;
          }
          pending.add(new Pending(request.method(), fault));
          toServer.write(head);
          long limit = fault instanceof ResetAfterBodyBytes reset ? reset.bytes() : Long.MAX_VALUE;
          Http.copyBody(request, fromClient, toServer, limit);
          toServer.flush();
          if (fault instanceof ResetAfterBodyBytes) {
            reset(client);
            reset(upstream);
            return;
          }
        }
      } finally {
        clientGone.countDown();
      }
    }

    /** The body of a request the proxy keeps: answer 100 Continue itself if the client waits for it. */
    private byte[] readWholeRequest(byte[] head, Request request) throws IOException {
      if (request.expectsContinue()) {
        toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        toClient.flush();
      }
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      whole.write(head);
      Http.copyBody(request, fromClient, whole, Long.MAX_VALUE);
      return whole.toByteArray();
    }

    private void waitForClientToGiveUp() throws IOException {
      while (fromClient.read() >= 0) {
        // the client sends nothing more on this connection; it times out and closes it
      }
    }

    /** Sends a held request on a connection of its own and throws the answer away. */
    private void deliverNow(byte[] held) throws IOException {
      String text = new String(held, StandardCharsets.ISO_8859_1);
      String withoutExpect = text.replaceFirst("(?i)\r\nexpect: 100-continue", "");
      byte[] bytes = withoutExpect.getBytes(StandardCharsets.ISO_8859_1);
      try (Socket s = connect()) {
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        InputStream in = new BufferedInputStream(s.getInputStream());
        byte[] responseHead;
        do {
          responseHead = Http.readHead(in);
        } while (responseHead != null && Http.status(responseHead) / 100 == 1);
      }
    }

    void relayResponses() {
      try {
        while (true) {
          byte[] head = Http.readHead(fromServer);
          if (head == null) {
            reset(client);
            return;
          }
          int status = Http.status(head);
          if (status / 100 == 1) {
            toClient.write(head); // 100 Continue: the client may now send the body
            toClient.flush();
            continue;
          }
          Pending p = pending.poll(30, TimeUnit.SECONDS);
          Fault fault = p == null ? null : p.fault();
          if (fault instanceof DropResponse) {
            reset(client);
            reset(upstream);
            return;
          }
          if (fault instanceof StallResponse) {
            clientGone.await();
            reset(upstream);
            return;
          }
          if (fault instanceof DelayResponse delay) {
            Thread.sleep(delay.millis());
          }
          toClient.write(head);
          if (p != null && Http.responseHasBody(p.method(), status)) {
            Http.copyResponseBody(head, fromServer, toClient);
          }
          toClient.flush();
        }
      } catch (IOException e) {
        reset(client);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Closes with a TCP reset (RST), as a dying peer or middlebox would, rather than an orderly FIN. */
  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // already closed
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** Just enough HTTP/1.1 framing to find where requests and responses end. */
  static final class Http {
    private Http() {}

    /** Reads up to and including the blank line; null at a clean end of stream. */
    static byte[] readHead(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(512);
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (out.size() == 0) {
            return null;
          }
          throw new IOException("connection closed inside a message head");
        }
        out.write(b);
        matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
            ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return out.toByteArray();
    }

    static Request parseRequest(byte[] head) {
      String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] first = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      return new Request(first[0], first.length > 1 ? first[1] : "", headers);
    }

    static int status(byte[] head) {
      String line = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(line.split(" ")[1]);
    }

    static Map<String, String> headers(byte[] head) {
      return parseRequest(head).headers();
    }

    static boolean responseHasBody(String method, int status) {
      return !method.equals("HEAD") && status != 204 && status != 304;
    }

    /** Copies a request body, at most {@code limit} bytes; false if it stopped at the limit. */
    static boolean copyBody(Request request, InputStream in, OutputStream out, long limit) throws IOException {
      if (request.chunked()) {
        return copyChunked(in, out, limit);
      }
      long length = request.contentLength();
      long n = Math.min(length, limit);
      copy(in, out, n);
      return n == length;
    }

    static void copyResponseBody(byte[] head, InputStream in, OutputStream out) throws IOException {
      Map<String, String> h = headers(head);
      if (h.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
        copyChunked(in, out, Long.MAX_VALUE);
      } else if (h.containsKey("content-length")) {
        copy(in, out, Long.parseLong(h.get("content-length")));
      } else {
        in.transferTo(out); // no length: the body ends with the connection
      }
    }

    private static boolean copyChunked(InputStream in, OutputStream out, long limit) throws IOException {
      long sent = 0;
      while (true) {
        String sizeLine = readLine(in);
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semicolon = sizeLine.indexOf(';');
        long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          String line;
          do { // trailers, then the blank line
            line = readLine(in);
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          } while (!line.isEmpty());
          return true;
        }
        long n = Math.min(size, limit - sent);
        copy(in, out, n);
        sent += n;
        if (n < size) {
          return false;
        }
        readLine(in);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          sb.append((char) b);
        }
      }
      if (b < 0) {
        throw new IOException("connection closed inside a chunked body");
      }
      return sb.toString();
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      long left = n;
      while (left > 0) {
        int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (r < 0) {
          throw new IOException("connection closed inside a body");
        }
        out.write(buffer, 0, r);
        left -= r;
      }
    }

    static byte[] errorResponse(int status, String code) {
      String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>injected by"
          + " the test's fault proxy</Message><RequestId>fault</RequestId></Error>";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 " + status + " " + code + "\r\nContent-Type: application/xml\r\nContent-Length: "
          + bytes.length + "\r\nConnection: close\r\n\r\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
      return out.toByteArray();
    }
  }
}

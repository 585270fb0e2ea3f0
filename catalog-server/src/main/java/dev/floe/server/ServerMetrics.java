package dev.floe.server;

import dev.floe.server.service.TableService;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and a latency histogram in the Prometheus text exposition format. Hand-written: a
 * dozen series do not justify a metrics library and its transitive dependencies.
 */
public final class ServerMetrics implements TableService.CommitListener {
  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /** Requests by route template, method and status class; the route keeps label cardinality bounded. */
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final LongAdder commits = new LongAdder();
  private final LongAdder commitRetries = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final Map<String, LongAdder> reports = new ConcurrentHashMap<>();

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final AtomicLong sumNanos = new AtomicLong();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
      count.increment();
      sumNanos.addAndGet(nanos);
    }
  }

  public void request(String method, String route, int status, long nanos) {
    String labels = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(labels, k -> new LongAdder()).increment();
    latency.computeIfAbsent("method=\"" + method + "\",route=\"" + route + "\"", k -> new Histogram()).observe(nanos);
  }

  @Override
  public void committed(int attempts) {
    commits.increment();
    commitRetries.add(attempts - 1);
  }

  @Override
  public void conflicted() {
    conflicts.increment();
  }

  public void metricsReport(String type) {
    reports.computeIfAbsent(type.replaceAll("[^a-z-]", "_"), k -> new LongAdder()).increment();
  }

  public long commits() {
    return commits.sum();
  }

  public long conflicts() {
    return conflicts.sum();
  }

  public String exposition() {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# HELP floe_http_requests_total HTTP requests by route and status.\n");
    sb.append("# TYPE floe_http_requests_total counter\n");
    new TreeMap<>(requests).forEach((l, v) -> sb.append("floe_http_requests_total{").append(l).append("} ")
        .append(v.sum()).append('\n'));
    sb.append("# HELP floe_http_request_duration_seconds Time to answer a request.\n");
    sb.append("# TYPE floe_http_request_duration_seconds histogram\n");
    new TreeMap<>(latency).forEach((l, h) -> {
      for (int i = 0; i < BUCKETS.length; i++) {
        sb.append("floe_http_request_duration_seconds_bucket{").append(l).append(",le=\"").append(BUCKETS[i])
            .append("\"} ").append(h.counts[i].sum()).append('\n');
      }
      sb.append("floe_http_request_duration_seconds_bucket{").append(l).append(",le=\"+Inf\"} ")
          .append(h.count.sum()).append('\n');
      sb.append("floe_http_request_duration_seconds_sum{").append(l).append("} ").append(h.sumNanos.get() / 1e9)
          .append('\n');
      sb.append("floe_http_request_duration_seconds_count{").append(l).append("} ").append(h.count.sum()).append('\n');
    });
    sb.append("# HELP floe_commits_total Table commits that moved a metadata pointer.\n");
    sb.append("# TYPE floe_commits_total counter\n");
    sb.append("floe_commits_total ").append(commits.sum()).append('\n');
    sb.append("# HELP floe_commit_retries_total Server-side retries after losing a compare-and-set.\n");
    sb.append("# TYPE floe_commit_retries_total counter\n");
    sb.append("floe_commit_retries_total ").append(commitRetries.sum()).append('\n');
    sb.append("# HELP floe_commit_conflicts_total Commits refused because a requirement no longer held (409).\n");
    sb.append("# TYPE floe_commit_conflicts_total counter\n");
    sb.append("floe_commit_conflicts_total ").append(conflicts.sum()).append('\n');
    sb.append("# HELP floe_metrics_reports_total Client metrics reports received, by type.\n");
    sb.append("# TYPE floe_metrics_reports_total counter\n");
    new TreeMap<>(reports).forEach((t, v) -> sb.append("floe_metrics_reports_total{type=\"").append(t).append("\"} ")
        .append(v.sum()).append('\n'));
    return sb.toString();
  }
}

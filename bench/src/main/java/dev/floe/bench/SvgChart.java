package dev.floe.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written SVG line chart of commit latency over commit number (W4): the median of each
 * bucket of consecutive commits, log-scale milliseconds, one line per system.
 */
final class SvgChart {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd"};
  private static final double[] TICKS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000,
      10000, 20000, 50000};

  private SvgChart() {}

  static String commitLatency(String title, Map<String, double[]> bySystem) {
    int maxCommits = bySystem.values().stream().mapToInt(a -> a.length).max().orElse(1);
    int bucket = Math.max(1, maxCommits / 200);
    Map<String, double[]> lines = new java.util.LinkedHashMap<>();
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (Map.Entry<String, double[]> e : bySystem.entrySet()) {
      double[] v = e.getValue();
      double[] medians = new double[(v.length + bucket - 1) / bucket];
      for (int b = 0; b < medians.length; b++) {
        medians[b] = Math.max(0.05, Stats.median(Arrays.copyOfRange(v, b * bucket, Math.min(v.length, (b + 1) * bucket))));
        lo = Math.min(lo, medians[b]);
        hi = Math.max(hi, medians[b]);
      }
      lines.put(e.getKey(), medians);
    }
    double yMin = floorTick(lo);
    double yMax = Math.max(ceilTick(hi), yMin * 2);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#555\">median latency of each %d"
        + " consecutive commits; log scale</text>%n", LEFT, bucket));
    for (double t : TICKS) {
      if (t < yMin || t > yMax) {
        continue;
      }
      double y = TOP + plotH - plotH * (Math.log(t / yMin) / Math.log(yMax / yMin));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, y, LEFT + plotW, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n",
          LEFT - 6, y + 4, t < 1 ? String.valueOf(t) : String.valueOf((long) t)));
    }
    for (int i = 0; i <= 5; i++) {
      int commit = (int) Math.round((double) maxCommits * i / 5);
      double x = LEFT + plotW * (double) commit / maxCommits;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, TOP, x, TOP + plotH));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n",
          x, TOP + plotH + 18, commit));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">commit number</text>%n",
        LEFT + plotW / 2, HEIGHT - 15));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
        + " stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
    int c = 0;
    for (Map.Entry<String, double[]> e : lines.entrySet()) {
      String color = COLORS[c % COLORS.length];
      double[] m = e.getValue();
      StringBuilder points = new StringBuilder();
      for (int b = 0; b < m.length; b++) {
        double commit = Math.min(maxCommits, (b + 0.5) * bucket);
        double x = LEFT + plotW * commit / maxCommits;
        double y = TOP + plotH - plotH * (Math.log(m[b] / yMin) / Math.log(yMax / yMin));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\""
          + " points=\"%s\"/>%n", color, points.toString().trim()));
      int ly = TOP + 10 + 22 * c;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
          + " stroke-width=\"3\"/>%n", LEFT + plotW + 12, ly, LEFT + plotW + 32, ly, color));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 38, ly + 4,
          escape(e.getKey())));
      c++;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double floorTick(double v) {
    double best = TICKS[0];
    for (double t : TICKS) {
      if (t <= v) {
        best = t;
      }
    }
    return best;
  }

  private static double ceilTick(double v) {
    for (double t : TICKS) {
      if (t >= v) {
        return t;
      }
    }
    return TICKS[TICKS.length - 1];
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

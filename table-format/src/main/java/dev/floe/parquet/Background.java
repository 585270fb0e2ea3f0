package dev.floe.parquet;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool that compresses pages while a writer encodes and decompresses pages while a reader
 * decodes. One thread fewer than the machine has cores, so the caller's own thread keeps one;
 * on a single core the work runs inline. Threads are daemons and go away when idle.
 */
final class Background {
  private Background() {}

  private static final Executor POOL = create();

  static Executor pool() {
    return POOL;
  }

  /** Runs the task on the pool, or inline when the pool is unavailable. */
  static void run(Runnable task) {
    try {
      POOL.execute(task);
    } catch (RuntimeException rejected) {
      task.run();
    }
  }

  private static Executor create() {
    int threads = Runtime.getRuntime().availableProcessors() - 1;
    if (threads < 1) {
      return Runnable::run;
    }
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "floe-parquet-codec");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}

package dev.floe.spark;

import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Counts Spark tasks that started and have not ended. A failed job returns to its caller while
 * the tasks Spark cancelled are still cleaning up; tests that look at storage after a failure
 * wait here until every task has ended.
 */
final class RunningTasks extends SparkListener {
  private int running;

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart start) {
    running++;
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    running--;
    notifyAll();
  }

  synchronized void awaitNone(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(running + " Spark tasks still running after " + timeout + " " + unit);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}

package dev.floe.it;

import dev.floe.io.FileIO;
import dev.floe.io.FileInfo;
import dev.floe.io.InputFile;
import dev.floe.io.OutputFile;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fault injection for races: real storage, except that one chosen thread stops when it first
 * opens a matching file for reading and waits until the test lets it go. That puts another
 * writer's commit exactly between an operation's planning and its commit, every time.
 */
final class PausingFileIO implements FileIO {
  private final FileIO delegate;
  private volatile Thread thread;
  private volatile Predicate<String> match;
  private volatile CountDownLatch reached;
  private volatile CountDownLatch resume;

  PausingFileIO(FileIO delegate) {
    this.delegate = delegate;
  }

  /** Arms a pause: {@code thread}'s next read of a matching location blocks until {@link Pause#resume()}. */
  Pause pauseOnRead(Thread t, Predicate<String> location) {
    reached = new CountDownLatch(1);
    resume = new CountDownLatch(1);
    match = location;
    thread = t;
    return new Pause(reached, resume);
  }

  record Pause(CountDownLatch reached, CountDownLatch released) {
    void awaitReached() throws InterruptedException {
      if (!reached.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("the paused thread never got to the read");
      }
    }

    void resume() {
      released.countDown();
    }
  }

  private void maybePause(String location) {
    Thread t = thread;
    if (t != Thread.currentThread() || !match.test(location)) {
      return;
    }
    thread = null; // once
    reached.countDown();
    try {
      if (!resume.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("the test never resumed the paused thread");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public InputFile newInputFile(String location) {
    maybePause(location);
    return delegate.newInputFile(location);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return delegate.newOutputFile(location);
  }

  @Override
  public void delete(String location) {
    delegate.delete(location);
  }

  @Override
  public List<FileInfo> list(String prefix) {
    return delegate.list(prefix);
  }
}

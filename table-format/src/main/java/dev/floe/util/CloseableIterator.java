package dev.floe.util;

import java.util.Iterator;
import java.util.List;

/** An iterator over something that holds a resource (an open file): close it when done. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();

  static <T> CloseableIterator<T> of(Iterator<T> it) {
    return new CloseableIterator<>() {
      public boolean hasNext() { return it.hasNext(); }
      public T next() { return it.next(); }
      public void close() {}
    };
  }

  static <T> CloseableIterator<T> empty() {
    return of(List.<T>of().iterator());
  }
}

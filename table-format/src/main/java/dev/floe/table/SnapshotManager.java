package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.error.ValidationException;
import dev.floe.metadata.Snapshot;
import dev.floe.metadata.SnapshotRef;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

final class SnapshotManager implements ManageSnapshots {
  private final ChangeSink sink;
  private final TableMetadata base;
  private TableMetadata working;
  private final List<UnaryOperator<TableMetadata>> changes = new ArrayList<>();
  /** The refs the changes touch, as they were in the base: each must be so at commit. */
  private final Map<String, Optional<SnapshotRef>> seen = new LinkedHashMap<>();
  private boolean committed;

  SnapshotManager(ChangeSink sink) {
    this.sink = sink;
    this.base = sink.current();
    this.working = base;
  }

  private ManageSnapshots change(List<String> refs, UnaryOperator<TableMetadata> c) {
    for (String r : refs) {
      if (r == null || r.isBlank()) {
        throw new InvalidInputException("ref", "a branch or tag name must not be blank");
      }
      seen.putIfAbsent(r, Optional.ofNullable(base.refs().get(r)));
    }
    working = c.apply(working); // validates now, so bad input fails before anything is committed
    changes.add(c);
    return this;
  }

  private static SnapshotRef ref(TableMetadata m, String name) {
    SnapshotRef r = m.refs().get(name);
    if (r == null) {
      throw new InvalidInputException(name, "the table has no branch or tag named '" + name + "'; it has "
          + (m.refs().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(m.refs().keySet()))));
    }
    return r;
  }

  private static SnapshotRef branch(TableMetadata m, String name) {
    SnapshotRef r = ref(m, name);
    if (!r.isBranch()) {
      throw new InvalidInputException(name, "'" + name + "' is a tag, not a branch");
    }
    return r;
  }

  private static SnapshotRef tag(TableMetadata m, String name) {
    SnapshotRef r = ref(m, name);
    if (r.isBranch()) {
      throw new InvalidInputException(name, "'" + name + "' is a branch, not a tag");
    }
    return r;
  }

  private static void requireAbsent(TableMetadata m, String name) {
    if (m.refs().containsKey(name)) {
      throw new InvalidInputException(name, "the table already has a " + m.refs().get(name).type().id()
          + " named '" + name + "'");
    }
  }

  /** Refs point only at inline snapshots, so that they resolve without the history chain. */
  private Snapshot inline(TableMetadata m, long snapshotId) {
    Optional<Snapshot> s = m.snapshot(snapshotId);
    if (s.isPresent()) {
      return s.get();
    }
    if (new History(sink.io(), m).snapshot(snapshotId).isPresent()) {
      throw new InvalidInputException("snapshot", "snapshot " + snapshotId + " is archived in the table's history"
          + " (older than the " + m.snapshots().size() + " snapshots kept in the metadata); a branch or tag can"
          + " point only at those");
    }
    throw new InvalidInputException("snapshot", "the table has no snapshot " + snapshotId
        + " (it never existed or was expired)");
  }

  private boolean isAncestor(TableMetadata m, long ancestor, long of) {
    History history = new History(sink.io(), m);
    Optional<Snapshot> s = history.snapshot(of);
    while (s.isPresent()) {
      if (s.get().snapshotId() == ancestor) {
        return true;
      }
      s = s.get().parentId().flatMap(history::snapshot);
    }
    return false;
  }

  private static long mainHead(TableMetadata m) {
    return m.currentSnapshotId().orElseThrow(() -> new InvalidInputException("branch",
        "the table has no snapshot yet, so there is nothing to branch or tag"));
  }

  @Override
  public ManageSnapshots createBranch(String name) {
    return change(List.of(name, SnapshotRef.MAIN), m -> {
      requireAbsent(m, name);
      return m.toBuilder().lastUpdatedMs(now()).setRef(name, SnapshotRef.branch(inline(m, mainHead(m)).snapshotId()))
          .build();
    });
  }

  @Override
  public ManageSnapshots createBranch(String name, long snapshotId) {
    return change(List.of(name), m -> {
      requireAbsent(m, name);
      return m.toBuilder().lastUpdatedMs(now()).setRef(name, SnapshotRef.branch(inline(m, snapshotId).snapshotId()))
          .build();
    });
  }

  @Override
  public ManageSnapshots createTag(String name, long snapshotId) {
    return change(List.of(name), m -> {
      requireAbsent(m, name);
      if (name.equals(SnapshotRef.MAIN)) {
        throw new InvalidInputException(name, "'main' is the main branch; a tag needs another name");
      }
      return m.toBuilder().lastUpdatedMs(now()).setRef(name, SnapshotRef.tag(inline(m, snapshotId).snapshotId()))
          .build();
    });
  }

  @Override
  public ManageSnapshots replaceBranch(String name, long snapshotId) {
    return change(List.of(name), m -> {
      SnapshotRef r = branch(m, name);
      return m.toBuilder().lastUpdatedMs(now()).setRef(name, r.withSnapshotId(inline(m, snapshotId).snapshotId()))
          .build();
    });
  }

  @Override
  public ManageSnapshots replaceTag(String name, long snapshotId) {
    return change(List.of(name), m -> {
      SnapshotRef r = tag(m, name);
      return m.toBuilder().lastUpdatedMs(now()).setRef(name, r.withSnapshotId(inline(m, snapshotId).snapshotId()))
          .build();
    });
  }

  @Override
  public ManageSnapshots removeBranch(String name) {
    return change(List.of(name), m -> {
      if (name.equals(SnapshotRef.MAIN)) {
        throw new InvalidInputException(name, "the main branch cannot be dropped");
      }
      branch(m, name);
      return m.toBuilder().lastUpdatedMs(now()).removeRef(name).build();
    });
  }

  @Override
  public ManageSnapshots removeTag(String name) {
    return change(List.of(name), m -> {
      tag(m, name);
      return m.toBuilder().lastUpdatedMs(now()).removeRef(name).build();
    });
  }

  @Override
  public ManageSnapshots renameBranch(String name, String newName) {
    return change(List.of(name, newName), m -> {
      if (name.equals(SnapshotRef.MAIN)) {
        throw new InvalidInputException(name, "the main branch cannot be renamed");
      }
      SnapshotRef r = branch(m, name);
      requireAbsent(m, newName);
      return m.toBuilder().lastUpdatedMs(now()).removeRef(name).setRef(newName, r).build();
    });
  }

  @Override
  public ManageSnapshots fastForwardBranch(String target, String source) {
    return change(List.of(target, source), m -> {
      SnapshotRef t = branch(m, target);
      SnapshotRef s = ref(m, source);
      if (t.snapshotId() == s.snapshotId()) {
        return m;
      }
      if (!isAncestor(m, t.snapshotId(), s.snapshotId())) {
        throw new InvalidInputException(target, "cannot fast-forward '" + target + "' to '" + source + "': its"
            + " snapshot " + t.snapshotId() + " is not an ancestor of " + source + "'s snapshot " + s.snapshotId()
            + " (the branches have diverged); use replaceBranch to move it anyway");
      }
      return m.toBuilder().lastUpdatedMs(now()).setRef(target, t.withSnapshotId(s.snapshotId())).build();
    });
  }

  @Override
  public ManageSnapshots rollbackTo(long snapshotId) {
    return change(List.of(SnapshotRef.MAIN), m -> {
      long head = mainHead(m);
      if (head == snapshotId) {
        return m;
      }
      if (new History(sink.io(), m).snapshot(snapshotId).isEmpty()) {
        throw new InvalidInputException("snapshot", "the table has no snapshot " + snapshotId
            + " (it never existed or was expired)");
      }
      if (!isAncestor(m, snapshotId, head)) {
        throw new InvalidInputException("snapshot", "cannot roll back main to snapshot " + snapshotId + ": it is"
            + " not an ancestor of main's current snapshot " + head + " (use setCurrentSnapshot for that)");
      }
      return m.toBuilder().lastUpdatedMs(now()).setBranchSnapshot(SnapshotRef.MAIN, inline(m, snapshotId).snapshotId())
          .build();
    });
  }

  @Override
  public ManageSnapshots setCurrentSnapshot(long snapshotId) {
    return change(List.of(SnapshotRef.MAIN), m -> m.toBuilder().lastUpdatedMs(now())
        .setBranchSnapshot(SnapshotRef.MAIN, inline(m, snapshotId).snapshotId()).build());
  }

  @Override
  public ManageSnapshots setMinSnapshotsToKeep(String branch, int count) {
    if (count < 1) {
      throw new InvalidInputException("min-snapshots-to-keep", "must be at least 1, got " + count);
    }
    return change(List.of(branch), m -> {
      SnapshotRef r = branch(m, branch);
      return m.toBuilder().lastUpdatedMs(now())
          .setRef(branch, r.withRetention(Optional.of(count), r.maxSnapshotAgeMs(), r.maxRefAgeMs())).build();
    });
  }

  @Override
  public ManageSnapshots setMaxSnapshotAgeMs(String branch, long ageMs) {
    if (ageMs <= 0) {
      throw new InvalidInputException("max-snapshot-age-ms", "must be positive, got " + ageMs);
    }
    return change(List.of(branch), m -> {
      SnapshotRef r = branch(m, branch);
      return m.toBuilder().lastUpdatedMs(now())
          .setRef(branch, r.withRetention(r.minSnapshotsToKeep(), Optional.of(ageMs), r.maxRefAgeMs())).build();
    });
  }

  @Override
  public ManageSnapshots setMaxRefAgeMs(String name, long ageMs) {
    if (ageMs <= 0) {
      throw new InvalidInputException("max-ref-age-ms", "must be positive, got " + ageMs);
    }
    return change(List.of(name), m -> {
      if (name.equals(SnapshotRef.MAIN)) {
        throw new InvalidInputException(name, "the main branch never expires, so it takes no max-ref-age-ms");
      }
      SnapshotRef r = ref(m, name);
      return m.toBuilder().lastUpdatedMs(now())
          .setRef(name, r.withRetention(r.minSnapshotsToKeep(), r.maxSnapshotAgeMs(), Optional.of(ageMs))).build();
    });
  }

  /** The commit's clock while committing; the wall clock while previewing. */
  private long clockMs = -1;

  private long now() {
    return clockMs >= 0 ? clockMs : System.currentTimeMillis();
  }

  @Override
  public CommitResult commit() {
    if (committed) {
      throw new IllegalStateException("these snapshot changes were already committed");
    }
    committed = true;
    if (changes.isEmpty() || working == base) {
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    return sink.submit((fresh, ctx) -> {
      // assert-ref-snapshot-id for every ref touched: another writer's move must not be undone
      for (Map.Entry<String, Optional<SnapshotRef>> e : seen.entrySet()) {
        Optional<SnapshotRef> now = Optional.ofNullable(fresh.refs().get(e.getKey()));
        Optional<Long> was = e.getValue().map(SnapshotRef::snapshotId);
        if (!now.map(SnapshotRef::snapshotId).equals(was)
            || !now.map(SnapshotRef::type).equals(e.getValue().map(SnapshotRef::type))) {
          throw new ValidationException("conflict: ref '" + e.getKey() + "' was "
              + was.map(id -> "at snapshot " + id).orElse("absent") + " when this change was made but is "
              + now.map(r -> "at snapshot " + r.snapshotId()).orElse("absent") + " now (another writer changed it);"
              + " look at the refs again and redo the change");
        }
      }
      clockMs = ctx.nowMs();
      TableMetadata m = fresh;
      for (UnaryOperator<TableMetadata> c : changes) {
        m = c.apply(m);
      }
      return m;
    }, Optional.empty(), () -> {});
  }
}

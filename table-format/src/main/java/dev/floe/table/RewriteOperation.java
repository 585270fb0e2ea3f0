package dev.floe.table;

import dev.floe.commit.CommitResult;
import dev.floe.error.InvalidInputException;
import dev.floe.expressions.Expressions;
import dev.floe.manifest.DataFile;
import dev.floe.metadata.TableMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class RewriteOperation extends BaseRowLevelOperation<RewriteFiles> implements RewriteFiles {
  private final Map<String, DataFile> inputs = new LinkedHashMap<>();
  private final List<DataFile> outputs = new ArrayList<>();

  RewriteOperation(ChangeSink sink) {
    super(sink);
  }

  @Override
  RewriteFiles self() {
    return this;
  }

  @Override
  String name() {
    return "rewrite";
  }

  @Override
  public RewriteFiles rewriteFiles(Collection<DataFile> in, Collection<DataFile> out) {
    for (DataFile f : in) {
      inputs.put(f.path(), f);
    }
    for (DataFile f : out) {
      sink.current().spec(f.specId()); // an unknown spec fails now, not at commit
      outputs.add(f);
    }
    return this;
  }

  @Override
  public RewriteFiles set(String key, String value) {
    return summary(key, value);
  }

  @Override
  public CommitResult commit() {
    markCommitted();
    if (inputs.isEmpty()) {
      if (!outputs.isEmpty()) {
        throw new InvalidInputException("rewrite", "adds " + outputs.size() + " file(s) but removes none;"
            + " a rewrite replaces files, use an append to add rows");
      }
      return new CommitResult(sink.current(), Optional.empty(), 0, false);
    }
    long in = inputs.values().stream().mapToLong(DataFile::recordCount).sum();
    long out = outputs.stream().mapToLong(DataFile::recordCount).sum();
    if (in != out) {
      // a rewrite moves rows, it never adds or loses any: a mismatch is a bug in the rewriter
      throw new InvalidInputException("rewrite", "the input files hold " + in + " rows but the output files "
          + out + "; a rewrite must keep every row");
    }
    for (DataFile f : outputs) {
      if (inputs.containsKey(f.path())) {
        throw new InvalidInputException("rewrite", f.path() + " is both an input and an output");
      }
    }
    TableMetadata base = sink.current();
    Plan plan = new Plan("replace", outputs, List.copyOf(inputs.values()), Optional.empty(),
        Expressions.alwaysTrue(), () -> {});
    return commitPlan(base, planningSnapshot(base), plan, null);
  }
}

package dev.floe.expressions;

import dev.floe.manifest.ColumnStats;
import dev.floe.types.Type;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A bound, NOT-free expression compiled once into a test over column statistics. The inclusive
 * and strict evaluators share this skeleton and differ only in the rule per predicate: combining
 * rules with and/or is sound for both "might match" and "all match".
 */
@FunctionalInterface
interface MetricsFilter {
  boolean test(long recordCount, Map<Integer, ColumnStats> stats);

  static MetricsFilter compile(Expression e, Set<Integer> neverNull,
      Function<BoundPredicate, Predicate<ColumnFacts>> rules) {
    if (e instanceof Expression.True) {
      return (n, s) -> true;
    }
    if (e instanceof Expression.False) {
      return (n, s) -> false;
    }
    if (e instanceof Expression.And a) {
      MetricsFilter l = compile(a.left(), neverNull, rules);
      MetricsFilter r = compile(a.right(), neverNull, rules);
      return (n, s) -> l.test(n, s) && r.test(n, s);
    }
    if (e instanceof Expression.Or o) {
      // For "all match" this is sound, not complete: rows split between the sides are not seen.
      MetricsFilter l = compile(o.left(), neverNull, rules);
      MetricsFilter r = compile(o.right(), neverNull, rules);
      return (n, s) -> l.test(n, s) || r.test(n, s);
    }
    if (e instanceof BoundPredicate p) {
      Predicate<ColumnFacts> rule = rules.apply(p);
      int id = p.fieldId();
      Type.PrimitiveType type = p.type();
      boolean required = neverNull.contains(id);
      return (n, s) -> rule.test(ColumnFacts.of(type, required, n, s.get(id)));
    }
    throw new IllegalStateException("not a bound expression without NOT: " + e);
  }
}

package dev.floe.view;

import dev.floe.error.CommitFailedException;
import java.util.Objects;
import java.util.Optional;

/** A condition a catalog checks on a view's current metadata before applying a commit. */
public sealed interface ViewRequirement {
  String type();

  /** @throws CommitFailedException if it does not hold */
  void validate(Optional<ViewMetadata> current);

  record AssertViewUuid(String uuid) implements ViewRequirement {
    public AssertViewUuid {
      Objects.requireNonNull(uuid, "uuid");
    }
    public String type() { return "assert-view-uuid"; }
    public void validate(Optional<ViewMetadata> current) {
      String actual = current.map(ViewMetadata::viewUuid).orElseThrow(() ->
          new CommitFailedException("requirement assert-view-uuid failed: the view does not exist"));
      if (!uuid.equals(actual)) {
        throw new CommitFailedException("requirement assert-view-uuid failed: expected uuid " + uuid
            + ", the view's is " + actual);
      }
    }
  }
}

package io.kpipulse.read.changes;

import java.util.List;
import java.util.Objects;

/**
 * One read of a tenant's change feed: the rows in the order they became visible, and the cursor the next
 * read starts after (the newest block read, or the cursor read from when nothing was new).
 */
public record ChangePage(List<ValueChange> rows, long newestBlock) {

    public ChangePage {
        rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
    }
}

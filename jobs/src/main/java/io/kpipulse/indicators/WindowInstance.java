package io.kpipulse.indicators;

import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;

/**
 * One calendar window instance of a key and its accumulator, addressed by its type and first day
 * (epoch days) rather than by a string built and parsed back on every item.
 */
final class WindowInstance {
    final WindowType type;
    final long startDay;
    final long endDay;
    final WindowAccumulator acc;

    WindowInstance(WindowType type, long startDay, long endDay, WindowAccumulator acc) {
        this.type = type;
        this.startDay = startDay;
        this.endDay = endDay;
        this.acc = acc;
    }

    static WindowInstance of(WindowBounds bounds) {
        return new WindowInstance(
                bounds.type(), bounds.start().toEpochDay(), bounds.end().toEpochDay(), new WindowAccumulator());
    }

    boolean holds(WindowType t, long day) {
        return type == t && startDay <= day && day <= endDay;
    }

    WindowBounds bounds() {
        return new WindowBounds(type, LocalDate.ofEpochDay(startDay), LocalDate.ofEpochDay(endDay));
    }

    /** Rows of one flush in a stable order: by window type, then by first day. */
    static int compare(WindowInstance a, WindowInstance b) {
        int byType = Integer.compare(a.type.ordinal(), b.type.ordinal());
        return byType != 0 ? byType : Long.compare(a.startDay, b.startDay);
    }
}

package io.kpipulse.api.indicators;

import io.kpipulse.catalog.WindowBounds;
import java.time.LocalDate;

/** A window instance as JSON; both bounds inclusive days in the tenant's time zone. */
public record WindowView(String type, LocalDate start, LocalDate end, String zone) {

    public static WindowView of(WindowBounds bounds, java.time.ZoneId zone) {
        return new WindowView(bounds.type().name(), bounds.start(), bounds.end(), zone.getId());
    }
}

package io.kpipulse.indicators;

import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import java.io.Serializable;

/**
 * A calendar version as it travels on the control topic and in broadcast state: its JSON text, so every
 * operator instance parses the very same document (as {@link CatalogUpdate} does with the catalog's YAML).
 */
public record CalendarUpdate(String json) implements Serializable {

    public static CalendarUpdate of(CalendarVersion version) {
        return new CalendarUpdate(CalendarVersionJson.write(version));
    }

    /** @throws io.kpipulse.tenants.CalendarVersionException when the document is not a valid version */
    public CalendarVersion parse() {
        return CalendarVersionJson.read(json);
    }
}

package io.kpipulse.api.calendars;

import io.kpipulse.api.http.ServiceUnavailableException;
import io.kpipulse.tenants.CalendarVersion;

/** Where calendar versions go so the running engine sees them: the control topic, or nowhere without Kafka. */
public interface CalendarPublication {

    void publish(CalendarVersion version);

    /** An API started without Kafka cannot change calendars: a 503 rather than a version the engine never sees. */
    static CalendarPublication unavailable() {
        return version -> {
            throw new ServiceUnavailableException(
                    "calendar versions need the control topic; this API runs without Kafka");
        };
    }
}

package io.kpipulse.ingest;

import java.io.Serializable;

/**
 * An event that came after the allowed lateness. It is not counted in any window; it is kept, with the
 * watermark it missed, so period close can review and adjust.
 */
public record LateEvent(String tenantId, String eventType, String eventId, long eventTime, long watermark,
                        String reason, String employeeId, String departmentId, byte[] payload, String topic,
                        int partition, long offset, long detectedAtMillis) implements Serializable {
}

package io.kpipulse.api.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One accepted raw event, as archived in {@code raw_events}; the payload is the decoded Avro record as JSON. */
public record LineageEvent(
        String eventId,
        String eventType,
        Instant eventTime,
        String employeeId,
        String departmentId,
        String sourceSystem,
        JsonNode payload) {}

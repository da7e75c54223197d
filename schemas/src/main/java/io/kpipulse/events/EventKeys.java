package io.kpipulse.events;

import io.kpipulse.events.common.EventHeader;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Kafka message key of an event: {@code tenantId + "|" + subject} as UTF-8 bytes, where subject is
 * <ol>
 *   <li>{@code header.employeeId} if present, else</li>
 *   <li>{@code header.departmentId} if present, else</li>
 *   <li>the event type's correlation id ({@link EventType#correlationField()}: the first field after the
 *       header, e.g. {@code claimId}, {@code ticketId}, {@code processInstanceId}).</li>
 * </ol>
 * All events about one employee therefore land in one partition, in order. Tenant ids never contain {@code |}
 * ({@link EventCodec} rejects such events), so the tenant is always the text before the first {@code |}.
 */
public final class EventKeys {
    public static final String SEPARATOR = "|";

    private EventKeys() {}

    /** The message key, UTF-8. */
    public static byte[] keyOf(SpecificRecord event) {
        return keyStringOf(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The message key as text (the single place where the rule lives). */
    public static String keyStringOf(SpecificRecord event) {
        EventHeader header = EventHeaders.header(event);
        String subject = header.getEmployeeId();
        if (subject == null) {
            subject = header.getDepartmentId();
        }
        if (subject == null) {
            EventType type = EventTypes.of(event.getClass());
            Object correlation = event.get(type.correlationFieldPos());
            if (correlation == null) {
                throw new IllegalArgumentException(
                        type.name() + " has no subject: no employeeId, departmentId or " + type.correlationField());
            }
            subject = correlation.toString();
        }
        return header.getTenantId() + SEPARATOR + subject;
    }
}

package io.kpipulse.events;

import io.kpipulse.events.common.SourceSystem;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One registered event type. Built only by {@link EventTypes}.
 *
 * @param name short name {@code <system>.<RecordName>}, e.g. {@code policy.PolicyIssued}
 * @param javaClass the generated Avro class
 * @param schema the current (reader) schema
 * @param sourceSystem the system that emits it
 * @param topic the Kafka topic it is published to
 * @param correlationField the event's correlation id field (always the first field after {@code header}); the
 *     Kafka key subject when the header names neither an employee nor a department
 */
public record EventType(
        String name,
        Class<? extends SpecificRecord> javaClass,
        Schema schema,
        SourceSystem sourceSystem,
        String topic,
        String correlationField) {

    /** Full Avro name, e.g. {@code io.kpipulse.events.policy.PolicyIssued}. */
    public String fullName() {
        return schema.getFullName();
    }

    /** Position of {@link #correlationField} in the record. */
    public int correlationFieldPos() {
        return schema.getField(correlationField).pos();
    }
}

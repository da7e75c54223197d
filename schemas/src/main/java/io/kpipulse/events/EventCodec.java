package io.kpipulse.events;

import io.kpipulse.events.EventDecodeException.Reason;
import io.kpipulse.events.common.EventHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of events: {@code 0xC3 0x01}, the 8-byte little-endian CRC-64-AVRO fingerprint of
 * the writer schema, then the binary body.
 *
 * <p>{@link #decode} accepts every released version of every event ({@link SchemaHistory}) plus the current
 * schemas, and resolves it into the current generated class. Failures are {@link EventDecodeException}s with a
 * reason and the original bytes, for the dead-letter path.
 *
 * <p>Immutable after construction and thread-safe: encoders, readers and their schema resolution are built once per
 * class / fingerprint (Avro caches the resolving decoder per thread); per call only the decoder state is reused from a
 * thread-local.
 */
public final class EventCodec {
    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;
    static final int HEADER_LENGTH = 10;

    private static final class Holder {
        static final EventCodec STANDARD = new EventCodec();
    }

    private record Reader(EventType type, SpecificDatumReader<SpecificRecord> reader, int version, long fingerprint) {}

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new IdentityHashMap<>();
    private final Map<Long, Reader> readers = new HashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private final ThreadLocal<ByteArrayOutputStream> buffers =
            ThreadLocal.withInitial(() -> new ByteArrayOutputStream(256));

    /** A codec for every registered event type and every version in the schema history. */
    public EventCodec() {
        for (EventType type : EventTypes.all()) {
            SpecificData model = SpecificData.getForClass(type.javaClass());
            encoders.put(type.javaClass(), new BinaryMessageEncoder<>(model, type.schema()));
            List<SchemaHistory.Version> versions = SchemaHistory.versions(type);
            for (SchemaHistory.Version version : versions) {
                register(type, model, version.schema(), version.number());
            }
            long current = SchemaNormalization.parsingFingerprint64(type.schema());
            if (!readers.containsKey(current)) {
                register(type, model, type.schema(), 0);
            }
        }
    }

    /** The shared instance (immutable, so sharing is safe). */
    public static EventCodec standard() {
        return Holder.STANDARD;
    }

    private void register(EventType type, SpecificData model, Schema writer, int version) {
        if (!writer.getFullName().equals(type.fullName())) {
            throw new IllegalStateException("history of " + type.name() + " contains " + writer.getFullName());
        }
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        Reader previous = readers.put(
                fingerprint,
                new Reader(type, new SpecificDatumReader<>(writer, type.schema(), model), version, fingerprint));
        if (previous != null && !previous.type().equals(type)) {
            throw new IllegalStateException(
                    "fingerprint collision between " + previous.type().name() + " and " + type.name());
        }
    }

    /** Fingerprints of every schema version this codec decodes. */
    public java.util.Set<Long> knownFingerprints() {
        return java.util.Collections.unmodifiableSet(readers.keySet());
    }

    /**
     * Encodes an event with its current schema.
     *
     * @throws IllegalArgumentException if the class is not a registered event, the header is invalid, or a value does
     *     not fit its schema (e.g. a money amount with more than 2 decimals)
     */
    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException("not a registered KPI Pulse event class: "
                    + event.getClass().getName());
        }
        String invalid = headerProblem(EventTypes.of(event.getClass()), event);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        ByteArrayOutputStream out = buffers.get();
        out.reset();
        try {
            encoder.encode(event, out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + event.getSchema().getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Decodes single-object bytes into the current class of the event. */
    public DecodedEvent decode(byte[] bytes) throws EventDecodeException {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw new EventDecodeException(
                    Reason.NOT_SINGLE_OBJECT,
                    bytes == null ? "null" : bytes.length < HEADER_LENGTH ? bytes.length + " bytes" : "bad magic",
                    bytes,
                    0L,
                    null);
        }
        long fingerprint = fingerprintOf(bytes);
        Reader reader = readers.get(fingerprint);
        if (reader == null) {
            throw new EventDecodeException(
                    Reason.UNKNOWN_SCHEMA, "fingerprint " + Long.toHexString(fingerprint), bytes, fingerprint, null);
        }
        SpecificRecord event;
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoders.get());
            decoders.set(decoder);
            event = reader.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new EventDecodeException(
                        Reason.MALFORMED_BODY,
                        "trailing bytes after " + reader.type().name(),
                        bytes,
                        fingerprint,
                        null);
            }
        } catch (IOException | RuntimeException e) {
            throw new EventDecodeException(
                    Reason.MALFORMED_BODY, reader.type().name() + ": " + e, bytes, fingerprint, e);
        }
        String invalid = headerProblem(reader.type(), event);
        if (invalid != null) {
            throw new EventDecodeException(Reason.INVALID_HEADER, invalid, bytes, fingerprint, null);
        }
        return new DecodedEvent(reader.type(), event, reader.version(), fingerprint);
    }

    /** The writer fingerprint of single-object bytes (little-endian, bytes 2..9). Caller checks the length. */
    static long fingerprintOf(byte[] bytes) {
        long fp = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fp = (fp << 8) | (bytes[i] & 0xFFL);
        }
        return fp;
    }

    private static String headerProblem(EventType type, SpecificRecord event) {
        if (!(event.get(EventHeaders.HEADER_POS) instanceof EventHeader header)) {
            return type.name() + ": header missing";
        }
        String tenant = header.getTenantId();
        if (tenant == null || tenant.isBlank() || tenant.contains(EventKeys.SEPARATOR)) {
            return type.name() + ": tenantId must be non-blank and must not contain '" + EventKeys.SEPARATOR + "'";
        }
        if (header.getSourceSystem() != type.sourceSystem()) {
            return type.name() + ": header.sourceSystem is " + header.getSourceSystem() + ", expected "
                    + type.sourceSystem();
        }
        if (header.getEventId() == null || header.getEventTime() == null) {
            return type.name() + ": eventId and eventTime are required";
        }
        return null;
    }
}

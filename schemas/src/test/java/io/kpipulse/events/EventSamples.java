package io.kpipulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fully populated, deterministic events built from their schemas. Every leaf value depends only on the seed and the
 * field's path (e.g. {@code claims.ClaimReported.header.tenantId}), so two versions of a schema get equal values for
 * the fields they share.
 */
final class EventSamples {
    /** A generic model that understands the logical types the event schemas use. */
    static final GenericData GENERIC = new GenericData();

    static {
        GENERIC.addLogicalTypeConversion(new Conversions.DecimalConversion());
        GENERIC.addLogicalTypeConversion(new Conversions.UUIDConversion());
        GENERIC.addLogicalTypeConversion(new TimeConversions.DateConversion());
        GENERIC.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private EventSamples() {}

    /** A fully populated instance of the generated class (optional fields set). */
    static SpecificRecord sample(EventType type, long seed) {
        return specific(type, seed, false);
    }

    /** An instance with every optional field null. */
    static SpecificRecord sampleWithoutOptionals(EventType type, long seed) {
        return specific(type, seed, true);
    }

    /** A generic record of some (possibly older) schema version of {@code type}, same values as {@link #sample}. */
    static GenericRecord genericSample(EventType type, Schema writer, long seed) {
        GenericRecord record = (GenericRecord) fill(writer, GENERIC, seed, type.name(), false);
        fixSourceSystem(record, type, GENERIC);
        return record;
    }

    private static SpecificRecord specific(EventType type, long seed, boolean nullOptionals) {
        SpecificData model = SpecificData.getForClass(type.javaClass());
        SpecificRecord record = (SpecificRecord) fill(type.schema(), model, seed, type.name(), nullOptionals);
        fixSourceSystem(record, type, model);
        return record;
    }

    /** The header's source system must match the event type (the codec validates it). */
    private static void fixSourceSystem(IndexedRecord event, EventType type, GenericData model) {
        IndexedRecord header = (IndexedRecord) event.get(EventHeaders.HEADER_POS);
        Schema.Field field = header.getSchema().getField("sourceSystem");
        header.put(field.pos(), model.createEnum(type.sourceSystem().name(), field.schema()));
    }

    static Object fill(Schema schema, GenericData model, long seed, String path, boolean nullOptionals) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + path.hashCode());
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000L, decimal.getScale());
        }
        if (logical != null) {
            switch (logical.getName()) {
                case "date":
                    return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(3650));
                case "timestamp-millis":
                    return Instant.ofEpochMilli(1_577_836_800_000L + (random.nextLong() & 0x3F_FFFF_FFFFL));
                case "uuid":
                    return new UUID(random.nextLong(), random.nextLong());
                default:
                    throw new IllegalStateException("no sample for logical type " + logical.getName() + " at " + path);
            }
        }
        switch (schema.getType()) {
            case RECORD: {
                IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(
                            field.pos(), fill(field.schema(), model, seed, path + "." + field.name(), nullOptionals));
                }
                return record;
            }
            case ENUM: {
                List<String> symbols = schema.getEnumSymbols();
                return model.createEnum(symbols.get(random.nextInt(symbols.size())), schema);
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    list.add(fill(schema.getElementType(), model, seed, path + "[" + i + "]", nullOptionals));
                }
                return list;
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    map.put("key" + i, fill(schema.getValueType(), model, seed, path + "{" + i + "}", nullOptionals));
                }
                return map;
            }
            case UNION: {
                boolean nullable = schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
                if (nullable && nullOptionals) {
                    return null;
                }
                Schema branch = schema.getTypes().stream()
                        .filter(s -> s.getType() != Schema.Type.NULL)
                        .findFirst()
                        .orElseThrow();
                return fill(branch, model, seed, path, nullOptionals);
            }
            case STRING:
                return path.substring(path.lastIndexOf('.') + 1) + "-"
                        + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            case INT:
                return random.nextInt(10_000);
            case LONG:
                return random.nextLong();
            case DOUBLE:
                return random.nextDouble() * 100;
            case FLOAT:
                return random.nextFloat();
            case BOOLEAN:
                return random.nextBoolean();
            case NULL:
                return null;
            default:
                throw new IllegalStateException("no sample for " + schema.getType() + " at " + path);
        }
    }
}

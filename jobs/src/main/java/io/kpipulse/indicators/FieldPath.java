package io.kpipulse.indicators;

import io.kpipulse.catalog.CatalogValidator;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A dotted field path compiled to record positions for one event schema, so reading a field on the hot
 * path is a few array lookups instead of name resolution.
 */
public final class FieldPath implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int[] positions;

    private FieldPath(String path, int[] positions) {
        this.path = path;
        this.positions = positions;
    }

    public static FieldPath compile(Schema schema, String path) {
        if (CatalogValidator.resolve(schema, path).isEmpty()) {
            throw new IllegalArgumentException(schema.getFullName() + " has no field " + path);
        }
        String[] parts = path.split("\\.");
        int[] positions = new int[parts.length];
        Schema current = schema;
        for (int i = 0; i < parts.length; i++) {
            current = nonNull(current);
            Schema.Field field = current.getField(parts[i]);
            positions[i] = field.pos();
            current = field.schema();
        }
        return new FieldPath(path, positions);
    }

    /** The value at the path, or null when the path crosses a null. */
    public Object read(IndexedRecord record) {
        Object current = record;
        for (int position : positions) {
            if (!(current instanceof IndexedRecord r)) {
                return null;
            }
            current = r.get(position);
        }
        return current;
    }

    /** The value as a string (enum symbols by name, UUIDs in canonical form), or null. */
    public String readString(IndexedRecord record) {
        Object value = read(record);
        if (value == null) {
            return null;
        }
        return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    /** A timestamp-millis field as epoch millis. */
    public long readMillis(IndexedRecord record) {
        Object value = read(record);
        if (value instanceof java.time.Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Long millis) {
            return millis;
        }
        throw new IllegalStateException(path + " is not a timestamp: " + value);
    }

    public String path() {
        return path;
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream()
                    .filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElseThrow();
        }
        return schema;
    }

    @Override
    public String toString() {
        return path + Arrays.toString(positions);
    }
}

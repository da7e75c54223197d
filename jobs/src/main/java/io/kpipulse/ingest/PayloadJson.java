package io.kpipulse.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON text {@code raw_events.payload_json} keeps of an accepted event: character for character what Avro's
 * {@code toString()} of the record renders (the API's lineage shows it, and rows archived before this class must
 * read the same), at a fraction of its cost on the hot path: admission renders every accepted event, and Avro's
 * renderer, meant for debugging, allocates a 128-slot identity map per call against cycles (generated records have
 * none), sends every field name through its type dispatch and grows its buffer from 16 characters. Here field names
 * are quoted once per schema and one buffer is reused.
 *
 * <p>The same rules as Avro 1.12's {@code GenericData.toString}, in its order: records {@code {"name": value, ...}},
 * collections {@code [a, b]}, maps {@code {"key": value}}, strings, enum symbols and bytes (as ISO-8859-1) quoted with
 * its escapes, NaN and infinite floats, {@code java.time} values and UUIDs quoted, anything else (numbers, booleans,
 * decimals, null) as {@code String.valueOf}. {@code PayloadJsonTest} holds it to Avro's output for every event of a
 * simulated month and for the escapes. Not thread-safe: one per operator instance.
 */
final class PayloadJson {

    /** Per record schema, its fields' {@code "name": } prefixes; generated records share one schema object each. */
    private final IdentityHashMap<Schema, String[]> prefixes = new IdentityHashMap<>();

    private final StringBuilder buffer = new StringBuilder(1024);

    String of(IndexedRecord event) {
        buffer.setLength(0);
        record(event, buffer);
        return buffer.toString();
    }

    private void record(IndexedRecord r, StringBuilder b) {
        String[] names = prefixes.computeIfAbsent(r.getSchema(), PayloadJson::prefixes);
        b.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(names[i]);
            value(r.get(i), b);
        }
        b.append('}');
    }

    private static String[] prefixes(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        String[] names = new String[fields.size()];
        for (Schema.Field f : fields) {
            StringBuilder name = new StringBuilder().append('"');
            escaped(f.name(), name);
            names[f.pos()] = name.append("\": ").toString();
        }
        return names;
    }

    private void value(Object v, StringBuilder b) {
        if (v instanceof IndexedRecord r) {
            record(r, b);
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            boolean first = true;
            for (Object element : c) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                value(element, b);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append('"');
                escaped(String.valueOf(e.getKey()), b);
                b.append("\": ");
                value(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof CharSequence s) {
            quoted(s, b);
        } else if (v instanceof Enum<?> || v instanceof GenericEnumSymbol<?>) {
            quoted(v.toString(), b);
        } else if (v instanceof ByteBuffer bytes) {
            quoted(StandardCharsets.ISO_8859_1.decode(bytes.duplicate()), b);
        } else if (nanOrInfinite(v) || v instanceof Temporal || v instanceof UUID) {
            b.append('"').append(v).append('"');
        } else {
            b.append(v);
        }
    }

    private static boolean nanOrInfinite(Object v) {
        return (v instanceof Float f && (f.isNaN() || f.isInfinite()))
                || (v instanceof Double d && (d.isNaN() || d.isInfinite()));
    }

    private static void quoted(CharSequence s, StringBuilder b) {
        b.append('"');
        escaped(s, b);
        b.append('"');
    }

    /** Avro's escapes: JSON's short ones, and {@code \\uXXXX} for C0 and C1 controls and U+2000..U+20FF. */
    private static void escaped(CharSequence s, StringBuilder b) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch <= '\u001F' || (ch >= '\u007F' && ch <= '\u009F') || (ch >= '\u2000' && ch <= '\u20FF')) {
                        String hex = Integer.toHexString(ch).toUpperCase(java.util.Locale.ROOT);
                        b.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
    }
}

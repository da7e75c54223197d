package io.kpipulse.bench.baseline;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.simulator.truth.OrgDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * The baseline's input, made by the bench from the events it publishes: a plain JSON copy of each event
 * ({@code {"tenant": ..., "type": ..., "f": {path: text}}}, Flink SQL's {@code json} format reads it; its
 * {@code avro} format cannot read our single-object encoding), and the static org lookup the SQL's department
 * roll-up uses.
 *
 * <p>The copy carries the fields the baseline's queries read ({@link BaselineQueries#fieldPaths()}), for every
 * event, whether or not an indicator reads its type: the baseline consumes and parses the whole stream.
 */
public final class BaselineEvents {

    private final Set<String> paths;

    public BaselineEvents(Set<String> paths) {
        this.paths = paths;
    }

    public byte[] json(SpecificRecord event) {
        var header = EventHeaders.header(event);
        StringBuilder out = new StringBuilder(256);
        out.append("{\"tenant\":");
        quote(out, header.getTenantId().toString());
        out.append(",\"type\":");
        quote(out, EventTypes.of(event.getClass()).name());
        out.append(",\"f\":{");
        boolean first = true;
        for (String path : paths) {
            String text = text(event, path);
            if (text == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, path);
            out.append(':');
            quote(out, text);
        }
        return out.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A dotted path's value as text (instants as epoch milliseconds), or null when the event has no such field. */
    static String text(IndexedRecord record, String path) {
        Object current = record;
        for (String part : path.split("\\.")) {
            if (!(current instanceof IndexedRecord r)) {
                return null;
            }
            Schema.Field field = r.getSchema().getField(part);
            if (field == null) {
                return null;
            }
            current = r.get(field.pos());
        }
        if (current == null) {
            return null;
        }
        if (current instanceof Instant i) {
            return Long.toString(i.toEpochMilli());
        }
        if (current instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return current.toString();
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * The static org lookup, one line per employee ({@code E tenant employee department}) and per department
     * ({@code D tenant department path}), as of {@code asOf} (the month's first instant). The simplification: an
     * employee who moves during the month has the whole month rolled up to the department of its first day (or of
     * the hire), and a department reparented during the month keeps its first-day parents; the engine rolls each
     * event up as of its own time.
     */
    public static void writeOrg(Path file, List<? extends SpecificRecord> accepted, long asOf) throws IOException {
        Map<String, OrgDirectory> directories = OrgDirectory.fromEvents(accepted);
        Map<String, Set<String>> employees = new TreeMap<>();
        for (SpecificRecord e : accepted) {
            if (e instanceof EmployeeHired h) {
                employees
                        .computeIfAbsent(h.getHeader().getTenantId().toString(), t -> new java.util.TreeSet<>())
                        .add(h.getEmployeeId().toString());
            }
        }
        List<String> lines = new ArrayList<>();
        Map<String, Set<String>> departments = new TreeMap<>();
        employees.forEach((tenant, ids) -> {
            OrgDirectory directory = directories.get(tenant);
            for (String id : ids) {
                String department = directory.departmentOf(id, asOf);
                lines.add(String.join("\t", "E", tenant, id, department));
                departments
                        .computeIfAbsent(tenant, t -> new java.util.TreeSet<>())
                        .add(department);
            }
        });
        for (SpecificRecord e : accepted) {
            String department = text(e, "departmentId");
            if (department != null) {
                departments
                        .computeIfAbsent(
                                EventHeaders.header(e).getTenantId().toString(), t -> new java.util.TreeSet<>())
                        .add(department);
            }
        }
        departments.forEach((tenant, ids) -> {
            for (String id : ids) {
                lines.add(String.join(
                        "\t",
                        "D",
                        tenant,
                        id,
                        String.join(",", directories.get(tenant).pathOf(id, asOf))));
            }
        });
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}

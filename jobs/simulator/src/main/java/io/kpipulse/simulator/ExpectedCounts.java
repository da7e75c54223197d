package io.kpipulse.simulator;

import io.kpipulse.simulator.faults.FaultKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine must count after consuming the produced records:
 * {@code accepted + deadLettered + late + duplicates = produced}. Out-of-order records are accepted; their
 * count is informational.
 */
public record ExpectedCounts(
        Map<String, Integer> producedPerTopic,
        int produced,
        int accepted,
        int duplicates,
        int outOfOrder,
        int late,
        int malformed,
        int unknownEmployee,
        int unknownTenant,
        int impossibleValue) {

    public static ExpectedCounts of(java.util.List<ProducedRecord> records, int accepted) {
        Map<String, Integer> perTopic = new TreeMap<>();
        Map<FaultKind, Integer> kinds = new java.util.EnumMap<>(FaultKind.class);
        for (ProducedRecord r : records) {
            perTopic.merge(r.topic(), 1, Integer::sum);
            kinds.merge(r.fault(), 1, Integer::sum);
        }
        return new ExpectedCounts(
                perTopic,
                records.size(),
                accepted,
                kinds.getOrDefault(FaultKind.DUPLICATE, 0),
                kinds.getOrDefault(FaultKind.OUT_OF_ORDER, 0),
                kinds.getOrDefault(FaultKind.LATE, 0),
                kinds.getOrDefault(FaultKind.MALFORMED, 0),
                kinds.getOrDefault(FaultKind.UNKNOWN_EMPLOYEE, 0),
                kinds.getOrDefault(FaultKind.UNKNOWN_TENANT, 0),
                kinds.getOrDefault(FaultKind.IMPOSSIBLE_VALUE, 0));
    }

    public int deadLettered() {
        return malformed + unknownEmployee + unknownTenant + impossibleValue;
    }

    public boolean reconciles() {
        return accepted + deadLettered() + late + duplicates == produced;
    }

    /** Deterministic JSON (keys in a fixed order, topics sorted). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"produced_per_topic\": {");
        String sep = "\n";
        for (Map.Entry<String, Integer> e : producedPerTopic.entrySet()) {
            sb.append(sep).append("    \"").append(e.getKey()).append("\": ").append(e.getValue());
            sep = ",\n";
        }
        sb.append("\n  },\n");
        field(sb, "produced", produced);
        field(sb, "accepted", accepted);
        field(sb, "dead_lettered", deadLettered());
        field(sb, "duplicates", duplicates);
        field(sb, "out_of_order", outOfOrder);
        field(sb, "late", late);
        field(sb, "malformed", malformed);
        field(sb, "unknown_employee", unknownEmployee);
        field(sb, "unknown_tenant", unknownTenant);
        sb.append("  \"impossible_value\": ").append(impossibleValue).append("\n}\n");
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, int value) {
        sb.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }
}

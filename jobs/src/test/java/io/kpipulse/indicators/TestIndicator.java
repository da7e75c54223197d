package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * One indicator of a test catalog, written as the catalog YAML a department head would send, so a test
 * shows the aggregation it exercises next to the numbers it expects. Defaults: month-to-date, employee
 * and department subjects, higher is better, 4 decimals, no target.
 */
final class TestIndicator {

    private final String id;
    private final String aggregation;
    private String windows = "[MONTH_TO_DATE]";
    private String subjects = "[EMPLOYEE, DEPARTMENT]";
    private String direction = "HIGHER_IS_BETTER";
    private int scale = 4;
    private final List<String> targets = new ArrayList<>();

    private TestIndicator(String id, String aggregation) {
        this.id = id;
        this.aggregation = aggregation;
    }

    /** @param aggregation the {@code aggregation:} value in YAML flow style */
    static TestIndicator of(String id, String aggregation) {
        return new TestIndicator(id, aggregation);
    }

    /** {@code all} or a flow list such as {@code [DAY, ROLLING_7D]}. */
    TestIndicator windows(String value) {
        this.windows = value;
        return this;
    }

    TestIndicator subjects(String value) {
        this.subjects = value;
        return this;
    }

    TestIndicator lowerIsBetter() {
        this.direction = "LOWER_IS_BETTER";
        return this;
    }

    TestIndicator scale(int value) {
        this.scale = value;
        return this;
    }

    /** A target for every window and subject from 2026-01-01 on. */
    TestIndicator target(String value) {
        return targetRule("from: 2026-01-01, target: " + value);
    }

    /** A target rule as the catalog writes it inside braces, e.g. {@code from: 2026-01-01, department: d-a, target: 5}. */
    TestIndicator targetRule(String rule) {
        targets.add("{" + rule + "}");
        return this;
    }

    String id() {
        return id;
    }

    private String yaml() {
        StringBuilder b = new StringBuilder()
                .append("  - id: ")
                .append(id)
                .append('\n')
                .append("    names: {en: ")
                .append(id)
                .append(", zh-CN: ")
                .append(id)
                .append("}\n")
                .append("    owner: ANY\n")
                .append("    perspective: INTERNAL_PROCESS\n")
                .append("    unit: test\n")
                .append("    direction: ")
                .append(direction)
                .append('\n')
                .append("    scale: ")
                .append(scale)
                .append('\n')
                .append("    windows: ")
                .append(windows)
                .append('\n')
                .append("    subjects: ")
                .append(subjects)
                .append('\n')
                .append("    aggregation: ")
                .append(aggregation)
                .append('\n');
        if (!targets.isEmpty()) {
            b.append("    targets:\n");
            targets.forEach(t -> b.append("      - ").append(t).append('\n'));
        }
        return b.toString();
    }

    /** A whole catalog document of {@code version} holding these indicators. */
    static CatalogUpdate catalog(long version, List<TestIndicator> indicators) {
        StringBuilder b = new StringBuilder("version: ").append(version).append("\nindicators:\n");
        indicators.forEach(i -> b.append(i.yaml()));
        return CatalogUpdate.of(b.toString());
    }

    static CatalogUpdate catalog(TestIndicator... indicators) {
        return catalog(1, List.of(indicators));
    }
}

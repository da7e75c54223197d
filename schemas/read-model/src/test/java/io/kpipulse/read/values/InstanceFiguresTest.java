package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.StorageException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The close's columnar read ({@link IndicatorValueReader#forEachInstanceFigure}, RowBinary) gives exactly the
 * figures of the newest versions, the same as the JDBC read of {@link IndicatorValueReader#forEachInstanceValue},
 * with either strategy: stale versions arriving late, NULL values and targets, a decimal beyond a long's digits,
 * negatives and zero, other tenants, months and subject types left out.
 */
class InstanceFiguresTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final List<String> INDICATORS = List.of("new_policy_premium", "policies_issued");

    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_figures");
        stored.insert(
                mtd("new_policy_premium", "e-1", "12345.67")
                        .target("60000", "0.205761")
                        .version(30),
                mtd("new_policy_premium", "e-2", "-0.5").parts("-0.5", "2").version(5),
                mtd("new_policy_premium", "e-3", null).parts("0", "0").version(7),
                // 20 integer digits: the unscaled value (x 10^6) needs more than 64 bits
                mtd("policies_issued", "e-1", "12345678901234567890.123456").version(3),
                mtd("policies_issued", "e-4", "0").version(2),
                row("t-acme", "new_policy_premium", "MONTH_TO_DATE", "2026-02-01", "2026-02-28", "EMPLOYEE", "e-1", "1")
                        .version(99),
                row(
                        "t-other",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "EMPLOYEE",
                        "e-1",
                        "7"),
                row(
                        "t-acme",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "DEPARTMENT",
                        "d-1",
                        "8"),
                mtd("commission_paid", "e-1", "5").version(1));
        stored.insert(
                mtd("new_policy_premium", "e-1", "99999.99").version(20), // stale, arrives late
                mtd("new_policy_premium", "e-2", "-600.25").version(6)); // newer, negative
    }

    private static StoredRows.Row mtd(String indicator, String employee, String value) {
        return row("t-acme", indicator, "MONTH_TO_DATE", "2026-03-01", "2026-03-31", "EMPLOYEE", employee, value);
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void figuresAreTheNewestVersionsExactly(ValueReadStrategy strategy) {
        List<InstanceFigure> figures = figures(strategy);

        assertEquals(
                List.of(
                        figure("new_policy_premium", "e-1", "12345.67", "12345.67", null, "60000", "0.205761", 30),
                        figure("new_policy_premium", "e-2", "-600.25", "-600.25", null, null, null, 6),
                        figure("new_policy_premium", "e-3", null, "0", "0", null, null, 7),
                        figure(
                                "policies_issued",
                                "e-1",
                                "12345678901234567890.123456",
                                "12345678901234567890.123456",
                                null,
                                null,
                                null,
                                3),
                        figure("policies_issued", "e-4", "0", "0", null, null, null, 2)),
                figures);
        // Six places as stored, like the JDBC read.
        assertEquals(6, figures.get(0).value().scale());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void figuresEqualTheFullRowsRead(ValueReadStrategy strategy) {
        List<InstanceFigure> fromRows = new ArrayList<>();
        stored.reader(strategy)
                .forEachInstanceValue(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        v -> fromRows.add(InstanceFigure.of(v)));
        fromRows.sort(ORDER);

        assertEquals(fromRows, figures(strategy));
    }

    @Test
    void everyVersionReadKeepingTheHighestGivesTheNewestFiguresOfEitherStrategy() {
        java.util.Map<String, InstanceFigure> newest = new java.util.HashMap<>();
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        List<Long> seen = new ArrayList<>();
        stored.reader(ValueReadStrategy.FINAL)
                .forEachInstanceFigureVersion(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        (f, version) -> {
                            seen.add(version);
                            String key = f.indicatorId() + "|" + f.subjectId();
                            if (!versions.containsKey(key) || version > versions.get(key)) {
                                newest.put(key, f);
                                versions.put(key, version);
                            }
                        });
        // Every stored version of March's employee rows: e-1's premium in versions 30 and 20, e-2's in 5 and 6.
        assertEquals(
                List.of(2L, 3L, 5L, 6L, 7L, 20L, 30L), seen.stream().sorted().toList());
        List<InstanceFigure> kept = new ArrayList<>(newest.values());
        kept.sort(ORDER);
        for (ValueReadStrategy strategy : ValueReadStrategy.values()) {
            assertEquals(figures(strategy), kept, strategy.name());
        }
    }

    @Test
    void figureRowsAreEveryVersionWithTheSameFiguresAndLongsWhereTheyFit() {
        List<String> fromVersions = new ArrayList<>();
        stored.reader(ValueReadStrategy.FINAL)
                .forEachInstanceFigureVersion(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        (f, version) -> fromVersions.add(f + "@" + version));
        List<String> fromRows = new ArrayList<>();
        List<String> longs = new ArrayList<>();
        stored.reader(ValueReadStrategy.FINAL)
                .forEachInstanceFigureRow(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        row -> {
                            fromRows.add(row.toFigure() + "@" + row.version());
                            if (row.subjectId().equals("e-1") && row.version() == 30) {
                                // 12345.67 at six places; no numerator, a target and an attainment
                                longs.add(row.unscaled(0) + " " + row.fitsLong(2) + " " + row.unscaled(3));
                            }
                            if (row.indicatorId().equals("policies_issued")
                                    && row.subjectId().equals("e-1")) {
                                longs.add("wide " + row.fitsLong(0) + " " + row.present(0));
                            }
                        });
        fromVersions.sort(null);
        fromRows.sort(null);

        assertEquals(fromVersions, fromRows);
        assertEquals(List.of("12345670000 false 60000000000", "wide false true"), longs);
    }

    @Test
    void figureRowsAreNotReadForRollingWindows() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> stored.reader(ValueReadStrategy.FINAL)
                        .forEachInstanceFigureRow(
                                "t-acme",
                                INDICATORS,
                                WindowType.ROLLING_30D.instanceFor(LocalDate.of(2026, 3, 31)),
                                SubjectType.EMPLOYEE,
                                row -> {}));
    }

    @Test
    void aTenantWithoutValuesReadsNothing() {
        List<InstanceFigure> none = new ArrayList<>();
        stored.reader(ValueReadStrategy.FINAL)
                .forEachInstanceFigure(
                        "t-nobody",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        none::add);

        assertEquals(List.of(), none);
    }

    @Test
    void aQuoteInABoundValueStaysAValue() {
        // A quote in a bound value stays a value: nothing is found, and the table is intact.
        List<InstanceFigure> none = new ArrayList<>();
        stored.reader(ValueReadStrategy.FINAL)
                .forEachInstanceFigure(
                        "t-acme' OR '1'='1",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        none::add);

        assertEquals(List.of(), none);
        assertEquals(5, figures(ValueReadStrategy.FINAL).size());
    }

    @Test
    void aFailingQueryIsAStorageError() {
        IndicatorValueReader broken = new IndicatorValueReader(
                () -> {
                    throw new java.sql.SQLException("no connection");
                },
                ValueReadStrategy.FINAL,
                io.kpipulse.catalog.CatalogYaml::templateLibrary);
        org.junit.jupiter.api.Assertions.assertThrows(
                StorageException.class,
                () -> broken.forEachInstanceFigure(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        f -> {}));
    }

    private static final Comparator<InstanceFigure> ORDER =
            Comparator.comparing(InstanceFigure::indicatorId).thenComparing(InstanceFigure::subjectId);

    private static List<InstanceFigure> figures(ValueReadStrategy strategy) {
        List<InstanceFigure> out = new ArrayList<>();
        stored.reader(strategy)
                .forEachInstanceFigure(
                        "t-acme",
                        INDICATORS,
                        WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 31)),
                        SubjectType.EMPLOYEE,
                        out::add);
        out.sort(ORDER);
        return out;
    }

    private static InstanceFigure figure(
            String indicator,
            String subject,
            String value,
            String numerator,
            String denominator,
            String target,
            String attainment,
            long events) {
        return new InstanceFigure(
                indicator, subject, six(value), six(numerator), six(denominator), six(target), six(attainment), events);
    }

    private static BigDecimal six(String d) {
        return d == null ? null : new BigDecimal(d).setScale(6);
    }
}

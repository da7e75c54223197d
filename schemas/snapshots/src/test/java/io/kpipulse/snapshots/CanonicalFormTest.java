package io.kpipulse.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static final FrozenValue PREMIUM = new FrozenValue(
            new BigDecimal("12345.670000"),
            new BigDecimal("12345.67"),
            null,
            new BigDecimal("60000"),
            new BigDecimal("0.205761"),
            3);
    private static final FrozenValue UNDEFINED_RATE =
            new FrozenValue(null, BigDecimal.ZERO, new BigDecimal("0.000000"), null, null, 1);

    private static SnapshotContent content(List<SnapshotLine> lines) {
        return new SnapshotContent(
                "t-acme",
                Period.parse("2026-03"),
                2,
                "none",
                "none",
                new EventLogPosition(
                        41, 1774972799999L, Map.of("kpi.events.policy/1", 40L, "kpi.events.policy/0", 41L)),
                lines);
    }

    private static SnapshotLine e1() {
        return SnapshotLine.unscored(
                SubjectType.EMPLOYEE,
                "e-1",
                "d-sales",
                new BigDecimal("8000.50"),
                Map.of("new_policy_premium", PREMIUM, "lead_conversion_rate", UNDEFINED_RATE));
    }

    @Test
    void contentHashIsSha256OfTheDocumentedTextWithDecimalsWithoutTrailingZeros() throws Exception {
        SnapshotLine sales = SnapshotLine.unscored(SubjectType.DEPARTMENT, "d-sales", "d-root", null, Map.of());
        String expected = "kpi-pulse snapshot 1\n"
                + "tenant=t-acme\nperiod=2026-03\ncatalog_version=2\nscoring_version=none\nbonus_rules_version=none\n"
                + "events=41\nmax_event_time=1774972799999\n"
                + "offsets=kpi.events.policy/0:41;kpi.events.policy/1:40\nlines=2\n"
                // DEPARTMENT sorts before EMPLOYEE.
                + "DEPARTMENT\td-sales\td-root\t~\t~\t~\t\t~\t\n"
                + "EMPLOYEE\te-1\td-sales\t8000.5\t~\t~\t\t~\t"
                + "lead_conversion_rate=~,0,0,~,~,1;new_policy_premium=12345.67,12345.67,~,60000,0.205761,3\n";
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, content(List.of(e1(), sales)).hash());
        assertEquals(sha, content(List.of(sales, e1())).hash());
    }

    @Test
    void aCapturesSlotFiguresAreTheSameMapAndTextAsASortedMap() {
        // The capture's way: one ids array for every line, a slot per id, empty where the subject has no value.
        String[] ids = {"claim_cycle_time", "lead_conversion_rate", "new_policy_premium"};
        FrozenFigures slots = new FrozenFigures(ids, new FrozenValue[] {null, UNDEFINED_RATE, PREMIUM});
        TreeMap<String, FrozenValue> tree =
                new TreeMap<>(Map.of("new_policy_premium", PREMIUM, "lead_conversion_rate", UNDEFINED_RATE));

        assertEquals(tree, slots);
        assertEquals(slots, tree);
        assertEquals(tree.hashCode(), slots.hashCode());
        assertEquals(2, slots.size());
        assertEquals(List.copyOf(tree.keySet()), List.copyOf(slots.keySet()));
        assertEquals(PREMIUM, slots.get("new_policy_premium"));
        assertEquals(null, slots.get("claim_cycle_time"));
        assertEquals("lead_conversion_rate", slots.firstKey());
        assertEquals(CanonicalForm.figures(tree), CanonicalForm.figures(slots));
        assertThrows(UnsupportedOperationException.class, () -> slots.put("x", PREMIUM));
        // A line keeps the capture's figures as they are, and hashes as the same line built from a map.
        SnapshotLine fromSlots = SnapshotLine.unscored(SubjectType.EMPLOYEE, "e-1", "d-sales", null, slots);
        SnapshotLine fromTree = SnapshotLine.unscored(SubjectType.EMPLOYEE, "e-1", "d-sales", null, tree);
        assertEquals(true, fromSlots.values() == slots);
        assertEquals(
                content(List.of(fromTree)).hash(), content(List.of(fromSlots)).hash());
    }

    @Test
    void anyChangedFigureChangesTheHash() {
        String before = content(List.of(e1())).hash();
        SnapshotLine scored = e1().scored(
                        new BigDecimal("87.5"),
                        "B",
                        Map.of("claims_condition", new BigDecimal("0.9")),
                        new BigDecimal("7000.44"));
        assertNotEquals(before, content(List.of(scored)).hash());
        FrozenValue oneMoreEvent =
                new FrozenValue(PREMIUM.value(), PREMIUM.numerator(), null, PREMIUM.target(), PREMIUM.attainment(), 4);
        SnapshotLine changed = SnapshotLine.unscored(
                SubjectType.EMPLOYEE,
                "e-1",
                "d-sales",
                new BigDecimal("8000.5"),
                Map.of("new_policy_premium", oneMoreEvent, "lead_conversion_rate", UNDEFINED_RATE));
        assertNotEquals(before, content(List.of(changed)).hash());
    }

    @Test
    void decimalsAreWrittenAsStripTrailingZerosPlainStringWouldWriteThem() {
        Random random = new Random(13);
        List<BigDecimal> cases = new ArrayList<>(List.of(
                new BigDecimal("0.000000"),
                new BigDecimal("-0.000100"),
                new BigDecimal("1000.000000"),
                new BigDecimal("1E+3"),
                new BigDecimal("0.000001"),
                new BigDecimal("-12345.670000"),
                new BigDecimal("922337203685.477580"),
                new BigDecimal("-922337203685.477580"),
                new BigDecimal("99999999999999999999999999999999.999999"),
                new BigDecimal(Long.MIN_VALUE).movePointLeft(6),
                new BigDecimal("123.4567891234567891234")));
        for (int i = 0; i < 200_000; i++) {
            long unscaled = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2_000_000_000) - 1_000_000_000L;
            cases.add(BigDecimal.valueOf(unscaled, random.nextInt(20)));
        }
        for (BigDecimal d : cases) {
            String expected = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            assertEquals(expected, CanonicalForm.decimal(d), d::toString);
            // A frozen value keeps a decimal as a long where it fits: the same BigDecimal back (scale too), same text.
            FrozenValue v = new FrozenValue(d, null, d.negate(), d, null, 3);
            assertEquals(d, v.value(), d::toString);
            assertEquals(d.negate(), v.denominator(), d::toString);
            assertEquals(
                    expected + ",~," + CanonicalForm.decimal(d.negate()) + "," + expected + ",~,3",
                    CanonicalForm.value(v),
                    d::toString);
            assertEquals(new FrozenValue(d, null, d.negate(), d, null, 3), v);
            assertEquals(new FrozenValue(d, null, d.negate(), d, null, 3).hashCode(), v.hashCode());
        }
        // Equal as BigDecimal#equals is: another scale is another value (sameAs compares the text).
        FrozenValue six = new FrozenValue(new BigDecimal("1.500000"), null, null, null, null, 1);
        FrozenValue one = new FrozenValue(new BigDecimal("1.5"), null, null, null, null, 1);
        assertNotEquals(six, one);
        assertTrue(six.sameAs(one));
    }

    @Test
    void aLargeContentHashesAsTheSequentialTextOfItsLinesInCanonicalOrder() throws Exception {
        Random random = new Random(7);
        List<SnapshotLine> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Map<String, FrozenValue> values = new TreeMap<>();
            for (int k = 0; k < 5; k++) {
                BigDecimal v = BigDecimal.valueOf(random.nextInt(10_000_000), 6);
                values.put("ind_" + k, new FrozenValue(v, v, null, new BigDecimal("60000"), null, random.nextInt(9)));
            }
            lines.add(SnapshotLine.unscored(
                    SubjectType.EMPLOYEE, "e-" + random.nextInt(1_000_000) + "-" + i, "d-1", null, values));
        }
        SnapshotContent content = content(lines);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(CanonicalForm.header(content).getBytes(StandardCharsets.UTF_8));
        List<SnapshotLine> ordered = new ArrayList<>(lines);
        ordered.sort(java.util.Comparator.comparing(SnapshotLine::subjectId));
        for (SnapshotLine l : ordered) {
            sha.update(CanonicalForm.line(l).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(HexFormat.of().formatHex(sha.digest()), content.hash());
        for (int i = 0; i < ordered.size(); i += 997) {
            assertEquals(
                    CanonicalForm.figures(ordered.get(i).values()),
                    content.figures().get(i));
        }
    }

    @Test
    void storedLinesHashedAsStoredGiveTheContentHashInAnyReadOrder() {
        SnapshotLine scored = e1().scored(
                        new BigDecimal("87.500000"),
                        "A;=\\~",
                        new TreeMap<>(Map.of("tier, payment", new BigDecimal("1.2"))),
                        new BigDecimal("7000.000000"));
        SnapshotLine department = SnapshotLine.unscored(
                SubjectType.DEPARTMENT,
                "d\t1",
                "",
                null,
                Map.of(
                        "wide",
                        new FrozenValue(new BigDecimal("12345678901234567890.123456"), null, null, null, null, 1)));
        SnapshotContent content = content(List.of(department, scored));
        List<CanonicalForm.StoredLine> stored = new ArrayList<>();
        // Read back in another order than the canonical one, as the columns store them.
        for (SnapshotLine l : List.of(department, scored)) {
            stored.add(new CanonicalForm.StoredLine(
                    l.subjectType().name(),
                    l.subjectId(),
                    CanonicalForm.storedPrefix(
                            l.subjectType().name(),
                            l.subjectId(),
                            l.departmentId(),
                            l.basePay(),
                            l.score(),
                            l.rating(),
                            CanonicalForm.multipliers(l.multipliers()),
                            l.performancePay()),
                    CanonicalForm.figures(l.values())));
        }
        StoredSnapshot header = StoredSnapshot.of(content, 1, "c-1", "t-acme/hr", Instant.EPOCH, "", false);

        assertEquals(content.hash(), CanonicalForm.hashStored(header, stored));
        assertEquals(content.hash(), CanonicalForm.hashStored(header, List.of(stored.get(1), stored.get(0))));
        assertNotEquals(content.hash(), CanonicalForm.hashStored(header, stored.subList(0, 1)));
    }

    @Test
    void figuresAndMultipliersParseBackToTheSameText() {
        SnapshotLine line =
                e1().scored(null, "A;=\\~", new TreeMap<>(Map.of("tier, payment", new BigDecimal("1.2"))), null);
        String figures = CanonicalForm.figures(line.values());
        assertEquals(figures, CanonicalForm.figures(CanonicalForm.parseFigures(figures)));
        String multipliers = CanonicalForm.multipliers(line.multipliers());
        assertEquals("tier\\, payment=1.2", multipliers);
        assertEquals(line.multipliers(), CanonicalForm.parseMultipliers(multipliers));
        assertEquals("A\\;\\=\\\\\\~", CanonicalForm.text("A;=\\~"));
        assertEquals("A;=\\~", CanonicalForm.unescape(CanonicalForm.text("A;=\\~")));
    }

    @Test
    void periodsAreMonthsQuartersAndYearsInTheTenantsZone() {
        Period q1 = Period.parse("2026-Q1");
        assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)), List.of(q1.start(), q1.end()));
        assertEquals("2026-Q2", q1.next().id());
        assertEquals("2027", Period.parse("2026").next().id());
        assertEquals("2026-04", Period.parse("2026-03").next().id());
        // Shanghai is UTC+8: March ends at 16:00 UTC on the 31st.
        assertEquals(
                "2026-03-31T16:00:00Z",
                Period.parse("2026-03").endExclusive(ZoneId.of("Asia/Shanghai")).toString());
        for (String bad : List.of("2026-13", "2026-Q5", "26-03", "2026-3", "", "1999")) {
            assertThrows(IllegalArgumentException.class, () -> Period.parse(bad), bad);
        }
    }

    @Test
    void snapshotIdsDependOnTenantPeriodAndVersionOnly() {
        Period march = Period.parse("2026-03");
        assertEquals(SnapshotIds.of("t-acme", march, 1), SnapshotIds.of("t-acme", march, 1));
        assertNotEquals(SnapshotIds.of("t-acme", march, 1), SnapshotIds.of("t-acme", march, 2));
        assertNotEquals(SnapshotIds.of("t-acme", march, 1), SnapshotIds.of("t-other", march, 1));
        assertEquals(26, SnapshotIds.of("t-acme", march, 1).length());
    }
}

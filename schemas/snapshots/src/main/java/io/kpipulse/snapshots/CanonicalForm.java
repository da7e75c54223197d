package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical serialisation of a snapshot, and its content hash: SHA-256 over the UTF-8 bytes of the
 * header text followed by every line's text, lines sorted by subject type then subject id. The format is
 * the contract of reproducibility (documented in api/README.md, "Canonical form"):
 *
 * <pre>
 * kpi-pulse snapshot 1
 * tenant=t-acme
 * period=2026-03
 * catalog_version=2
 * scoring_version=none
 * bonus_rules_version=none
 * events=1234
 * max_event_time=1774972799999
 * offsets=kpi.events.policy/0:41;kpi.events.policy/1:40
 * lines=3
 * EMPLOYEE\te-1\td-sales\t8000\t~\t~\t\t~\tnew_policy_premium=12345.67,12345.67,~,90000,0.137174,3;...
 * </pre>
 *
 * A line is tab-separated: subject type, subject id, department id, base pay, score, rating, multipliers
 * ({@code name=factor;...} by name), performance pay, figures ({@code indicator=value,numerator,denominator,
 * target,attainment,event_count;...} by indicator id); each line ends with {@code \n}. A decimal is written
 * without trailing zeros in plain notation ({@code 12345.67}, {@code 0}, {@code 1000}); null is {@code ~}.
 * Text fields escape {@code \ tab newline ; = , ~} with a backslash. The version number, who froze it, when
 * and why are not content and are not hashed: the same figures from the same events hash the same.
 */
public final class CanonicalForm {

    static final String NULL = "~";

    private CanonicalForm() {}

    /** The header text: what the figures are of and which versions and event-log position they reflect. */
    public static String header(SnapshotContent content) {
        StringBuilder b = new StringBuilder("kpi-pulse snapshot 1\n");
        b.append("tenant=").append(text(content.tenantId())).append('\n');
        b.append("period=").append(content.period().id()).append('\n');
        b.append("catalog_version=").append(content.catalogVersion()).append('\n');
        b.append("scoring_version=").append(text(content.scoringVersion())).append('\n');
        b.append("bonus_rules_version=")
                .append(text(content.bonusRulesVersion()))
                .append('\n');
        b.append("events=").append(content.position().eventCount()).append('\n');
        b.append("max_event_time=")
                .append(content.position().maxEventTimeMillis())
                .append('\n');
        b.append("offsets=").append(content.position().offsetsText()).append('\n');
        b.append("lines=").append(content.lines().size()).append('\n');
        return b.toString();
    }

    /** One line's text, with its final newline. */
    public static String line(SnapshotLine line) {
        return line.subjectType().name()
                + '\t'
                + text(line.subjectId())
                + '\t'
                + text(line.departmentId())
                + '\t'
                + decimal(line.basePay())
                + '\t'
                + decimal(line.score())
                + '\t'
                + nullableText(line.rating())
                + '\t'
                + multipliers(line.multipliers())
                + '\t'
                + decimal(line.performancePay())
                + '\t'
                + figures(line.values())
                + '\n';
    }

    /** The content hash: lowercase hex SHA-256 of the header and every line in canonical order. */
    public static String hash(SnapshotContent content) {
        MessageDigest sha = sha256();
        sha.update(header(content).getBytes(StandardCharsets.UTF_8));
        for (SnapshotLine line : sorted(content.lines())) {
            sha.update(line(line).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Lines in canonical order. */
    public static List<SnapshotLine> sorted(List<SnapshotLine> lines) {
        List<SnapshotLine> out = new ArrayList<>(lines);
        out.sort(Comparator.comparing(SnapshotLine::sortKey));
        return out;
    }

    /** The figures field: {@code indicator=value,numerator,denominator,target,attainment,events;...}. */
    public static String figures(Map<String, FrozenValue> values) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, FrozenValue> e : new TreeMap<>(values).entrySet()) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(text(e.getKey())).append('=').append(value(e.getValue()));
        }
        return b.toString();
    }

    /** One value's six fields, comma-separated. */
    public static String value(FrozenValue v) {
        return decimal(v.value())
                + ','
                + decimal(v.numerator())
                + ','
                + decimal(v.denominator())
                + ','
                + decimal(v.target())
                + ','
                + decimal(v.attainment())
                + ','
                + v.eventCount();
    }

    /** Parses a figures field back: the inverse of {@link #figures}. */
    public static SortedMap<String, FrozenValue> parseFigures(String text) {
        SortedMap<String, FrozenValue> out = new TreeMap<>();
        for (String entry : split(text, ';')) {
            List<String> kv = split(entry, '=');
            if (kv.size() != 2) {
                throw new IllegalArgumentException("not a figure: " + entry);
            }
            List<String> f = split(kv.get(1), ',');
            if (f.size() != 6) {
                throw new IllegalArgumentException("a figure has six fields: " + entry);
            }
            out.put(
                    unescape(kv.get(0)),
                    new FrozenValue(
                            parseDecimal(f.get(0)),
                            parseDecimal(f.get(1)),
                            parseDecimal(f.get(2)),
                            parseDecimal(f.get(3)),
                            parseDecimal(f.get(4)),
                            Long.parseLong(f.get(5))));
        }
        return out;
    }

    /** {@code name=factor;...} by name. */
    public static String multipliers(Map<String, BigDecimal> multipliers) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(multipliers).entrySet()) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(text(e.getKey())).append('=').append(decimal(e.getValue()));
        }
        return b.toString();
    }

    /** Parses a multipliers field back. */
    public static SortedMap<String, BigDecimal> parseMultipliers(String text) {
        SortedMap<String, BigDecimal> out = new TreeMap<>();
        for (String entry : split(text, ';')) {
            List<String> kv = split(entry, '=');
            out.put(unescape(kv.get(0)), parseDecimal(kv.get(1)));
        }
        return out;
    }

    /** Plain notation without trailing zeros; {@code ~} for null. */
    public static String decimal(BigDecimal d) {
        if (d == null) {
            return NULL;
        }
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static BigDecimal parseDecimal(String s) {
        return NULL.equals(s) ? null : new BigDecimal(s);
    }

    /** The subject type of a stored line. */
    static SubjectType subjectType(String name) {
        return SubjectType.valueOf(name);
    }

    private static String nullableText(String s) {
        return s == null ? NULL : text(s);
    }

    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case ';', '=', ',', '~' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Splits on {@code sep} where it is not escaped; an empty text has no parts. */
    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

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
import java.util.stream.IntStream;

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
        return header(
                content.tenantId(),
                content.period().id(),
                content.catalogVersion(),
                content.scoringVersion(),
                content.bonusRulesVersion(),
                content.position(),
                content.lines().size());
    }

    private static String header(
            String tenantId,
            String period,
            long catalogVersion,
            String scoringVersion,
            String bonusRulesVersion,
            EventLogPosition position,
            long lines) {
        StringBuilder b = new StringBuilder("kpi-pulse snapshot 1\n");
        b.append("tenant=").append(text(tenantId)).append('\n');
        b.append("period=").append(period).append('\n');
        b.append("catalog_version=").append(catalogVersion).append('\n');
        b.append("scoring_version=").append(text(scoringVersion)).append('\n');
        b.append("bonus_rules_version=").append(text(bonusRulesVersion)).append('\n');
        b.append("events=").append(position.eventCount()).append('\n');
        b.append("max_event_time=").append(position.maxEventTimeMillis()).append('\n');
        b.append("offsets=").append(position.offsetsText()).append('\n');
        b.append("lines=").append(lines).append('\n');
        return b.toString();
    }

    /** A stored line's text before its figures, from its stored columns (multipliers as stored), and its figures. */
    record StoredLine(String subjectType, String subjectId, String prefix, String figures) {}

    /**
     * {@link #appendPrefix}'s text from a stored line's columns: the same fields, the multipliers column taken as it is
     * (it holds {@link #multipliers}' text).
     */
    static String storedPrefix(
            String subjectType,
            String subjectId,
            String departmentId,
            BigDecimal basePay,
            BigDecimal score,
            String rating,
            String multipliers,
            BigDecimal performancePay) {
        StringBuilder b = new StringBuilder(128);
        b.append(subjectType).append('\t');
        appendText(b, subjectId).append('\t');
        appendText(b, departmentId).append('\t');
        appendDecimal(b, basePay).append('\t');
        appendDecimal(b, score).append('\t');
        (rating == null ? b.append(NULL) : appendText(b, rating)).append('\t');
        b.append(multipliers).append('\t');
        appendDecimal(b, performancePay).append('\t');
        return b.toString();
    }

    /**
     * The hash of stored lines under {@code header}'s versions and position, the stored figures text hashed as it is
     * (no parse, no second formatting): lines sorted in canonical order. Equal to {@link #hash} of the content the
     * freeze stored exactly when every stored byte is the one it hashed.
     */
    static String hashStored(StoredSnapshot header, List<StoredLine> stored) {
        List<StoredLine> lines = new ArrayList<>(stored);
        lines.sort(Comparator.comparing(StoredLine::subjectType).thenComparing(StoredLine::subjectId));
        MessageDigest sha = sha256();
        sha.update(header(
                        header.tenantId(),
                        header.period().id(),
                        header.catalogVersion(),
                        header.scoringVersion(),
                        header.bonusRulesVersion(),
                        header.position(),
                        lines.size())
                .getBytes(StandardCharsets.UTF_8));
        for (StoredLine l : lines) {
            sha.update(l.prefix().getBytes(StandardCharsets.UTF_8));
            sha.update(l.figures().getBytes(StandardCharsets.UTF_8));
            sha.update(NEWLINE);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** One line's text, with its final newline. */
    public static String line(SnapshotLine line) {
        StringBuilder b = new StringBuilder(256);
        appendPrefix(b, line);
        appendFigures(b, line.values());
        return b.append('\n').toString();
    }

    /** Every field of a line before its figures, each followed by its tab. */
    private static void appendPrefix(StringBuilder b, SnapshotLine line) {
        b.append(line.subjectType().name()).append('\t');
        appendText(b, line.subjectId()).append('\t');
        appendText(b, line.departmentId()).append('\t');
        appendDecimal(b, line.basePay()).append('\t');
        appendDecimal(b, line.score()).append('\t');
        (line.rating() == null ? b.append(NULL) : appendText(b, line.rating())).append('\t');
        b.append(multipliers(line.multipliers())).append('\t');
        appendDecimal(b, line.performancePay()).append('\t');
    }

    /**
     * Every line's figures field (the bulk of the canonical text, and exactly what {@code snapshot_lines.figures}
     * stores), in the order of the content's (canonically sorted) lines, formatted in parallel. Parallel formatting
     * cannot change the bytes: each line's text depends on that line alone.
     */
    static List<String> formatFigures(List<SnapshotLine> lines) {
        String[] figures = new String[lines.size()];
        IntStream.range(0, figures.length)
                .parallel()
                .forEach(i -> figures[i] = figures(lines.get(i).values()));
        return List.of(figures);
    }

    /**
     * The content hash: lowercase hex SHA-256 of the header and every line in canonical order, each line's figures
     * taken from {@code figures} ({@link #formatFigures} of the content's lines), read in order.
     */
    static String hash(SnapshotContent content, List<String> figures) {
        List<SnapshotLine> lines = content.lines();
        MessageDigest sha = sha256();
        sha.update(header(content).getBytes(StandardCharsets.UTF_8));
        StringBuilder prefix = new StringBuilder(128);
        for (int i = 0; i < lines.size(); i++) {
            prefix.setLength(0);
            appendPrefix(prefix, lines.get(i));
            sha.update(prefix.toString().getBytes(StandardCharsets.UTF_8));
            sha.update(figures.get(i).getBytes(StandardCharsets.UTF_8));
            sha.update(NEWLINE);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static final byte[] NEWLINE = {'\n'};

    /**
     * The order of {@link SnapshotLine#sortKey} (type name, a NUL, id) without building the key per comparison: no
     * type name is a prefix of another and NUL sorts before every other character, so comparing the names and then
     * the ids orders the lines exactly as comparing the keys would.
     */
    private static final Comparator<SnapshotLine> CANONICAL_ORDER =
            Comparator.comparing((SnapshotLine l) -> l.subjectType().name()).thenComparing(SnapshotLine::subjectId);

    /** Lines in canonical order. */
    public static List<SnapshotLine> sorted(List<SnapshotLine> lines) {
        List<SnapshotLine> out = new ArrayList<>(lines);
        out.sort(CANONICAL_ORDER);
        return out;
    }

    /** The figures field: {@code indicator=value,numerator,denominator,target,attainment,events;...}. */
    public static String figures(Map<String, FrozenValue> values) {
        return appendFigures(new StringBuilder(64 * values.size()), values).toString();
    }

    private static StringBuilder appendFigures(StringBuilder b, Map<String, FrozenValue> values) {
        if (values instanceof FrozenFigures f) {
            // A capture's figures: the slots in id order, without an entry object per figure.
            boolean first = true;
            for (int i = 0; i < f.slotCount(); i++) {
                FrozenValue v = f.slotAt(i);
                if (v != null) {
                    if (!first) {
                        b.append(';');
                    }
                    first = false;
                    appendText(b, f.idAt(i)).append('=');
                    appendValue(b, v);
                }
            }
            return b;
        }
        boolean first = true;
        for (Map.Entry<String, FrozenValue> e : byKey(values).entrySet()) {
            if (!first) {
                b.append(';');
            }
            first = false;
            appendText(b, e.getKey()).append('=');
            appendValue(b, e.getValue());
        }
        return b;
    }

    /** A line's maps are sorted by natural order already; anything else is sorted here. */
    private static <V> SortedMap<String, V> byKey(Map<String, V> map) {
        if (map instanceof SortedMap<String, V> sorted && sorted.comparator() == null) {
            return sorted;
        }
        return new TreeMap<>(map);
    }

    /** One value's six fields, comma-separated. */
    public static String value(FrozenValue v) {
        return appendValue(new StringBuilder(48), v).toString();
    }

    private static StringBuilder appendValue(StringBuilder b, FrozenValue v) {
        // From the value's own longs: no BigDecimal per decimal.
        for (int i = 0; i < 5; i++) {
            v.appendDecimal(b, i).append(',');
        }
        return b.append(v.eventCount());
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
        return appendDecimal(new StringBuilder(24), d).toString();
    }

    /**
     * Appends {@link #decimal}'s text. Stored decimals have six places and fit a long unscaled, and for those the
     * digits are written straight from the long: {@code stripTrailingZeros().toPlainString()} builds two
     * intermediate objects per decimal, and a freeze formats 20 million of them. Any other decimal takes that
     * general path; both give the same text (CanonicalFormTest compares them).
     */
    static StringBuilder appendDecimal(StringBuilder b, BigDecimal d) {
        if (d == null) {
            return b.append(NULL);
        }
        if (d.signum() == 0) {
            return b.append('0');
        }
        int scale = d.scale();
        if (scale < 0 || scale > 18 || d.precision() > 18) {
            return b.append(d.stripTrailingZeros().toPlainString());
        }
        return appendCompact(b, d.unscaledValue().longValue(), scale);
    }

    /**
     * {@link #decimal}'s text of the decimal {@code unscaled} × 10^-{@code scale}, for {@code |unscaled| < 10^18} and
     * {@code 0 <= scale <= 18}: the digits straight from the long ({@link FrozenValue} keeps its decimals so).
     */
    static StringBuilder appendCompact(StringBuilder b, long unscaledValue, int scaleValue) {
        long unscaled = unscaledValue;
        int scale = scaleValue;
        if (unscaled == 0) {
            return b.append('0');
        }
        while (scale > 0 && unscaled % 10 == 0) {
            unscaled /= 10;
            scale--;
        }
        if (unscaled < 0) {
            b.append('-');
            unscaled = -unscaled;
        }
        if (scale == 0) {
            return b.append(unscaled);
        }
        // The digits go straight into the builder, last first: no String per decimal.
        int digits = digitCount(unscaled);
        int whole = digits - scale;
        int start = b.length();
        int length = whole <= 0 ? 2 - whole + digits : digits + 1;
        b.setLength(start + length);
        int at = start + length;
        for (int i = 0; i < digits; i++) {
            if (i == scale) {
                b.setCharAt(--at, '.');
            }
            b.setCharAt(--at, (char) ('0' + unscaled % 10));
            unscaled /= 10;
        }
        if (whole <= 0) {
            while (at > start + 2) {
                b.setCharAt(--at, '0');
            }
            b.setCharAt(start + 1, '.');
            b.setCharAt(start, '0');
        }
        return b;
    }

    /** Decimal digits of a positive long below 10^18. */
    private static int digitCount(long n) {
        int count = 1;
        for (long limit = 10; count < 19 && n >= limit; limit *= 10) {
            count++;
        }
        return count;
    }

    static BigDecimal parseDecimal(String s) {
        return NULL.equals(s) ? null : new BigDecimal(s);
    }

    /** The subject type of a stored line. */
    static SubjectType subjectType(String name) {
        return SubjectType.valueOf(name);
    }

    static String text(String s) {
        return appendText(new StringBuilder(s.length() + 8), s).toString();
    }

    private static StringBuilder appendText(StringBuilder b, String s) {
        if (!needsEscape(s)) {
            // Ids almost never hold a special character: one append instead of one per character.
            return b.append(s);
        }
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
        return b;
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '\\', '\t', '\n', ';', '=', ',', '~' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
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

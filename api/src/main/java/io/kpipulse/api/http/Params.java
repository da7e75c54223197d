package io.kpipulse.api.http;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.values.HistoryStep;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses raw request parameters (null when absent) into typed values, or throws a
 * {@link BadRequestException} naming the parameter. Values are validated by shape here even though every
 * query binds them as parameters: a clear 400 beats an empty answer to a typo.
 */
public final class Params {

    /** Tenant ids are path segments and key prefixes: letters, digits, '-', '_', '.'; never '|' (the key separator). */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Subject ids come from business systems (employee and department ids); printable, no control characters. */
    private static final Pattern SUBJECT_ID = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,128}");

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 100_000;

    private Params() {}

    public static String tenant(String raw) {
        String value = required("tenant", raw);
        if (!TENANT.matcher(value).matches()) {
            throw new BadRequestException("tenant", "must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    public static WindowType window(String raw) {
        return enumValue("window", raw, WindowType.class);
    }

    public static WindowType window(String raw, WindowType fallback) {
        return raw == null || raw.isBlank() ? fallback : window(raw);
    }

    public static SubjectType subjectType(String raw) {
        return enumValue("subjectType", raw, SubjectType.class);
    }

    public static LocalDate date(String raw) {
        return date("date", raw);
    }

    /** A required ISO date under the parameter name {@code name} ({@code from}, {@code to}). */
    public static LocalDate date(String name, String raw) {
        String value = required(name, raw);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "must be an ISO date like 2026-03-15, got '" + shown(value) + "'");
        }
    }

    /** A history step: DAY, WEEK or MONTH. */
    public static HistoryStep step(String raw) {
        return enumValue("step", raw, HistoryStep.class);
    }

    /** The given date, or today in the tenant's calendar when absent. */
    public static LocalDate date(String raw, LocalDate fallback) {
        return raw == null || raw.isBlank() ? fallback : date(raw);
    }

    /** A subject id, or null when absent (meaning every subject of the type). */
    public static String optionalSubjectId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return subjectId(raw);
    }

    public static String subjectId(String raw) {
        String value = required("subjectId", raw);
        if (!SUBJECT_ID.matcher(value).matches()) {
            throw new BadRequestException("subjectId", "must be 1-128 letters, digits, '.', '_', ':', '@' or '-'");
        }
        return value;
    }

    /** A dead-letter reason filter (an enum-like symbol such as NOT_SINGLE_OBJECT), or null when absent. */
    public static String optionalReason(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!REASON.matcher(raw).matches()) {
            throw new BadRequestException("reason", "must be an upper-case symbol like NOT_SINGLE_OBJECT");
        }
        return raw;
    }

    public static int limit(String raw) {
        return limit(raw, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A page size from 1 to {@code max}, {@code fallback} when absent. */
    public static int limit(String raw, int fallback, int max) {
        return boundedInt("limit", raw, fallback, 1, max);
    }

    public static int offset(String raw) {
        return boundedInt("offset", raw, 0, 0, MAX_OFFSET);
    }

    static int boundedInt(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "must be an integer between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw new BadRequestException(name, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static String required(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new BadRequestException(name, "is required");
        }
        return raw;
    }

    private static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        String value = required(name, raw);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    name,
                    "unknown value '" + shown(value) + "', expected one of "
                            + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Echo at most a short, printable prefix of what the client sent. */
    static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

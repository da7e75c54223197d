package io.kpipulse.clickhouse.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error reported by the engine, with the ClickHouse error code and name parsed from its text.
 *
 * <p>chDB reports errors as ClickHouse's own text ({@code Code: 62. DB::Exception: ... (SYNTAX_ERROR)}) but
 * without the server's version suffix; the JDBC driver parses the code from that text, so
 * {@link #toHttpBody(String)} restores the exact shape a ClickHouse server sends.
 */
public final class ChdbException extends Exception {
    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");
    /** The symbolic name ClickHouse appends, {@code (SYNTAX_ERROR)}; the version suffix is not all capitals. */
    private static final Pattern NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]+)\\)");

    private final int code;
    private final String text;

    public ChdbException(String text) {
        this(parseCode(text), text);
    }

    public ChdbException(int code, String text) {
        super(text);
        this.code = code;
        this.text = text.strip();
    }

    /** A server-side error built here rather than by the engine, in ClickHouse's text shape. */
    public static ChdbException of(int code, String name, String message) {
        return new ChdbException(code, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
    }

    public int code() {
        return code;
    }

    /** The error's symbolic name ({@code UNKNOWN_TABLE}), or the empty string when the text carries none. */
    public String name() {
        Matcher m = NAME.matcher(text);
        String last = "";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    /** {@code Code: N. DB::Exception: ... (NAME) (version V)} with a trailing newline, as ClickHouse sends it. */
    public String toHttpBody(String version) {
        String body = text.startsWith("Code:") ? text : "Code: " + code + ". DB::Exception: " + text;
        if (!body.contains("(version ")) {
            body = body + " (version " + version + ")";
        }
        return body + "\n";
    }

    /** Code 1000 (POCO_EXCEPTION-like "unknown") when the text carries none, so the driver still sees a number. */
    static int parseCode(String text) {
        Matcher m = CODE.matcher(text == null ? "" : text);
        return m.find() ? Integer.parseInt(m.group(1)) : 1000;
    }
}

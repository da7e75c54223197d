package io.kpipulse.clickhouse.local;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The little SQL reading the HTTP layer needs: the first keyword, a query's own {@code FORMAT}, and where an
 * INSERT statement ends and its data begins. It skips string literals, quoted identifiers and comments, so a
 * {@code 'FORMAT'} inside a literal is not mistaken for the clause. Everything else is left to the engine.
 *
 * <p>Works on bytes decoded as ISO-8859-1, so character positions are byte positions of the original body.
 */
final class SqlText {
    private SqlText() {}

    /** Where an INSERT's inline data begins. {@code statement} has no FORMAT clause, as chdb_stream_insert wants. */
    record InsertSplit(String statement, String format, int dataOffset) {}

    static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    static String quoteString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The first keyword in upper case (skipping comments and opening parentheses), or "" if none. */
    static String firstKeyword(String sql) {
        Cursor c = new Cursor(sql);
        while (true) {
            c.skipSpaceAndComments();
            if (c.pos < sql.length() && sql.charAt(c.pos) == '(') {
                c.pos++;
                continue;
            }
            String word = c.word();
            return word == null ? "" : word.toUpperCase(Locale.ROOT);
        }
    }

    /** The name in the query's own top-level {@code FORMAT name} clause, or null. */
    static String ownFormat(String sql) {
        Cursor c = new Cursor(sql);
        String found = null;
        int depth = 0;
        String previous = null;
        while (true) {
            c.skipSpaceAndComments();
            if (c.pos >= sql.length()) {
                return found;
            }
            char ch = sql.charAt(c.pos);
            if (ch == '(') {
                depth++;
                c.pos++;
                previous = null;
            } else if (ch == ')') {
                depth--;
                c.pos++;
                previous = null;
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                c.skipQuoted(ch);
                previous = null;
            } else {
                String word = c.word();
                if (word == null) {
                    c.pos++;
                    previous = null;
                } else {
                    if (depth == 0 && "FORMAT".equalsIgnoreCase(previous)) {
                        found = word;
                    }
                    previous = word;
                }
            }
        }
    }

    /**
     * Splits {@code INSERT INTO t [(cols)] [SETTINGS ...] FORMAT fmt <data>} or {@code ... VALUES <data>}.
     * Returns null for anything else (INSERT ... SELECT, other statements, or a head not found in {@code text}).
     * After {@code FORMAT name} the data starts after spaces/tabs and at most one line break, as in ClickHouse.
     */
    static InsertSplit splitInsert(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        if (!"INSERT".equals(firstKeyword(text))) {
            return null;
        }
        Cursor c = new Cursor(text);
        int depth = 0;
        while (true) {
            c.skipSpaceAndComments();
            if (c.pos >= text.length()) {
                return null;
            }
            char ch = text.charAt(c.pos);
            if (ch == '(') {
                depth++;
                c.pos++;
                continue;
            }
            if (ch == ')') {
                depth--;
                c.pos++;
                continue;
            }
            if (ch == '\'' || ch == '"' || ch == '`') {
                c.skipQuoted(ch);
                continue;
            }
            int wordStart = c.pos;
            String word = c.word();
            if (word == null) {
                c.pos++;
                continue;
            }
            if (depth != 0) {
                continue;
            }
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("SELECT") || upper.equals("WITH")) {
                return null;
            }
            if (upper.equals("VALUES")) {
                return new InsertSplit(utf8(bytes, wordStart), "Values", c.pos);
            }
            if (upper.equals("FORMAT")) {
                c.skipSpaceAndComments();
                String format = c.word();
                if (format == null) {
                    return null;
                }
                int data = c.pos;
                while (data < length
                        && (text.charAt(data) == ' ' || text.charAt(data) == '\t' || text.charAt(data) == '\r')) {
                    data++;
                }
                if (data < length && text.charAt(data) == '\n') {
                    data++;
                }
                return new InsertSplit(utf8(bytes, wordStart), format, data);
            }
        }
    }

    private static String utf8(byte[] bytes, int end) {
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        void skipSpaceAndComments() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (Character.isWhitespace(ch)) {
                    pos++;
                } else if (s.startsWith("--", pos) || s.startsWith("#!", pos) || s.startsWith("# ", pos)) {
                    int nl = s.indexOf('\n', pos);
                    pos = nl < 0 ? s.length() : nl + 1;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        /** Reads an identifier-like word at pos, or returns null (without moving) if none starts here. */
        String word() {
            int start = pos;
            while (pos < s.length()
                    && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.')) {
                pos++;
            }
            return pos > start ? s.substring(start, pos) : null;
        }

        void skipQuoted(char quote) {
            pos++;
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (ch == '\\') {
                    pos++;
                } else if (ch == quote) {
                    if (pos < s.length() && s.charAt(pos) == quote) {
                        pos++; // doubled quote
                    } else {
                        return;
                    }
                }
            }
        }
    }
}

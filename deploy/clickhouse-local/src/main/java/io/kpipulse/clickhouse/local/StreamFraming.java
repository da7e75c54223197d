package io.kpipulse.clickhouse.local;

import java.util.Locale;
import java.util.Set;

/**
 * Whether, and how, the chunks of a streamed SELECT can be joined into one response in a given output format.
 *
 * <p>Why this exists: chDB's streaming query renders every chunk as a complete document of the format: a
 * {@code RowBinaryWithNamesAndTypes} chunk starts with the names and types again, a {@code JSON} chunk is a
 * whole JSON object, a {@code Parquet} chunk a whole file. Row formats without a header concatenate as they
 * are; the {@code WithNames}/{@code WithNamesAndTypes} variants concatenate once the repeated header is cut
 * from every chunk after the first; every other format is not streamed but rendered whole.
 */
enum StreamFraming {
    /** Chunks concatenate as they are. */
    PLAIN,
    /** A header of one text line (TSV/CSV/JSONCompactEachRow WithNames). */
    ONE_HEADER_LINE,
    /** A header of two text lines (WithNamesAndTypes). */
    TWO_HEADER_LINES,
    /** RowBinaryWithNames: LEB128 column count, then the names. */
    ROW_BINARY_NAMES,
    /** RowBinaryWithNamesAndTypes: LEB128 column count, the names, then the types. */
    ROW_BINARY_NAMES_AND_TYPES,
    /** Not streamable: the whole result is rendered at once. */
    WHOLE;

    private static final Set<String> PLAIN_FORMATS = Set.of(
            "tabseparated",
            "tsv",
            "tabseparatedraw",
            "tsvraw",
            "csv",
            "rowbinary",
            "jsoneachrow",
            "jsonlines",
            "ndjson",
            "jsoncompacteachrow",
            "jsonstringseachrow",
            "jsoncompactstringseachrow",
            "native",
            "tskv",
            "lineasstring",
            "rawblob");

    static StreamFraming of(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (PLAIN_FORMATS.contains(f)) {
            return PLAIN;
        }
        if (f.equals("rowbinarywithnames")) {
            return ROW_BINARY_NAMES;
        }
        if (f.equals("rowbinarywithnamesandtypes")) {
            return ROW_BINARY_NAMES_AND_TYPES;
        }
        boolean textual = f.startsWith("tabseparated")
                || f.startsWith("tsv")
                || f.startsWith("csv")
                || f.startsWith("jsoncompacteachrow")
                || f.startsWith("jsoncompactstringseachrow");
        if (textual && f.endsWith("withnamesandtypes")) {
            return TWO_HEADER_LINES;
        }
        if (textual && f.endsWith("withnames")) {
            return ONE_HEADER_LINE;
        }
        return WHOLE;
    }

    /** Length of the header at the start of {@code chunk} (0 for PLAIN). */
    int headerLength(byte[] chunk) {
        return switch (this) {
            case PLAIN, WHOLE -> 0;
            case ONE_HEADER_LINE -> afterLines(chunk, 1);
            case TWO_HEADER_LINES -> afterLines(chunk, 2);
            case ROW_BINARY_NAMES -> afterRowBinaryStrings(chunk, 1);
            case ROW_BINARY_NAMES_AND_TYPES -> afterRowBinaryStrings(chunk, 2);
        };
    }

    private static int afterLines(byte[] chunk, int lines) {
        int pos = 0;
        for (int i = 0; i < lines; i++) {
            while (pos < chunk.length && chunk[pos] != '\n') {
                pos++;
            }
            pos = Math.min(pos + 1, chunk.length);
        }
        return pos;
    }

    private static int afterRowBinaryStrings(byte[] chunk, int groups) {
        int[] pos = {0};
        long columns = leb128(chunk, pos);
        for (long i = 0; i < columns * groups; i++) {
            long len = leb128(chunk, pos);
            pos[0] = (int) Math.min(chunk.length, pos[0] + len);
        }
        return pos[0];
    }

    private static long leb128(byte[] b, int[] pos) {
        long value = 0;
        int shift = 0;
        while (pos[0] < b.length) {
            int x = b[pos[0]++] & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return value;
    }
}

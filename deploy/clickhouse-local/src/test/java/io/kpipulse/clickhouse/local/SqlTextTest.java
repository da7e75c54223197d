package io.kpipulse.clickhouse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    private static SqlText.InsertSplit split(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SqlText.splitInsert(b, b.length);
    }

    @Test
    void insertWithFormatEndsAfterTheFormatNameAndOneLineBreak() {
        SqlText.InsertSplit s = split("INSERT INTO db.t (a, `format`) FORMAT RowBinary\n\n\u0001");
        assertEquals("INSERT INTO db.t (a, `format`)", s.statement());
        assertEquals("RowBinary", s.format());
        assertEquals("INSERT INTO db.t (a, `format`) FORMAT RowBinary\n".length(), s.dataOffset());
    }

    @Test
    void insertWithValuesStreamsTheValuesAsData() {
        SqlText.InsertSplit s = split("insert into t values ('FORMAT x', 1)");
        assertEquals("insert into t", s.statement());
        assertEquals("Values", s.format());
        assertEquals("insert into t values".length(), s.dataOffset());
    }

    @Test
    void insertSelectAndOtherStatementsAreNotSplit() {
        assertNull(split("INSERT INTO t SELECT * FROM s FORMAT CSV"));
        assertNull(split("SELECT 'INSERT INTO t FORMAT CSV'"));
        assertNull(split("INSERT INTO t"));
    }

    @Test
    void ownFormatIgnoresLiteralsCommentsAndSubqueries() {
        assertEquals(
                "JSONEachRow",
                SqlText.ownFormat(
                        "SELECT 'FORMAT CSV' /* FORMAT TSV */ FROM (SELECT 1 FORMAT Native) FORMAT JSONEachRow"));
        assertNull(SqlText.ownFormat("SELECT 'FORMAT CSV'"));
        assertEquals("TSKV", SqlText.ownFormat("DESCRIBE TABLE t FORMAT TSKV"));
        assertEquals("SELECT", SqlText.firstKeyword("  -- c\n (select 1)"));
    }

    @Test
    void rowBinaryHeaderLengthCoversNamesAndTypes() {
        byte[] chunk = {2, 1, 'a', 1, 'b', 6, 'U', 'I', 'n', 't', '6', '4', 6, 'S', 't', 'r', 'i', 'n', 'g', 42};
        assertEquals(chunk.length - 1, StreamFraming.ROW_BINARY_NAMES_AND_TYPES.headerLength(chunk));
        assertEquals(StreamFraming.WHOLE, StreamFraming.of("JSON"));
        assertEquals(StreamFraming.TWO_HEADER_LINES, StreamFraming.of("CSVWithNamesAndTypes"));
    }
}

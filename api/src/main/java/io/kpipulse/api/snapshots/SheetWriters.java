package io.kpipulse.api.snapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Bonus sheets as CSV, XLSX (Apache POI) and JSON-ready maps. */
final class SheetWriters {

    static final String CSV_TYPE = "text/csv; charset=utf-8";
    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Rows kept in memory while streaming an XLSX; the rest are flushed to a temporary file by POI. */
    private static final int XLSX_WINDOW = 500;

    private SheetWriters() {}

    /**
     * RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel and WPS read the Chinese headers as UTF-8; CRLF line
     * ends. Text that a spreadsheet would run as a formula ({@code = + - @} first) is prefixed with {@code '}.
     */
    static byte[] csv(BonusSheet sheet) {
        StringBuilder b = new StringBuilder("\uFEFF");
        row(b, List.copyOf(sheet.headers()));
        for (List<Object> r : sheet.rows()) {
            row(b, r);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder b, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object cell = cells.get(i);
            if (cell instanceof BigDecimal d) {
                b.append(d.toPlainString());
            } else if (cell instanceof String s) {
                b.append(quote(guardFormula(s)));
            }
        }
        b.append("\r\n");
    }

    private static String guardFormula(String s) {
        return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * One workbook, one worksheet per table, bold frozen header row. Decimals are numeric cells so payroll can sum
     * them (Excel keeps 15 significant digits: far more than any pay figure); text stays text.
     */
    static byte[] xlsx(List<BonusSheet> sheets) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW)) {
            try {
                fill(workbook, sheets);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                workbook.write(out);
                return out.toByteArray();
            } finally {
                workbook.dispose(); // the temporary files of the streamed rows
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XLSX workbook", e);
        }
    }

    private static void fill(SXSSFWorkbook workbook, List<BonusSheet> sheets) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle header = workbook.createCellStyle();
        header.setFont(bold);
        for (BonusSheet s : sheets) {
            Sheet sheet = workbook.createSheet(s.name());
            Row top = sheet.createRow(0);
            for (int c = 0; c < s.headers().size(); c++) {
                Cell cell = top.createCell(c);
                cell.setCellValue(s.headers().get(c));
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (List<Object> values : s.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof BigDecimal d) {
                        row.createCell(c).setCellValue(d.doubleValue());
                    } else if (v instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    }
                }
            }
        }
    }

    /** A table as JSON objects by column key; decimals as exact strings, absent figures as null. */
    static List<Map<String, Object>> json(BonusSheet sheet) {
        return sheet.rows().stream()
                .map(r -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    for (int i = 0; i < sheet.keys().size(); i++) {
                        Object v = r.get(i);
                        o.put(sheet.keys().get(i), v instanceof BigDecimal d ? d.toPlainString() : v);
                    }
                    return o;
                })
                .toList();
    }
}

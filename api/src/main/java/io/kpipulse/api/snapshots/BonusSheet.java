package io.kpipulse.api.snapshots;

import java.math.BigDecimal;
import java.util.List;

/**
 * One table of a bonus export: a name (the XLSX sheet, the CSV's {@code sheet} parameter), bilingual headers
 * (Chinese first, for Excel and WPS users in China) and rows whose cells are text, exact decimals or null.
 */
record BonusSheet(String name, List<String> keys, List<String> headers, List<List<Object>> rows) {

    BonusSheet {
        keys = List.copyOf(keys);
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
        for (List<Object> row : rows) {
            for (Object cell : row) {
                if (cell != null && !(cell instanceof String) && !(cell instanceof BigDecimal)) {
                    throw new IllegalArgumentException("a cell is text, a decimal or empty: " + cell.getClass());
                }
            }
        }
    }
}

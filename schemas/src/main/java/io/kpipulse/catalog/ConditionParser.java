package io.kpipulse.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the catalog's condition shorthand: {@code field op literal}, e.g. {@code firstYear == true},
 * {@code productLine in [LIFE, HEALTH]}, {@code errorsFound > 0}, {@code reason is null}.
 *
 * <p>Literals: {@code true}/{@code false}, decimals, quoted strings, or bare words (enum symbols, ids).
 */
public final class ConditionParser {

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s+(==|!=|<=|>=|<|>|not in|in|is not null|is null)\\s*(.*?)\\s*");

    private ConditionParser() {}

    public static Condition parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new CatalogFormatException("cannot parse condition '" + text
                    + "': expected 'field op value' with op one of == != < <= > >= in, not in, is null, is not null");
        }
        ConditionOperator op = ConditionOperator.bySymbol(m.group(2)).orElseThrow();
        String rest = m.group(3);
        List<Object> values = new ArrayList<>();
        if (op.arity() == -1) {
            if (!rest.startsWith("[") || !rest.endsWith("]")) {
                throw new CatalogFormatException("condition '" + text + "': " + op.symbol() + " needs a [list]");
            }
            for (String part : rest.substring(1, rest.length() - 1).split(",")) {
                if (!part.isBlank()) {
                    values.add(literal(part.strip()));
                }
            }
        } else if (op.arity() == 1) {
            if (rest.isEmpty()) {
                throw new CatalogFormatException("condition '" + text + "' has no value");
            }
            values.add(literal(rest));
        } else if (!rest.isEmpty()) {
            throw new CatalogFormatException("condition '" + text + "': " + op.symbol() + " takes no value");
        }
        try {
            return new Condition(m.group(1), op, values);
        } catch (IllegalArgumentException e) {
            throw new CatalogFormatException("condition '" + text + "': " + e.getMessage(), e);
        }
    }

    static Object literal(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if ((raw.startsWith("'") && raw.endsWith("'") || raw.startsWith("\"") && raw.endsWith("\""))
                && raw.length() >= 2) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(raw);
        }
        return raw;
    }
}

package io.kpipulse.scoring.rules;

/**
 * A scorecard, rule or bonus definition that cannot be saved: names the field (a JSON path such as
 * {@code items[2].rule.bands[1].lower}) and the rule it breaks. A definition is refused whole.
 */
public final class DefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    public DefinitionException(String field, String rule) {
        super(field + ": " + rule, null, false, false);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}

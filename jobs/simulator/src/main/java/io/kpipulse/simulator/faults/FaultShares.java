package io.kpipulse.simulator.faults;

/**
 * Share of the clean events each fault is applied to (each event gets at most one fault). {@link #none()}
 * for tests that want clean data; {@link #demo()} ≈1% of each kind.
 */
public record FaultShares(
        double duplicate,
        double outOfOrder,
        double late,
        double malformed,
        double unknownEmployee,
        double unknownTenant,
        double impossibleValue) {

    public FaultShares {
        double total = duplicate + outOfOrder + late + malformed + unknownEmployee + unknownTenant + impossibleValue;
        if (duplicate < 0
                || outOfOrder < 0
                || late < 0
                || malformed < 0
                || unknownEmployee < 0
                || unknownTenant < 0
                || impossibleValue < 0
                || total > 1.0) {
            throw new IllegalArgumentException("fault shares must be ≥ 0 and add up to at most 1");
        }
    }

    public static FaultShares none() {
        return new FaultShares(0, 0, 0, 0, 0, 0, 0);
    }

    public static FaultShares demo() {
        return new FaultShares(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01);
    }

    /** {@code none} or {@code demo}. */
    public static FaultShares preset(String name) {
        return switch (name) {
            case "none" -> none();
            case "demo" -> demo();
            default -> throw new IllegalArgumentException("unknown fault preset '" + name + "' (none | demo)");
        };
    }

    public boolean isNone() {
        return duplicate + outOfOrder + late + malformed + unknownEmployee + unknownTenant + impossibleValue == 0;
    }
}

package io.kpipulse.snapshots;

import io.kpipulse.catalog.IndicatorCatalog;
import java.util.List;

/**
 * The one seam through which a freeze obtains scores, ratings, multipliers and performance pay: given the
 * period's lines with indicator values, departments and base pay, it returns the same lines scored. The
 * scoring library ({@code schemas/scoring}) plugs in here; until it does, {@link #NONE} leaves the scoring
 * columns null and records the versions as {@code none}, so a sheet never shows a score nobody computed.
 * An implementation must be deterministic: the verification command calls it again on the recomputed
 * values and expects the same figures.
 */
public interface PeriodFigures {

    /** The version of the scorecards / scoring rules applied, recorded in the snapshot header. */
    String scoringVersion(String tenantId, Period period);

    /** The version of the bonus rules applied, recorded in the snapshot header. */
    String bonusRulesVersion(String tenantId, Period period);

    /** The lines scored: same subjects, same values, scoring columns filled where the rules apply. */
    List<SnapshotLine> score(String tenantId, Period period, IndicatorCatalog catalog, List<SnapshotLine> lines);

    /** No scoring wired in: indicator values and base pay only. */
    PeriodFigures NONE = new PeriodFigures() {
        @Override
        public String scoringVersion(String tenantId, Period period) {
            return "none";
        }

        @Override
        public String bonusRulesVersion(String tenantId, Period period) {
            return "none";
        }

        @Override
        public List<SnapshotLine> score(
                String tenantId, Period period, IndicatorCatalog catalog, List<SnapshotLine> lines) {
            return lines;
        }
    };
}

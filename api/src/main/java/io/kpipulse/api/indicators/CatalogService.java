package io.kpipulse.api.indicators;

import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The indicator catalog as the API sees it, and the checks every indicator parameter goes through.
 * Takes a supplier so a catalog updated at run time (control topic) is picked up without a restart.
 */
public final class CatalogService {

    private final Supplier<IndicatorCatalog> catalog;

    public CatalogService(Supplier<IndicatorCatalog> catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public IndicatorCatalog current() {
        return catalog.get();
    }

    public List<IndicatorDefinition> indicators() {
        return catalog.get().indicators();
    }

    public IndicatorDefinition require(String indicatorId) {
        if (indicatorId == null || indicatorId.isBlank()) {
            throw new BadRequestException("indicator", "is required");
        }
        return catalog.get()
                .find(indicatorId)
                .orElseThrow(() -> new BadRequestException(
                        "indicator",
                        "unknown indicator '"
                                + (indicatorId.length() > 64 ? indicatorId.substring(0, 64) + "…" : indicatorId)
                                + "'"));
    }

    /** The indicator must be kept for this window and subject type, or the answer would silently be empty. */
    public static void requireKept(IndicatorDefinition indicator, WindowType window, SubjectType subjectType) {
        if (!indicator.windows().contains(window)) {
            throw new BadRequestException(
                    "window",
                    "indicator " + indicator.id() + " is not kept for " + window + "; it is kept for "
                            + sorted(indicator.windows()));
        }
        if (!indicator.subjects().contains(subjectType)) {
            throw new BadRequestException(
                    "subjectType",
                    "indicator " + indicator.id() + " has no " + subjectType + " values; it has "
                            + sorted(indicator.subjects()));
        }
    }

    private static <E extends Enum<E>> List<E> sorted(java.util.Set<E> values) {
        return values.stream().sorted().toList();
    }
}

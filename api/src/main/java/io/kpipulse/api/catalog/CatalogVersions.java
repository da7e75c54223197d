package io.kpipulse.api.catalog;

import io.kpipulse.catalog.CatalogValidator;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog version the API serves: the one it started with until a newer, valid version arrives. Never
 * goes backwards, so a compacted topic replayed from the start, or an old document published again, cannot
 * undo a newer catalog. Documents are parsed and validated against the event contracts by the same schemas
 * code the engine uses ({@link CatalogYaml}, {@link CatalogValidator}), so both accept the same versions.
 */
public final class CatalogVersions implements Supplier<IndicatorCatalog> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogVersions.class);

    private final AtomicReference<IndicatorCatalog> current;

    public CatalogVersions(IndicatorCatalog initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** What became of an offered document. */
    public enum Outcome {
        APPLIED,
        NOT_NEWER,
        INVALID
    }

    @Override
    public IndicatorCatalog get() {
        return current.get();
    }

    /** Applies {@code yaml} if it parses, validates and is newer than the catalog served; logs what it did. */
    public Outcome offer(String yaml, String origin) {
        IndicatorCatalog offered;
        try {
            offered = CatalogValidator.requireValid(CatalogYaml.parse(yaml));
        } catch (RuntimeException e) {
            LOG.error("ignoring catalog from {}: {}", origin, e.getMessage());
            return Outcome.INVALID;
        }
        IndicatorCatalog before = current.getAndAccumulate(
                offered, (held, candidate) -> candidate.version() > held.version() ? candidate : held);
        if (offered.version() <= before.version()) {
            LOG.info(
                    "catalog version {} from {} is not newer than version {}; keeping it",
                    offered.version(),
                    origin,
                    before.version());
            return Outcome.NOT_NEWER;
        }
        LOG.info(
                "catalog version {} from {} applied ({} indicators, was version {})",
                offered.version(),
                origin,
                offered.size(),
                before.version());
        return Outcome.APPLIED;
    }
}

package io.kpipulse.indicators;

import io.kpipulse.catalog.CatalogValidator;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import java.io.Serializable;

/**
 * A new catalog version as it travels on the control topic and in broadcast state: the YAML text, so
 * every operator instance parses the very same document.
 */
public record CatalogUpdate(long version, String yaml) implements Serializable {

    /** An update carrying a whole catalog document, versioned by the document's own {@code version}. */
    public static CatalogUpdate of(String yaml) {
        return new CatalogUpdate(CatalogYaml.parse(yaml).version(), yaml);
    }

    /** Parses and validates; the version in the message wins over the one in the document. */
    public IndicatorCatalog parse() {
        return CatalogValidator.requireValid(CatalogYaml.parse(yaml).withVersion(version));
    }
}

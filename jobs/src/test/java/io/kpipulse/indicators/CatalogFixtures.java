package io.kpipulse.indicators;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;

/** The template library, as tests use it. */
final class CatalogFixtures {

    static final IndicatorCatalog LIBRARY = CatalogYaml.templateLibrary();

    private CatalogFixtures() {}

    static IndicatorDefinition indicator(String id) {
        return LIBRARY.find(id).orElseThrow();
    }

    static CatalogUpdate libraryUpdate() {
        return CatalogUpdate.of(CatalogYaml.templateLibraryText());
    }
}

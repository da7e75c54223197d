package io.kpipulse.indicators;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import java.nio.charset.StandardCharsets;

/** The template library, as tests use it. */
final class CatalogFixtures {

    static final IndicatorCatalog LIBRARY = CatalogYaml.templateLibrary();

    private CatalogFixtures() {
    }

    static IndicatorDefinition indicator(String id) {
        return LIBRARY.find(id).orElseThrow();
    }

    static CatalogUpdate libraryUpdate() {
        try (var in = CatalogYaml.class.getClassLoader().getResourceAsStream(CatalogYaml.TEMPLATE_LIBRARY)) {
            return new CatalogUpdate(LIBRARY.version(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.kpipulse.testing;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.indicators.CatalogUpdate;
import java.util.function.UnaryOperator;

/** Catalog versions as tests publish them on the control topic or into broadcast state. */
public final class TestCatalogs {

    private TestCatalogs() {}

    /** The template library edited by {@code edit}, as the next catalog version after the bundled one. */
    public static CatalogUpdate nextLibraryVersion(UnaryOperator<String> edit) {
        long bundled = CatalogYaml.templateLibrary().version();
        return CatalogUpdate.of(edit.apply(
                CatalogYaml.templateLibraryText().replaceFirst("version: " + bundled, "version: " + (bundled + 1))));
    }
}

package io.kpipulse.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import org.junit.jupiter.api.Test;

class CatalogVersionsTest {

    static final String LIBRARY = CatalogYaml.templateLibraryText();
    static final long BUNDLED = CatalogYaml.templateLibrary().version();

    /** The template library as version {@code version}, with one more indicator. */
    static String libraryVersion(long version, String extraIndicatorId) {
        return LIBRARY.replaceFirst("version: " + BUNDLED, "version: " + version)
                + "\n  - id: " + extraIndicatorId + "\n"
                + "    names: {en: Policies issued (copy), zh-CN: 出单件数副本}\n"
                + "    owner: FRONT_LINE\n"
                + "    perspective: CUSTOMER\n"
                + "    unit: policies\n"
                + "    direction: HIGHER_IS_BETTER\n"
                + "    scale: 0\n"
                + "    windows: [MONTH_TO_DATE]\n"
                + "    subjects: [EMPLOYEE]\n"
                + "    aggregation: {type: count, event: policy.PolicyIssued}\n";
    }

    @Test
    void aNewerValidVersionIsApplied() {
        CatalogVersions versions = new CatalogVersions(CatalogYaml.templateLibrary());
        assertEquals(CatalogVersions.Outcome.APPLIED, versions.offer(libraryVersion(BUNDLED + 1, "extra_kpi"), "t"));
        assertEquals(BUNDLED + 1, versions.get().version());
        assertTrue(versions.get().find("extra_kpi").isPresent());
    }

    @Test
    void anOlderOrEqualVersionNeverReplacesTheOneServed() {
        CatalogVersions versions = new CatalogVersions(CatalogYaml.templateLibrary());
        versions.offer(libraryVersion(BUNDLED + 2, "newest_kpi"), "t");
        assertEquals(CatalogVersions.Outcome.NOT_NEWER, versions.offer(libraryVersion(BUNDLED + 1, "older_kpi"), "t"));
        assertEquals(CatalogVersions.Outcome.NOT_NEWER, versions.offer(libraryVersion(BUNDLED + 2, "same_kpi"), "t"));
        assertEquals(BUNDLED + 2, versions.get().version());
        assertTrue(versions.get().find("newest_kpi").isPresent());
    }

    @Test
    void anInvalidDocumentIsIgnored() {
        CatalogVersions versions = new CatalogVersions(CatalogYaml.templateLibrary());
        assertEquals(CatalogVersions.Outcome.INVALID, versions.offer("version: 9\nindicators: [{id: x}]", "t"));
        // Parses, but reads an event type the contracts do not have: the validator refuses it.
        String unknownEvent = libraryVersion(BUNDLED + 3, "ghost_kpi")
                .replace("event: policy.PolicyIssued}\n", "event: policy.Ghost}\n");
        assertEquals(CatalogVersions.Outcome.INVALID, versions.offer(unknownEvent, "t"));
        assertEquals(BUNDLED, versions.get().version());
    }
}

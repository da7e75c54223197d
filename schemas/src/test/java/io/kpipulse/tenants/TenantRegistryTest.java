package io.kpipulse.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogFormatException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TenantRegistryTest {

    @Test
    void readsZonesAndHolidaysWithShanghaiAsDefault() {
        TenantRegistry registry = TenantRegistry.parse("""
                tenants:
                  - id: t-a
                    name: A Life
                    holidays: [2026-05-01]
                  - id: t-b
                    zone: Europe/Berlin
                """);
        assertEquals(ZoneId.of("Asia/Shanghai"), registry.calendars().get("t-a").zone());
        assertFalse(registry.calendars().get("t-a").isWorkingDay(LocalDate.of(2026, 5, 1)));
        assertEquals(ZoneId.of("Europe/Berlin"), registry.calendars().get("t-b").zone());
        assertEquals("A Life", registry.name("t-a"));
        assertTrue(registry.contains("t-b"));
        assertFalse(registry.contains("t-c"));
    }

    @Test
    void rejectsTenantIdsThatWouldBreakKeys() {
        assertThrows(CatalogFormatException.class, () -> TenantRegistry.parse("tenants: [{id: 'a|b'}]"));
        assertThrows(CatalogFormatException.class, () -> TenantRegistry.parse("tenants: [{id: a, zone: Mars/Base}]"));
    }
}

package io.kpipulse.tenants;

import io.kpipulse.catalog.CatalogFormatException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The tenants the service knows, with their calendars. An event of any other tenant is dead-lettered
 * (UNKNOWN_TENANT). Read from YAML:
 * <pre>
 * tenants:
 *   - id: t-acme-life
 *     name: Acme Life
 *     zone: Asia/Shanghai          # optional, default Asia/Shanghai
 *     holidays: [2026-05-01, 2026-05-04]
 *     workdays: [2026-05-09]       # make-up working days (调休): weekend days that are working days
 * </pre>
 */
public final class TenantRegistry implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, TenantCalendar> calendars;
    private final Map<String, String> names;

    public TenantRegistry(Map<String, TenantCalendar> calendars, Map<String, String> names) {
        this.calendars = Collections.unmodifiableMap(new LinkedHashMap<>(calendars));
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    public Map<String, TenantCalendar> calendars() {
        return calendars;
    }

    public String name(String tenantId) {
        return names.getOrDefault(tenantId, tenantId);
    }

    public boolean contains(String tenantId) {
        return calendars.containsKey(tenantId);
    }

    /** The demo tenants of the local stack: the simulator's two companies. */
    public static final String DEMO_RESOURCE = "tenants/demo-tenants.yaml";

    /** The tenants in {@code file}, or the bundled demo tenants when {@code file} is blank. */
    public static TenantRegistry fromFileOrDemo(String file) {
        try {
            if (file != null && !file.isBlank()) {
                return parse(java.nio.file.Files.readString(java.nio.file.Path.of(file)));
            }
            try (java.io.InputStream in = TenantRegistry.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
                return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read tenants " + file, e);
        }
    }

    public static TenantRegistry parse(String yamlText) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        if (!(root instanceof Map<?, ?> doc) || !(doc.get("tenants") instanceof List<?> tenants)) {
            throw new CatalogFormatException("tenants file must have a 'tenants' list");
        }
        Map<String, TenantCalendar> calendars = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object entry : tenants) {
            if (!(entry instanceof Map<?, ?> t)
                    || !(t.get("id") instanceof String id)
                    || id.isBlank()
                    || id.contains("|")) {
                throw new CatalogFormatException("every tenant needs an id without '|': " + entry);
            }
            ZoneId zone;
            try {
                zone = t.get("zone") == null ? TenantCalendar.DEFAULT_ZONE : ZoneId.of(String.valueOf(t.get("zone")));
            } catch (DateTimeException e) {
                throw new CatalogFormatException("tenant " + id + ": unknown time zone " + t.get("zone"), e);
            }
            TenantCalendar calendar;
            try {
                calendar = new TenantCalendar(zone, days(t.get("holidays")), days(t.get("workdays")));
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new CatalogFormatException("tenant " + id + ": " + e.getMessage(), e);
            }
            if (calendars.put(id, calendar) != null) {
                throw new CatalogFormatException("tenant " + id + " is listed twice");
            }
            names.put(id, t.get("name") == null ? id : String.valueOf(t.get("name")));
        }
        return new TenantRegistry(calendars, names);
    }

    /** A YAML list of days (SnakeYAML reads unquoted ISO dates as midnight-UTC {@link Date}s). */
    private static Set<LocalDate> days(Object list) {
        Set<LocalDate> days = new TreeSet<>();
        if (list instanceof List<?> entries) {
            for (Object day : entries) {
                days.add(
                        day instanceof Date d
                                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                                : LocalDate.parse(String.valueOf(day)));
            }
        } else if (list != null) {
            throw new CatalogFormatException("expected a list of days, got " + list);
        }
        return days;
    }
}

package io.kpipulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.alerts.AlertServices;
import io.kpipulse.api.alerts.AlertStream;
import io.kpipulse.api.alerts.RulePublication;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.calendars.CalendarPublication;
import io.kpipulse.api.calendars.CalendarServices;
import io.kpipulse.api.catalog.ControlTopicStatus;
import io.kpipulse.api.health.HealthCheck;
import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.indicators.CurrentValuesConfig;
import io.kpipulse.api.indicators.CurrentValuesFeed;
import io.kpipulse.api.indicators.SubjectNames;
import io.kpipulse.api.indicators.ValueCache;
import io.kpipulse.api.indicators.ValueCacheConfig;
import io.kpipulse.api.indicators.ValuesService;
import io.kpipulse.api.lineage.LineageReader;
import io.kpipulse.api.lineage.LineageService;
import io.kpipulse.api.live.LiveConfig;
import io.kpipulse.api.live.LiveHub;
import io.kpipulse.api.org.KeptSubjectNames;
import io.kpipulse.api.org.OrgService;
import io.kpipulse.api.org.OrgSubjectNames;
import io.kpipulse.api.rejections.RejectionsReader;
import io.kpipulse.api.scoring.ObjectiveService;
import io.kpipulse.api.scoring.Review360Service;
import io.kpipulse.api.scoring.ScoringService;
import io.kpipulse.api.snapshots.CloseConfig;
import io.kpipulse.api.snapshots.SnapshotServices;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.read.changes.ValueChangeReader;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.values.CurrentValueReader;
import io.kpipulse.read.values.InMemoryValues;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.review.Review360;
import io.kpipulse.scoring.store.ObjectiveStore;
import io.kpipulse.scoring.store.ReviewStore;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the routes call, built once and injected into {@link ApiApp#create}. Tests build it against
 * their own ClickHouse database, tenants, catalog and clock. Owns the health probe thread: close it.
 */
public record ApiServices(
        TenantDirectory tenants,
        CatalogService catalog,
        ValuesService values,
        LineageService lineage,
        RejectionsReader rejections,
        OrgService org,
        HealthCheck health,
        SecurityServices security,
        Supplier<ControlTopicStatus> controlTopic,
        LiveHub live,
        ScoringService scoring,
        SnapshotServices snapshots,
        ObjectMapper json,
        AlertServices alerts,
        CurrentValuesFeed currentValues,
        CalendarServices calendars)
        implements AutoCloseable {

    public ApiServices {
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(rejections, "rejections");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(controlTopic, "controlTopic");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(currentValues, "currentValues");
        Objects.requireNonNull(calendars, "calendars");
    }

    /** The same services with alert rules published through {@code publication} (the control topic). */
    public ApiServices withAlerts(AlertServices a) {
        return new ApiServices(
                tenants,
                catalog,
                values,
                lineage,
                rejections,
                org,
                health,
                security,
                controlTopic,
                live,
                scoring,
                snapshots,
                json,
                a,
                currentValues,
                calendars);
    }

    /** The same services with calendar versions published through {@code c} (the control topic). */
    public ApiServices withCalendars(CalendarServices c) {
        return new ApiServices(
                tenants,
                catalog,
                values,
                lineage,
                rejections,
                org,
                health,
                security,
                controlTopic,
                live,
                scoring,
                snapshots,
                json,
                alerts,
                currentValues,
                c);
    }

    /**
     * Starts the wiring over {@code connections}: the tenants, the catalog in force, the clock that decides the
     * tenants' "today" (the live feed's threads run on the system clock whatever it is: a fixed test clock must not
     * freeze its idle timeout) and {@code security}, built over the same connections, JSON mapper
     * ({@link io.kpipulse.api.http.ApiJson#mapper()}) and clock. Everything else has a default: a catalog not
     * followed on the control topic, values read with FINAL, a 5 s health timeout, the live feed's and period
     * close's defaults, no answer cache and no values in memory.
     */
    public static Builder builder(
            Connections connections,
            TenantRegistry tenants,
            Supplier<IndicatorCatalog> catalog,
            Clock clock,
            SecurityServices security) {
        return new Builder(connections, tenants, catalog, clock, security);
    }

    /** The optional parts of {@link ApiServices}; {@link #build} wires them. */
    public static final class Builder {
        private final Connections connections;
        private final TenantRegistry tenants;
        private final Supplier<IndicatorCatalog> catalog;
        private final Clock clock;
        private final SecurityServices security;
        private Supplier<ControlTopicStatus> controlTopic = ControlTopicStatus::off;
        private ValueReadStrategy valueRead = ValueReadStrategy.FINAL;
        private Duration healthTimeout = Duration.ofSeconds(5);
        private LiveConfig live = LiveConfig.defaults();
        private CloseConfig close = CloseConfig.defaults();
        private ValueCacheConfig cache = ValueCacheConfig.OFF;
        private CurrentValuesConfig memory = CurrentValuesConfig.OFF;

        private Builder(
                Connections connections,
                TenantRegistry tenants,
                Supplier<IndicatorCatalog> catalog,
                Clock clock,
                SecurityServices security) {
            this.connections = java.util.Objects.requireNonNull(connections, "connections");
            this.tenants = java.util.Objects.requireNonNull(tenants, "tenants");
            this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            this.security = java.util.Objects.requireNonNull(security, "security");
        }

        /** How the catalog follows the control topic ({@link ApiMain}: the follower's status). */
        public Builder controlTopic(Supplier<ControlTopicStatus> controlTopic) {
            this.controlTopic = java.util.Objects.requireNonNull(controlTopic, "controlTopic");
            return this;
        }

        public Builder valueRead(ValueReadStrategy valueRead) {
            this.valueRead = java.util.Objects.requireNonNull(valueRead, "valueRead");
            return this;
        }

        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = java.util.Objects.requireNonNull(healthTimeout, "healthTimeout");
            return this;
        }

        public Builder live(LiveConfig live) {
            this.live = java.util.Objects.requireNonNull(live, "live");
            return this;
        }

        /** Period-close settings (freezes carry ScoreBook's scores and pay). */
        public Builder close(CloseConfig close) {
            this.close = java.util.Objects.requireNonNull(close, "close");
            return this;
        }

        /** The dashboard answer cache: it listens to the live feed of each tenant it holds answers of. */
        public Builder cache(ValueCacheConfig cache) {
            this.cache = java.util.Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * The in-memory current values ({@link ApiMain}): when enabled, every tenant's values are loaded in the
         * background from the start and kept current by its live feed; until a tenant is loaded its answers come
         * from ClickHouse.
         */
        public Builder memory(CurrentValuesConfig memory) {
            this.memory = java.util.Objects.requireNonNull(memory, "memory");
            return this;
        }

        public ApiServices build() {
            return ApiServices.wire(
                    connections,
                    tenants,
                    catalog,
                    controlTopic,
                    valueRead,
                    healthTimeout,
                    clock,
                    security,
                    live,
                    close,
                    cache,
                    memory);
        }
    }

    private static ApiServices wire(
            Connections connections,
            TenantRegistry tenants,
            Supplier<IndicatorCatalog> catalog,
            Supplier<ControlTopicStatus> controlTopic,
            ValueReadStrategy valueRead,
            Duration healthTimeout,
            Clock clock,
            SecurityServices security,
            LiveConfig live,
            CloseConfig close,
            ValueCacheConfig cacheConfig,
            CurrentValuesConfig memoryConfig) {
        ObjectMapper json = io.kpipulse.api.http.ApiJson.mapper();
        CatalogService catalogService = new CatalogService(catalog);
        OrgReader org = new OrgReader(connections);
        IndicatorValueReader values = new IndicatorValueReader(connections, valueRead, catalog);
        ScoringStore scoringStore = new ScoringStore(connections, clock);
        LineageService lineage = new LineageService(catalogService, new LineageReader(connections, json));
        LiveHub liveHub = new LiveHub(new ValueChangeReader(connections::open), catalog, json, live, Clock.systemUTC());
        ValueCache cache =
                new ValueCache(cacheConfig.entries(), cacheConfig.maxAge(), liveHub::listen, System::nanoTime);
        InMemoryValues memory = new InMemoryValues(connections);
        CurrentValuesFeed memoryFeed =
                new CurrentValuesFeed(memory, liveHub::listen, new TenantDirectory(tenants, clock), memoryConfig);
        SubjectNames names = new OrgSubjectNames(org);
        if (memoryConfig.enabled()) {
            memoryFeed.start();
            names = new KeptSubjectNames(org, memoryConfig.namesMaxAge(), System::nanoTime);
        }
        return new ApiServices(
                new TenantDirectory(tenants, clock),
                catalogService,
                new ValuesService(catalogService, new CurrentValueReader(values, memory), names, cache),
                lineage,
                new RejectionsReader(connections),
                new OrgService(org),
                new HealthCheck(connections, healthTimeout),
                security,
                controlTopic,
                liveHub,
                new ScoringService(
                        new ScoreBook(values, org, scoringStore),
                        scoringStore,
                        org,
                        catalogService,
                        clock,
                        new ObjectiveService(
                                new ObjectiveStore(connections, clock), values, org, catalogService, clock),
                        new Review360Service(
                                new ReviewStore(connections, clock), org, clock, Review360.DEFAULT_MINIMUM_RATERS)),
                SnapshotServices.create(
                        connections,
                        values,
                        org,
                        catalogService,
                        lineage,
                        new PeriodFigures(scoringStore),
                        close,
                        clock),
                json,
                AlertServices.over(
                        connections,
                        RulePublication.unavailable(),
                        new AlertStream(new TenantDirectory(tenants, clock), security.scope(), clock)),
                memoryFeed,
                CalendarServices.over(connections, CalendarPublication.unavailable()));
    }

    @Override
    public void close() {
        currentValues.close();
        live.close();
        health.close();
    }
}

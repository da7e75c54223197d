package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.sql.Connections;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current read model in memory: per tenant, the newest version of every stored value row of the calendar
 * window instances a {@link Horizon} keeps (the dashboard's: 13 months of month-to-date values), loaded in bulk ({@link #load}: one RowBinary
 * read of every version, the newest kept here by the table's own rule) and kept current by {@link #offer}ing it
 * each version the live change feed reads: refreshed in place, row by row, never emptied. It answers what
 * {@link IndicatorValueReader} answers — a scorecard's values, a ranking page, a subject's standing, a history —
 * for questions {@link #covers} (a test over real ClickHouse holds the answers equal). Rolling windows are not
 * kept: most are assembled from day rows ({@link RollingAssembly}), which stays the reader's one job.
 *
 * <p>Thread-safe. Memory: 76 bytes per kept value (five decimals as scaled longs, event count, newest event,
 * catalog version, version, last day) plus the slack of a column's growth; ids are kept once per tenant.
 */
public final class InMemoryValues {

    /**
     * Which instances are kept: the union of its rules, each a (calendar) window type, the subject types it keeps
     * and the first instance start kept.
     */
    public record Horizon(List<Keep> keeps) {

        /** Instances of {@code window} of these subject types starting on or after {@code from}. */
        public record Keep(WindowType window, Set<SubjectType> subjects, LocalDate from) {
            public Keep {
                Objects.requireNonNull(window, "window");
                subjects = Set.copyOf(subjects);
                Objects.requireNonNull(from, "from");
                if (window.isRolling()) {
                    throw new IllegalArgumentException(
                            "rolling windows are assembled by the reader, not kept: " + window);
                }
            }

            boolean keeps(WindowType w, SubjectType subject, LocalDate start) {
                return window == w && subjects.contains(subject) && !start.isBefore(from);
            }
        }

        public Horizon {
            keeps = List.copyOf(keeps);
        }

        /**
         * What the dashboard reads: {@code windows} of every subject type from the first day of the month
         * {@code months} before {@code today}'s, and the DAY rows of departments (the overview's sparklines) of the
         * last {@code days} days (none when 0). Employees' day rows are not kept: a year of them is 365 values per
         * employee and indicator.
         */
        public static Horizon dashboard(LocalDate today, Set<WindowType> windows, int months, int days) {
            if (months < 0 || days < 0) {
                throw new IllegalArgumentException("months and days must not be negative");
            }
            List<Keep> keeps = new ArrayList<>();
            Set<SubjectType> every = EnumSet.allOf(SubjectType.class);
            for (WindowType w : windows) {
                keeps.add(new Keep(w, every, today.withDayOfMonth(1).minusMonths(months)));
            }
            if (days > 0) {
                keeps.add(new Keep(
                        WindowType.DAY,
                        EnumSet.complementOf(EnumSet.of(SubjectType.EMPLOYEE)),
                        today.minusDays(days - 1L)));
            }
            return new Horizon(keeps);
        }

        /**
         * Whether every instance this horizon keeps is kept by {@code wider} as well: the same rules, each starting
         * on the same day or later (what a later day's horizon is to an earlier day's).
         */
        public boolean within(Horizon wider) {
            if (keeps.size() != wider.keeps.size()) {
                return false;
            }
            for (int i = 0; i < keeps.size(); i++) {
                Keep mine = keeps.get(i);
                Keep theirs = wider.keeps.get(i);
                if (mine.window() != theirs.window()
                        || !mine.subjects().equals(theirs.subjects())
                        || mine.from().isBefore(theirs.from())) {
                    return false;
                }
            }
            return true;
        }

        boolean keeps(WindowType window, SubjectType subject, LocalDate start) {
            for (Keep k : keeps) {
                if (k.keeps(window, subject, start)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Versions a load hands to a tenant at once (each batch takes the tenant's lock once). */
    private static final int LOAD_BATCH = 8_192;

    private final ValueTable table;
    private final Map<String, TenantValues> tenants = new ConcurrentHashMap<>();

    public InMemoryValues(Connections connections) {
        // The strategy is not used: a load reads every version and keeps the newest itself.
        this.table = new ValueTable(connections, ValueReadStrategy.FINAL);
    }

    /**
     * Reads every version of the tenant's rows inside {@code horizon} and keeps the newest of each, then answers
     * for the tenant. Versions {@link #offer}ed meanwhile are kept too (the newest wins whatever the order), so a
     * caller starts the change feed first and loads second: nothing written in between is missed. A tenant
     * already held under the same horizon, or a wider one (a day earlier's), is {@link #roll}ed to it, read again
     * and merged, answering meanwhile as before (from memory, or after {@link #suspend} from the reader); under
     * another horizon it is replaced and answered by the reader until loaded. Returns the values kept.
     */
    public long load(String tenantId, Horizon horizon) {
        TenantValues values = tenants.compute(tenantId, (k, held) -> {
            if (held != null && horizon.within(held.horizon())) {
                held.narrow(horizon);
                return held;
            }
            return new TenantValues(horizon);
        });
        List<IndicatorValue> batch = new ArrayList<>(LOAD_BATCH);
        table.forEachVersion(tenantId, horizon.keeps(), v -> {
            batch.add(v);
            if (batch.size() == LOAD_BATCH) {
                values.offer(batch);
                batch.clear();
            }
        });
        values.offer(batch);
        values.ready(true);
        return values.valueCount();
    }

    /**
     * The tenant's day moved on: drops the instances that {@code horizon} (the new day's) no longer keeps, in place,
     * answering from memory throughout. Nothing happens for a tenant not held or when {@code horizon} would keep an
     * instance that is not held (not {@link Horizon#within} the held one: a setting changed; a {@link #load} replaces
     * it). Returns the values dropped.
     */
    public long roll(String tenantId, Horizon horizon) {
        TenantValues values = tenants.get(tenantId);
        if (values == null || values.horizon().equals(horizon) || !horizon.within(values.horizon())) {
            return 0;
        }
        return values.narrow(horizon);
    }

    /** Newly written versions of a tenant's rows (the change feed's); ignored for a tenant not held. */
    public void offer(String tenantId, Collection<IndicatorValue> versions) {
        TenantValues values = tenants.get(tenantId);
        if (values != null) {
            values.offer(versions);
        }
    }

    /**
     * News of the tenant may have been missed (a failed poll): it is answered by the reader until it is
     * {@link #load}ed again.
     */
    public void suspend(String tenantId) {
        TenantValues values = tenants.get(tenantId);
        if (values != null) {
            values.ready(false);
        }
    }

    public boolean ready(String tenantId) {
        TenantValues values = tenants.get(tenantId);
        return values != null && values.ready();
    }

    /** Values kept for the tenant (0 when not held). */
    public long valueCount(String tenantId) {
        TenantValues values = tenants.get(tenantId);
        return values == null ? 0 : values.valueCount();
    }

    /** Subject slots the tenant's columns hold room for (at least {@link #valueCount}). */
    public long slotCount(String tenantId) {
        TenantValues values = tenants.get(tenantId);
        return values == null ? 0 : values.slotCount();
    }

    /** Whether the tenant is loaded and keeps every instance of {@code window} and the type starting on these days. */
    public boolean covers(String tenantId, WindowType window, SubjectType subjectType, Collection<LocalDate> starts) {
        TenantValues values = tenants.get(tenantId);
        return values != null && values.covers(window, subjectType, starts);
    }

    /** Whether {@link #values} of the instance containing {@code day} and its previous one is answered here. */
    public boolean coversInstance(String tenantId, WindowType window, SubjectType subjectType, LocalDate day) {
        WindowBounds current = window.instanceFor(day);
        return covers(
                tenantId,
                window,
                subjectType,
                List.of(current.start(), IndicatorValueReader.previous(current).start()));
    }

    public boolean covers(RankingQuery query) {
        return covers(
                query.tenantId(),
                query.window().type(),
                query.subjectType(),
                List.of(
                        query.window().start(),
                        IndicatorValueReader.previous(query.window()).start()));
    }

    public boolean covers(HistoryQuery query) {
        Set<LocalDate> starts = new LinkedHashSet<>();
        for (LocalDate day : query.step().points(query.from(), query.to())) {
            starts.add(query.window().instanceFor(day).start());
        }
        return covers(query.tenantId(), query.window(), query.subjectType(), starts);
    }

    /** {@link IndicatorValueReader#values}, for an instance {@link #coversInstance covered}. */
    public Map<String, InstanceValue> values(
            String tenantId,
            List<String> indicatorIds,
            WindowType window,
            LocalDate day,
            SubjectType subjectType,
            String subjectId) {
        require(coversInstance(tenantId, window, subjectType, day), tenantId);
        return tenants.get(tenantId).values(indicatorIds, window, day, subjectType, subjectId);
    }

    /** {@link IndicatorValueReader#ranking}, for a query {@link #covers(RankingQuery) covered}. */
    public RankingPage ranking(RankingQuery query, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        require(covers(query), query.tenantId());
        return tenants.get(query.tenantId()).ranking(query, limit, offset);
    }

    /** {@link IndicatorValueReader#rankOf}, for a query {@link #covers(RankingQuery) covered}. */
    public Optional<IndicatorValueReader.RankedStanding> rankOf(RankingQuery query, String subjectId) {
        require(covers(query), query.tenantId());
        return tenants.get(query.tenantId()).rankOf(query, subjectId);
    }

    /** {@link IndicatorValueReader#history}, for a query {@link #covers(HistoryQuery) covered}. */
    public List<HistoryPoint> history(HistoryQuery query) {
        require(covers(query), query.tenantId());
        return tenants.get(query.tenantId()).history(query);
    }

    /**
     * True when a version of the subject is kept (so {@link IndicatorValueReader#hasValues} is true); false says
     * only that none is kept here — older rows may exist.
     */
    public boolean keepsAny(String tenantId, SubjectType subjectType, String subjectId) {
        TenantValues values = tenants.get(tenantId);
        return values != null && values.keepsAny(subjectType, subjectId);
    }

    private static void require(boolean covered, String tenantId) {
        if (!covered) {
            throw new IllegalStateException("not answered from memory for tenant " + tenantId + ": ask the reader");
        }
    }
}

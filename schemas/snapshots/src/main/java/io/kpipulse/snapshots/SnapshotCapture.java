package io.kpipulse.snapshots;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.Department;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import io.kpipulse.read.values.FigureRow;
import io.kpipulse.read.values.IndicatorValueReader;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Captures a period's figures through the read model: for every employee and department of the tenant, every
 * indicator of the catalog in force kept for the period's calendar window (a month to date for a month, a
 * quarter to date, a year to date), read in bulk with {@link IndicatorValueReader#forEachInstanceFigureRow} (a
 * few streamed queries per subject type however large the tenant, every stored version, the highest kept), and for employees the department and base pay of the org directory
 * as of the period's last day. Subjects are the org's employees and departments on that day plus any subject
 * with a value in the period (someone who left on the 20th keeps the figures they earned); an employee the
 * org no longer places has an empty department. Then {@link PeriodFigures} scores the lines (ScoreBook over this
 * capture's reader and org). The API's freeze
 * and the verification command (over a recomputed database) both capture with this class, so the two can only
 * differ by the figures.
 */
public final class SnapshotCapture {

    /** Bulk reads of one subject type running at once: enough to keep two cores and the server busy. */
    public static final int READ_STREAMS = 4;

    private final IndicatorValueReader values;
    private final OrgReader org;
    private final PeriodFigures figures;

    public SnapshotCapture(IndicatorValueReader values, OrgReader org, PeriodFigures figures) {
        this.values = Objects.requireNonNull(values, "values");
        this.org = Objects.requireNonNull(org, "org");
        this.figures = Objects.requireNonNull(figures, "figures");
    }

    public SnapshotContent capture(
            String tenantId,
            Period period,
            ZoneId zone,
            IndicatorCatalog catalog,
            EventLogPosition position,
            CaptureProgress progress) {
        // The org and the department values are read while the employee values are: the employee read is bound by
        // the server, the others need little, and one after another they were a second of the freeze.
        ExecutorService beside = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "capture-org");
            t.setDaemon(true);
            return t;
        });
        OrgSnapshot orgAtEnd;
        Map<String, Map<String, FrozenValue>> employees;
        Map<String, Map<String, FrozenValue>> departments;
        try {
            Future<OrgSnapshot> orgRead = beside.submit(() -> org.snapshot(new OrgDay(tenantId, period.end(), zone)));
            Future<Map<String, Map<String, FrozenValue>>> departmentRead =
                    beside.submit(() -> read(tenantId, period, catalog, SubjectType.DEPARTMENT));
            employees = read(tenantId, period, catalog, SubjectType.EMPLOYEE);
            progress.report("employee values", 1, 3);
            orgAtEnd = result(orgRead);
            departments = result(departmentRead);
            progress.report("org and department values", 2, 3);
        } finally {
            beside.shutdownNow();
        }
        for (Placement p : placementsOf(orgAtEnd)) {
            employees.putIfAbsent(p.employeeId(), FrozenFigures.EMPTY);
        }
        for (Department d : orgAtEnd.departments()) {
            departments.putIfAbsent(d.id(), FrozenFigures.EMPTY);
        }
        Map<String, BigDecimal> basePay = org.basePay(new OrgDay(tenantId, period.end(), zone), employees.keySet());
        List<SnapshotLine> lines = new ArrayList<>(employees.size() + departments.size());
        employees.forEach((id, v) -> lines.add(SnapshotLine.unscored(
                SubjectType.EMPLOYEE,
                id,
                orgAtEnd.placement(id).map(Placement::departmentId).orElse(""),
                basePay.get(id),
                v)));
        departments.forEach((id, v) -> lines.add(SnapshotLine.unscored(
                SubjectType.DEPARTMENT,
                id,
                orgAtEnd.department(id).map(Department::parentId).orElse(""),
                null,
                v)));
        PeriodFigures.Scored scored = figures.score(values, org, tenantId, zone, period, lines);
        progress.report("scored", 3, 3);
        return new SnapshotContent(
                tenantId,
                period,
                catalog.version(),
                scored.scoringVersion(),
                scored.bonusRulesVersion(),
                position,
                scored.lines());
    }

    /**
     * Every value of the period for one subject type, by subject and indicator: {@value #READ_STREAMS} bulk reads
     * at once, each for a share of the indicators (the value table is sorted by indicator, so the reads do not
     * overlap), each streamed into its own map of one array per subject (a slot per indicator, in id order), merged
     * at the end; each subject's array becomes its {@link FrozenFigures} as it is (the ids array is shared).
     */
    private Map<String, Map<String, FrozenValue>> read(
            String tenantId, Period period, IndicatorCatalog catalog, SubjectType type) {
        WindowType window = period.kind().window();
        List<String> ids = catalog.indicators().stream()
                .filter(d -> d.windows().contains(window) && d.subjects().contains(type))
                .map(IndicatorDefinition::id)
                .sorted()
                .toList();
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            slot.put(ids.get(i), i);
        }
        String[] sortedIds = ids.toArray(new String[0]);
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < Math.min(READ_STREAMS, ids.size()); i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < ids.size(); i++) {
            shares.get(i % shares.size()).add(ids.get(i));
        }
        List<Callable<Map<String, Newest>>> reads = new ArrayList<>();
        for (List<String> share : shares) {
            reads.add(() -> {
                Map<String, Newest> out = new HashMap<>();
                values.forEachInstanceFigureRow(
                        tenantId,
                        share,
                        period.window(),
                        type,
                        row -> out.computeIfAbsent(row.subjectId(), k -> new Newest(ids.size()))
                                .offer(slot.get(row.indicatorId()), row));
                return out;
            });
        }
        List<Map<String, Newest>> parts = inParallel(reads);
        Map<String, Newest> all = parts.get(0);
        for (Map<String, Newest> part : parts.subList(1, parts.size())) {
            part.forEach((subject, v) -> all.merge(subject, v, (a, b) -> {
                // The shares are disjoint: each slot is filled by one read at most.
                for (int i = 0; i < b.figures.length; i++) {
                    if (b.figures[i] != null) {
                        a.figures[i] = b.figures[i];
                    }
                }
                return a;
            }));
        }
        Map<String, Map<String, FrozenValue>> bySubject = new HashMap<>(all.size() * 2);
        all.forEach((subject, newest) -> bySubject.put(subject, new FrozenFigures(sortedIds, newest.figures)));
        return bySubject;
    }

    /**
     * One subject's figures while they are read: a slot per indicator with the highest version seen so far. The read
     * hands over every stored version (unmerged ones too); keeping the highest gives the row FINAL or argMax would.
     */
    private static final class Newest {
        final FrozenValue[] figures;
        final long[] versions;

        Newest(int indicators) {
            figures = new FrozenValue[indicators];
            versions = new long[indicators];
        }

        /** Keeps the row (reused by the reader: copied into a FrozenValue) when it is the highest version so far. */
        void offer(int slot, FigureRow row) {
            if (figures[slot] == null || row.version() > versions[slot]) {
                figures[slot] = FrozenValue.of(row);
                versions[slot] = row.version();
            }
        }
    }

    /** The task's result; its exception (or error) as it was thrown. */
    private static <T> T result(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the period's org and values", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) {
        if (tasks.size() == 1) {
            try {
                return List.of(tasks.get(0).call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> out = new ArrayList<>(tasks.size());
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the period's values", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Placement> placementsOf(OrgSnapshot snapshot) {
        List<Placement> all = new ArrayList<>();
        for (Department d : snapshot.departments()) {
            all.addAll(snapshot.directMembers(d.id()));
        }
        return all;
    }
}

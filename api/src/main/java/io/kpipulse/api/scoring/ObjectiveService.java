package io.kpipulse.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.values.BulkValueQuery;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.SubjectSet;
import io.kpipulse.scoring.json.ObjectiveJson;
import io.kpipulse.scoring.mbo.MboScore;
import io.kpipulse.scoring.mbo.Objective;
import io.kpipulse.scoring.mbo.ObjectiveProgress;
import io.kpipulse.scoring.mbo.ObjectiveSet;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.store.ObjectiveStore;
import io.kpipulse.scoring.store.Versioned;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * MBO objectives for the routes: a subject's set for a period, validated against the catalog (key results
 * name indicators the subject has values of) and the cascade (a parent objective belongs to a department
 * above the subject in the org on the period's as-of day) before it is saved whole; progress live from the
 * values reader.
 */
public final class ObjectiveService {

    private final ObjectiveStore store;
    private final IndicatorValueReader values;
    private final OrgReader org;
    private final CatalogService catalog;
    private final Clock clock;

    public ObjectiveService(
            ObjectiveStore store, IndicatorValueReader values, OrgReader org, CatalogService catalog, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.values = Objects.requireNonNull(values, "values");
        this.org = Objects.requireNonNull(org, "org");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The set in force with live progress. */
    ReviewViews.ObjectivesView objectives(Tenant tenant, Period period, SubjectType type, String subjectId) {
        Versioned<ObjectiveSet> set = store.find(tenant.id(), period.id(), type, subjectId)
                .orElseThrow(() ->
                        new NotFoundException("no objectives for " + type + " " + subjectId + " in " + period.id()));
        return view(tenant, period, set);
    }

    /** Validates and saves a whole set (what the manager set, with the attainment they entered). */
    ScoringService.Saved<ReviewViews.ObjectivesView> save(
            Tenant tenant, Period period, SubjectType type, String subjectId, JsonNode body, String savedBy) {
        ObjectiveSet set = ObjectiveJson.objectiveSet(body, type, subjectId, period.id());
        set.validate();
        LocalDate asOf = period.asOf(tenant.today(clock));
        OrgSnapshot snapshot =
                org.snapshot(new OrgDay(tenant.id(), asOf, tenant.calendar().zone()));
        List<String> above = departmentsAbove(snapshot, type, subjectId, asOf);
        Map<String, Versioned<ObjectiveSet>> parents =
                store.find(tenant.id(), period.id(), SubjectType.DEPARTMENT, above);
        Set<String> parentIds = new LinkedHashSet<>();
        parents.values().forEach(v -> v.value().objectives().forEach(o -> parentIds.add(o.objectiveId())));
        for (int i = 0; i < set.objectives().size(); i++) {
            Objective o = set.objectives().get(i);
            String at = "objectives[" + i + "]";
            if (o.keyResult() != null) {
                IndicatorDefinition d = catalog.current()
                        .find(o.keyResult().indicatorId())
                        .orElseThrow(() -> new DefinitionException(
                                at + ".keyResult.indicator",
                                "unknown indicator " + o.keyResult().indicatorId()));
                if (!d.subjects().contains(type)) {
                    throw new DefinitionException(
                            at + ".keyResult.indicator", "indicator " + d.id() + " has no " + type + " values");
                }
            }
            if (o.parentObjectiveId() != null && !parentIds.contains(o.parentObjectiveId())) {
                throw new DefinitionException(
                        at + ".parentObjectiveId",
                        "no objective " + o.parentObjectiveId() + " of a department above in " + period.id());
            }
        }
        var before = store.find(tenant.id(), period.id(), type, subjectId);
        Versioned<ObjectiveSet> saved = store.save(tenant.id(), set, savedBy);
        return new ScoringService.Saved<>(
                before.map(v -> view(tenant, period, v)).orElse(null), view(tenant, period, saved));
    }

    /** The departments whose objectives a subject's may cascade from: the employee's own and its ancestors. */
    private static List<String> departmentsAbove(OrgSnapshot snapshot, SubjectType type, String id, LocalDate asOf) {
        String start;
        if (type == SubjectType.EMPLOYEE) {
            start = snapshot.placement(id)
                    .map(p -> p.departmentId())
                    .orElseThrow(() -> new NotFoundException("employee " + id + " is not employed on " + asOf));
        } else {
            start = snapshot.department(id)
                    .orElseThrow(() -> new NotFoundException("no department " + id + " on " + asOf))
                    .parentId();
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String current = start; current != null && seen.add(current); ) {
            out.add(current);
            current = snapshot.department(current).map(d -> d.parentId()).orElse(null);
        }
        return out;
    }

    private ReviewViews.ObjectivesView view(Tenant tenant, Period period, Versioned<ObjectiveSet> saved) {
        ObjectiveSet set = saved.value();
        List<String> indicators = set.objectives().stream()
                .filter(o -> o.keyResult() != null)
                .map(o -> o.keyResult().indicatorId())
                .distinct()
                .toList();
        LocalDate asOf = period.asOf(tenant.today(clock));
        Map<String, BigDecimal> found = new HashMap<>();
        if (!indicators.isEmpty()) {
            values.bulkValues(new BulkValueQuery(
                            tenant.id(),
                            set.subjectType(),
                            SubjectSet.ids(List.of(set.subjectId())),
                            indicators,
                            period.kind().window(),
                            asOf))
                    .of(set.subjectId())
                    .forEach((indicator, v) -> {
                        if (v.value() != null) {
                            found.put(indicator, v.value());
                        }
                    });
        }
        ObjectiveProgress progress = MboScore.score(set, found, this::direction);
        return new ReviewViews.ObjectivesView(
                tenant.id(),
                set.subjectType().name(),
                set.subjectId(),
                period.id(),
                asOf,
                saved.version(),
                saved.savedBy(),
                saved.savedAt(),
                set.cap(),
                progress.points(),
                progress.objectives().stream()
                        .map(ReviewViews.ObjectiveLine::of)
                        .toList());
    }

    private Direction direction(String indicatorId) {
        return catalog.current()
                .find(indicatorId)
                .map(IndicatorDefinition::direction)
                .orElse(Direction.HIGHER_IS_BETTER);
    }
}

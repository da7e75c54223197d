package io.kpipulse.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.auth.ForbiddenException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.scoring.review.RaterRelationship;
import io.kpipulse.scoring.review.RaterRelationships;
import io.kpipulse.scoring.review.Review360;
import io.kpipulse.scoring.review.ReviewAnswer;
import io.kpipulse.scoring.review.ReviewSummary;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.store.ReviewStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * 360° reviews for the routes: a rater's answers about a colleague, their relationship decided from the org
 * on the period's as-of day (never taken from the request); summaries with the minimum-raters rule applied
 * here, on the server, so suppressed answers never reach a client.
 */
public final class Review360Service {

    private final ReviewStore store;
    private final OrgReader org;
    private final Clock clock;
    private final int minimumRaters;

    public Review360Service(ReviewStore store, OrgReader org, Clock clock, int minimumRaters) {
        this.store = Objects.requireNonNull(store, "store");
        this.org = Objects.requireNonNull(org, "org");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (minimumRaters < 1) {
            throw new IllegalArgumentException("minimumRaters must be at least 1");
        }
        this.minimumRaters = minimumRaters;
    }

    /**
     * Saves the rater's answers (replacing their earlier ones for the period); answers the relationship.
     *
     * @param raterId the caller's employee id; null for a sign-in that is not a person (refused)
     */
    RaterRelationship submit(Tenant tenant, String revieweeId, String raterId, JsonNode body) {
        String rawPeriod = text(body, "period");
        if (rawPeriod == null) {
            throw new DefinitionException("period", "is required: a month 2026-03, a quarter 2026-Q1 or a year 2026");
        }
        Period period = ScoringService.period(rawPeriod, "period");
        JsonNode answers = body.get("answers");
        if (answers == null || !answers.isObject()) {
            throw new DefinitionException("answers", "must be an object: competency → score 1..5");
        }
        Map<String, BigDecimal> scores = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNumber() && !v.isTextual()) {
                throw new DefinitionException("answers." + e.getKey(), "must be a score from 1 to 5");
            }
            try {
                scores.put(e.getKey(), new BigDecimal(v.asText().strip()));
            } catch (NumberFormatException ex) {
                throw new DefinitionException("answers." + e.getKey(), "must be a score from 1 to 5");
            }
        }
        OrgSnapshot snapshot = snapshot(tenant, period);
        if (snapshot.placement(revieweeId).isEmpty()) {
            throw new NotFoundException("employee " + revieweeId + " is not employed in " + period.id());
        }
        if (raterId == null) {
            throw new ForbiddenException("only a person (a sign-in with an employee id) answers a 360° review");
        }
        RaterRelationship relationship = RaterRelationships.of(snapshot, raterId, revieweeId)
                .orElseThrow(() -> new ForbiddenException(
                        "employeeId: only the reviewee, their managers, their reports and their department's"
                                + " colleagues review them"));
        store.save(tenant.id(), ReviewAnswer.validated(revieweeId, period.id(), raterId, relationship, scores));
        return relationship;
    }

    /** Throws a 404 unless the reviewee is employed on the period's as-of day. */
    void requireEmployed(Tenant tenant, Period period, String revieweeId) {
        if (snapshot(tenant, period).placement(revieweeId).isEmpty()) {
            throw new NotFoundException("employee " + revieweeId + " is not employed in " + period.id());
        }
    }

    /** The summary with the minimum-raters rule applied. */
    ReviewSummary summary(Tenant tenant, Period period, String revieweeId) {
        requireEmployed(tenant, period, revieweeId);
        return Review360.summarize(
                revieweeId, period.id(), store.answers(tenant.id(), period.id(), revieweeId), minimumRaters);
    }

    /** The heads over the reviewee's department on the period's as-of day (who, besides HR, may read it). */
    boolean isHeadOver(Tenant tenant, Period period, String headId, String revieweeId) {
        OrgSnapshot snapshot = snapshot(tenant, period);
        return snapshot.placement(revieweeId)
                .map(p -> !headId.equals(revieweeId)
                        && (headId.equals(p.managerId())
                                || snapshot.headsOver(p.departmentId()).contains(headId)))
                .orElse(false);
    }

    private OrgSnapshot snapshot(Tenant tenant, Period period) {
        LocalDate asOf = period.asOf(tenant.today(clock));
        return org.snapshot(new OrgDay(tenant.id(), asOf, tenant.calendar().zone()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}

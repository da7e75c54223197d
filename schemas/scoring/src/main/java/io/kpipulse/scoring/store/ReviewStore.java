package io.kpipulse.scoring.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.review.RaterRelationship;
import io.kpipulse.scoring.review.ReviewAnswer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 360° answers in ClickHouse (V011 {@code review_360_answers}). A rater answering again replaces their
 * earlier answer (newest version per rater). The rater id is read back only to count raters; it never
 * leaves this module in anything the API answers ({@link io.kpipulse.scoring.review.Review360}).
 */
public final class ReviewStore {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Connections connections;
    private final Clock clock;
    private final Versions versions;

    public ReviewStore(Connections connections, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.versions = new Versions(clock);
    }

    public void save(String tenantId, ReviewAnswer answer) {
        ObjectNode scores = NODES.objectNode();
        answer.competencyScores().forEach((competency, score) -> scores.put(competency, score.toPlainString()));
        Sql.execute(
                connections,
                "INSERT INTO review_360_answers (tenant_id, period, reviewee_id, rater_id, version, relationship,"
                        + " answers, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                        + " fromUnixTimestamp64Milli(toInt64(?), 'UTC'))",
                List.of(
                        tenantId,
                        answer.period(),
                        answer.revieweeId(),
                        answer.raterId(),
                        versions.next(),
                        answer.relationship().name(),
                        DefinitionJson.text(scores),
                        clock.millis()));
    }

    /** The newest answer of every rater of the reviewee for the period. */
    public List<ReviewAnswer> answers(String tenantId, String period, String revieweeId) {
        return Sql.query(
                connections,
                "SELECT rater_id, relationship, answers FROM review_360_answers"
                        + " WHERE tenant_id = ? AND period = ? AND reviewee_id = ?"
                        + " ORDER BY rater_id, version DESC LIMIT 1 BY rater_id",
                List.of(tenantId, period, revieweeId),
                rs -> new ReviewAnswer(
                        revieweeId,
                        period,
                        rs.getString("rater_id"),
                        RaterRelationship.valueOf(rs.getString("relationship")),
                        scores(DefinitionJson.tree(rs.getString("answers")))));
    }

    private static Map<String, BigDecimal> scores(JsonNode node) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new BigDecimal(e.getValue().asText()));
        }
        return out;
    }
}

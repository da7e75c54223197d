package io.kpipulse.scoring.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.scoring.mbo.Objective;
import io.kpipulse.scoring.mbo.ObjectiveSet;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of MBO objective sets, as the API accepts, stores and shows them:
 * {@code {"cap":120,"objectives":[{"objectiveId","title","weight","parentObjectiveId",
 * "keyResult":{"indicator","target"},"attainment"}]}}. Parse errors name the field; parsing does not
 * validate the whole ({@link ObjectiveSet#validate}).
 */
public final class ObjectiveJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ObjectiveJson() {}

    public static ObjectiveSet objectiveSet(JsonNode root, SubjectType subjectType, String subjectId, String period) {
        DefinitionJson.Node n = new DefinitionJson.Node(root, "");
        List<Objective> objectives = new ArrayList<>();
        for (DefinitionJson.Node o : n.list("objectives")) {
            Objective.KeyResult keyResult = null;
            if (o.has("keyResult")) {
                DefinitionJson.Node k = o.object("keyResult");
                keyResult = new Objective.KeyResult(k.required("indicator"), k.decimal("target"));
            }
            objectives.add(new Objective(
                    o.text("objectiveId"),
                    o.text("title"),
                    o.decimal("weight"),
                    o.text("parentObjectiveId"),
                    keyResult,
                    o.decimal("attainment")));
        }
        return new ObjectiveSet(subjectType, subjectId, period, n.decimal("cap"), objectives);
    }

    public static ObjectNode json(ObjectiveSet set) {
        ObjectNode root = NODES.objectNode();
        root.put("cap", plain(set.cap()));
        ArrayNode list = root.putArray("objectives");
        for (Objective o : set.objectives()) {
            ObjectNode j = list.addObject();
            j.put("objectiveId", o.objectiveId());
            j.put("title", o.title());
            j.put("weight", plain(o.weight()));
            j.put("parentObjectiveId", o.parentObjectiveId());
            if (o.keyResult() != null) {
                j.putObject("keyResult")
                        .put("indicator", o.keyResult().indicatorId())
                        .put("target", plain(o.keyResult().target()));
            } else {
                j.putNull("keyResult");
            }
            j.put("attainment", plain(o.attainment()));
        }
        return root;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : ScoringMath.plain(value);
    }
}

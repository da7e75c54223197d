package io.kpipulse.scoring.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.scoring.bonus.BonusComponent;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.bonus.SubjectRef;
import io.kpipulse.scoring.card.RatingBand;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScorecardItem;
import io.kpipulse.scoring.rules.Band;
import io.kpipulse.scoring.rules.Bands;
import io.kpipulse.scoring.rules.BandsRule;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.InverseRule;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.rules.PassFailRule;
import io.kpipulse.scoring.rules.PerUnitRule;
import io.kpipulse.scoring.rules.ScoringRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The JSON form of scorecards and bonus plans: what the API accepts, stores and shows. Decimals are read
 * from JSON numbers or strings without passing through binary floating point, and written as strings.
 * Every parse error names the field by its path ({@code items[1].rule.target}); parsing does not validate
 * the whole (see {@link Scorecard#validate}, {@link BonusPlan#validate}).
 */
public final class DefinitionJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private DefinitionJson() {}

    /** Parses JSON text into a tree with exact decimals; a malformed text names {@code body}. */
    public static JsonNode tree(String text) {
        try {
            JsonNode node = MAPPER.readTree(text == null ? "" : text);
            if (node == null || !node.isObject()) {
                throw new DefinitionException("body", "must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new DefinitionException("body", "is not valid JSON");
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a definition tree always serialises", e);
        }
    }

    // ---------------------------------------------------------------- scorecards

    /**
     * @param perspectiveOf the indicator's own perspective, used when an item names none (null when unknown)
     */
    public static Scorecard scorecard(JsonNode root, Function<String, Perspective> perspectiveOf) {
        Node n = new Node(root, "");
        List<ScorecardItem> items = new ArrayList<>();
        List<Node> itemNodes = n.list("items");
        for (Node item : itemNodes) {
            String indicator = item.text("indicator");
            Perspective p = item.has("perspective")
                    ? item.enumValue("perspective", Perspective.class)
                    : indicator == null ? null : perspectiveOf.apply(indicator);
            items.add(new ScorecardItem(indicator, p, item.decimal("weight"), rule(item.object("rule"))));
        }
        List<RatingBand> ratings = new ArrayList<>();
        if (n.has("ratings")) {
            for (Node r : n.list("ratings")) {
                ratings.add(new RatingBand(r.text("name"), r.decimal("minScore")));
            }
        }
        return new Scorecard(n.text("templateId"), n.text("name"), n.decimal("managerShare"), items, ratings);
    }

    public static ObjectNode json(Scorecard card) {
        ObjectNode root = NODES.objectNode();
        root.put("templateId", card.templateId());
        root.put("name", card.name());
        root.put("managerShare", plain(card.managerShare()));
        ArrayNode items = root.putArray("items");
        for (ScorecardItem item : card.items()) {
            ObjectNode i = items.addObject();
            i.put("indicator", item.indicatorId());
            i.put("perspective", item.perspective().name());
            i.put("weight", plain(item.weight()));
            i.set("rule", json(item.rule()));
        }
        ArrayNode ratings = root.putArray("ratings");
        for (RatingBand r : card.ratings()) {
            ratings.addObject().put("name", r.name()).put("minScore", plain(r.minScore()));
        }
        return root;
    }

    static ScoringRule rule(Node n) {
        String type = n.required("type").toUpperCase(Locale.ROOT);
        return switch (type) {
            case "LINEAR" ->
                new LinearRule(n.decimal("target"), n.decimal("zeroAt"), n.decimal("cap"), n.decimal("floor"));
            case "INVERSE" -> new InverseRule(n.decimal("target"), n.decimal("cap"), n.decimal("floor"));
            case "BANDS" -> new BandsRule(bands(n, "bands", "points"));
            case "PASS_FAIL" ->
                new PassFailRule(
                        n.decimal("threshold"),
                        n.has("direction") ? n.enumValue("direction", Direction.class) : null,
                        n.decimal("passPoints"),
                        n.decimal("failPoints"));
            case "PER_UNIT" ->
                new PerUnitRule(
                        n.decimal("target"),
                        n.decimal("unit"),
                        n.decimal("pointsPerUnit"),
                        n.decimal("basePoints"),
                        n.has("direction") ? n.enumValue("direction", Direction.class) : null,
                        n.decimal("minPoints"),
                        n.decimal("maxPoints"));
            default ->
                throw new DefinitionException(
                        n.path("type"),
                        "unknown rule type '" + type + "', expected LINEAR, INVERSE, BANDS, PASS_FAIL or PER_UNIT");
        };
    }

    static ObjectNode json(ScoringRule rule) {
        ObjectNode o = NODES.objectNode();
        o.put("type", rule.type());
        if (rule instanceof LinearRule r) {
            o.put("target", plain(r.target())).put("zeroAt", plain(r.zeroAt())).put("cap", plain(r.cap()));
            o.put("floor", plain(r.floor()));
        } else if (rule instanceof InverseRule r) {
            o.put("target", plain(r.target())).put("cap", plain(r.cap())).put("floor", plain(r.floor()));
        } else if (rule instanceof BandsRule r) {
            o.set("bands", json(r.bands(), "points"));
        } else if (rule instanceof PassFailRule r) {
            o.put("threshold", plain(r.threshold()))
                    .put("direction", r.direction().name());
            if (r.passPoints() != null) {
                o.put("passPoints", plain(r.passPoints()));
            }
            o.put("failPoints", plain(r.failPoints()));
        } else if (rule instanceof PerUnitRule r) {
            o.put("target", plain(r.target())).put("unit", plain(r.unit()));
            o.put("pointsPerUnit", plain(r.pointsPerUnit())).put("basePoints", plain(r.basePoints()));
            o.put("direction", r.direction().name()).put("minPoints", plain(r.minPoints()));
            o.put("maxPoints", plain(r.maxPoints()));
        }
        return o;
    }

    // ---------------------------------------------------------------- bonus plans

    public static BonusPlan bonusPlan(JsonNode root) {
        Node n = new Node(root, "");
        List<BonusComponent> components = new ArrayList<>();
        for (Node c : n.list("components")) {
            components.add(component(c));
        }
        return new BonusPlan(n.text("departmentId"), components);
    }

    static BonusComponent component(Node n) {
        String type = n.required("type").toUpperCase(Locale.ROOT);
        String name = n.text("name");
        String indicator = n.text("indicator");
        SubjectRef subject = new SubjectRef(
                n.has("subject") ? n.enumValue("subject", SubjectRef.Kind.class) : null, n.text("departmentId"));
        return switch (type) {
            case "TIERS" -> new BonusComponent.Tiers(name, indicator, subject, bands(n, "tiers", "multiplier"));
            case "CONDITION" ->
                new BonusComponent.Condition(
                        name,
                        indicator,
                        subject,
                        n.has("comparison") ? n.enumValue("comparison", BonusComponent.Comparison.class) : null,
                        n.decimal("threshold"),
                        n.decimal("metMultiplier"),
                        n.decimal("missedMultiplier"));
            case "SHARE" ->
                new BonusComponent.Share(
                        name,
                        indicator,
                        subject,
                        n.decimal("share"),
                        n.decimal("target"),
                        n.has("direction") ? n.enumValue("direction", Direction.class) : null,
                        n.decimal("cap"));
            default ->
                throw new DefinitionException(
                        n.path("type"), "unknown component type '" + type + "', expected TIERS, CONDITION or SHARE");
        };
    }

    public static ObjectNode json(BonusPlan plan) {
        ObjectNode root = NODES.objectNode();
        root.put("departmentId", plan.departmentId());
        ArrayNode components = root.putArray("components");
        for (BonusComponent c : plan.components()) {
            ObjectNode o = components.addObject();
            o.put("name", c.name())
                    .put("indicator", c.indicatorId())
                    .put("subject", c.subject().kind().name());
            if (c.subject().departmentId() != null) {
                o.put("departmentId", c.subject().departmentId());
            }
            if (c instanceof BonusComponent.Tiers t) {
                o.put("type", "TIERS");
                o.set("tiers", json(t.tiers(), "multiplier"));
            } else if (c instanceof BonusComponent.Condition k) {
                o.put("type", "CONDITION").put("comparison", k.comparison().name());
                o.put("threshold", plain(k.threshold())).put("metMultiplier", plain(k.metMultiplier()));
                o.put("missedMultiplier", plain(k.missedMultiplier()));
            } else if (c instanceof BonusComponent.Share s) {
                o.put("type", "SHARE").put("share", plain(s.share())).put("target", plain(s.target()));
                o.put("direction", s.direction().name()).put("cap", plain(s.cap()));
            }
        }
        return root;
    }

    // ---------------------------------------------------------------- bands

    private static Bands bands(Node n, String field, String resultName) {
        List<Band> bands = new ArrayList<>();
        for (Node b : n.list(field)) {
            bands.add(new Band(
                    b.decimal("lower"),
                    b.bool("lowerInclusive"),
                    b.decimal("upper"),
                    b.bool("upperInclusive"),
                    b.decimal(resultName)));
        }
        return new Bands(bands);
    }

    private static ArrayNode json(Bands bands, String resultName) {
        ArrayNode out = NODES.arrayNode();
        for (Band b : bands.bands()) {
            ObjectNode o = out.addObject();
            if (b.lower() != null) {
                o.put("lower", plain(b.lower())).put("lowerInclusive", b.lowerInclusive());
            }
            if (b.upper() != null) {
                o.put("upper", plain(b.upper())).put("upperInclusive", b.upperInclusive());
            }
            o.put(resultName, plain(b.result()));
        }
        return out;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : io.kpipulse.scoring.rules.ScoringMath.plain(value);
    }

    /** A JSON object and its path, so every error names the field. */
    static final class Node {
        private final JsonNode node;
        private final String path;

        Node(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String path(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new DefinitionException(path(field), "must be a string");
            }
            return v.asText();
        }

        String required(String field) {
            String v = text(field);
            if (v == null || v.isBlank()) {
                throw new DefinitionException(path(field), "is required");
            }
            return v;
        }

        BigDecimal decimal(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            try {
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                if (v.isTextual()) {
                    return new BigDecimal(v.asText().strip());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new DefinitionException(path(field), "must be a decimal number");
        }

        boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw new DefinitionException(path(field), "must be true or false");
            }
            return v.asBoolean();
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = required(field);
            try {
                return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DefinitionException(
                        path(field), "unknown value, expected one of " + Arrays.toString(type.getEnumConstants()));
            }
        }

        Node object(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isObject()) {
                throw new DefinitionException(path(field), "must be an object");
            }
            return new Node(v, path(field));
        }

        List<Node> list(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new DefinitionException(path(field), "must be a list");
            }
            if (v.size() > 500) {
                throw new DefinitionException(path(field), "at most 500 entries");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                String at = path(field) + "[" + i + "]";
                if (!v.get(i).isObject()) {
                    throw new DefinitionException(at, "must be an object");
                }
                out.add(new Node(v.get(i), at));
            }
            return out;
        }
    }
}

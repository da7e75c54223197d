package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.validation.EventValidator;
import io.kpipulse.events.workflow.NodeExecuted;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static <T> T sample(String type, Class<T> cls) {
        return cls.cast(EventSamples.sample(EventTypes.byName(type).orElseThrow(), 7));
    }

    @Test
    void plausibleEventsPass() {
        PolicyIssued policy = sample("policy.PolicyIssued", PolicyIssued.class);
        policy.setPremium(new BigDecimal("1200.00"));
        assertEquals(Optional.empty(), EventValidator.impossibility(policy));
    }

    @Test
    void negativePremiumIsImpossible() {
        PolicyIssued policy = sample("policy.PolicyIssued", PolicyIssued.class);
        policy.setPremium(new BigDecimal("-1.00"));
        assertTrue(EventValidator.impossibility(policy).orElseThrow().contains("premium is negative"));
    }

    @Test
    void ratingAboveHundredIsImpossible() {
        ManagerRated rated = sample("feedback.ManagerRated", ManagerRated.class);
        rated.setRating(100.0);
        assertEquals(Optional.empty(), EventValidator.impossibility(rated));
        rated.setRating(130.0);
        assertTrue(EventValidator.impossibility(rated).isPresent());
    }

    @Test
    void workflowNodeEndingBeforeItStartsIsImpossible() {
        NodeExecuted node = sample("workflow.NodeExecuted", NodeExecuted.class);
        node.setEndTime(node.getStartTime().minusSeconds(1));
        assertTrue(EventValidator.impossibility(node).orElseThrow().contains("before it starts"));
    }
}

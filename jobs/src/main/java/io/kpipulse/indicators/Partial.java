package io.kpipulse.indicators;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One side of a correlated item (a claim's approval, waiting for its payment), keyed by tenant,
 * indicator and correlation key so both sides meet in the same keyed state.
 */
public record Partial(String tenantId, String indicatorId, String correlationKey, Role role, long timeMillis,
                      String eventId, Attribution attribution, BigDecimal amount) implements Serializable {

    public String joinKey() {
        return tenantId + '|' + indicatorId + '|' + correlationKey;
    }
}

package io.kpipulse.indicators;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One contribution to one indicator, placed in time and attributed: the unit that windows aggregate.
 * Derived from accepted events deterministically, so replaying the same events yields the same items.
 *
 * @param epochDay     the item's day in the tenant's time zone
 * @param amount       the value for VALUE / NUMERATOR / DENOMINATOR / CLAIM items
 * @param durationMillis the measured duration for DURATION items
 * @param flag         within limit (DURATION) or condition met (OUTCOME)
 * @param text         the value for distinct counts
 * @param eventId      the event that completed the item (LAST tie-break, lineage)
 */
public record Item(
        String tenantId,
        String indicatorId,
        long timeMillis,
        long epochDay,
        Attribution attribution,
        ItemPart part,
        BigDecimal amount,
        long durationMillis,
        boolean flag,
        String text,
        String eventId)
        implements Serializable {}

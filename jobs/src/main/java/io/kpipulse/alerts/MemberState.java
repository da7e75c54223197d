package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one rule remembers about one member (a subject) between updates: its status, since when the
 * condition or the recovery has held, the current window instance and the previous instance's final
 * value (for change and consecutive-window conditions). Times are the evaluation clock (event time);
 * -1 means "not set". A Flink POJO, kept in keyed state and therefore in checkpoints.
 */
public final class MemberState implements Serializable {

    private static final long serialVersionUID = 1L;

    public AlertStatus status = AlertStatus.NORMAL;
    public long pendingSince = -1;
    public long recoveringSince = -1;
    public long lastSeen = -1;
    public LocalDate windowStart;
    public LocalDate windowEnd;
    public BigDecimal currentValue;
    public boolean currentBreach;
    public BigDecimal previousValue;
    public int breachStreak;
    // The newest observation, reported in transitions.
    public BigDecimal measured;
    public BigDecimal line;
    public BigDecimal target;
    public String subjectType;
    public String subjectId;

    public MemberState() {}
}

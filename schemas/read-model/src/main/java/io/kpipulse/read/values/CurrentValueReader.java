package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard's reader: {@link IndicatorValueReader}'s answers, from {@link InMemoryValues} when it holds
 * every instance a question touches, else from the reader (ClickHouse): rolling windows, instances older than
 * the horizon, a tenant still loading or whose feed was lost. Either way the same answer.
 */
public final class CurrentValueReader {

    private final IndicatorValueReader reader;
    private final InMemoryValues memory;

    public CurrentValueReader(IndicatorValueReader reader, InMemoryValues memory) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    public InMemoryValues memory() {
        return memory;
    }

    public Map<String, InstanceValue> values(
            String tenantId,
            List<String> indicatorIds,
            WindowType window,
            LocalDate day,
            SubjectType subjectType,
            String subjectId) {
        return memory.coversInstance(tenantId, window, subjectType, day)
                ? memory.values(tenantId, indicatorIds, window, day, subjectType, subjectId)
                : reader.values(tenantId, indicatorIds, window, day, subjectType, subjectId);
    }

    public RankingPage ranking(RankingQuery query, int limit, int offset) {
        return memory.covers(query) ? memory.ranking(query, limit, offset) : reader.ranking(query, limit, offset);
    }

    public Optional<IndicatorValueReader.RankedStanding> rankOf(RankingQuery query, String subjectId) {
        return memory.covers(query) ? memory.rankOf(query, subjectId) : reader.rankOf(query, subjectId);
    }

    public List<HistoryPoint> history(HistoryQuery query) {
        return memory.covers(query) ? memory.history(query) : reader.history(query);
    }

    /** Kept in memory: yes; otherwise the table answers (rows older than the horizon count too). */
    public boolean hasValues(String tenantId, SubjectType subjectType, String subjectId) {
        return memory.keepsAny(tenantId, subjectType, subjectId) || reader.hasValues(tenantId, subjectType, subjectId);
    }
}

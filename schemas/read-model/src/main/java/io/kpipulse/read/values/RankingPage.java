package io.kpipulse.read.values;

import java.util.List;

/**
 * One page of a ranking.
 *
 * @param total how many subjects were ranked (every page of the ranking together)
 */
public record RankingPage(long total, int limit, int offset, List<RankedValue> entries) {

    public RankingPage {
        entries = List.copyOf(entries);
    }

    public boolean hasMore() {
        return offset + entries.size() < total;
    }
}

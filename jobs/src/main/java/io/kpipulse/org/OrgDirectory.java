package io.kpipulse.org;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The org directory as broadcast state: one {@link TimeLine} per employee (department) and per department
 * (parent), so every parallel instance attributes work with the same tree.
 */
public final class OrgDirectory {

    public static final MapStateDescriptor<String, TimeLine> STATE =
            new MapStateDescriptor<>("org-directory", Types.STRING, TypeInformation.of(TimeLine.class));

    private OrgDirectory() {}

    public static void apply(BroadcastState<String, TimeLine> state, OrgChange change) throws Exception {
        if (change == null) {
            return;
        }
        TimeLine line = state.get(change.stateKey());
        if (line == null) {
            line = new TimeLine();
        }
        line.set(change.fromMillis(), change.value());
        state.put(change.stateKey(), line);
    }

    public static OrgDirectoryView view(ReadOnlyBroadcastState<String, TimeLine> state) {
        return new OrgDirectoryView(key -> {
            try {
                return state.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read org directory entry " + key, e);
            }
        });
    }
}

package io.kpipulse.api.live;

import io.kpipulse.read.changes.ValueChange;
import java.util.List;

/**
 * Told what a tenant's live feed learns, on the feed's polling thread (keep it short): each batch of newly
 * written value versions, and when a poll failed so that news may arrive late.
 */
public interface ChangeListener {

    /** Newly written versions, oldest first, each key at most once; never empty. */
    void changed(List<ValueChange> news);

    /** A poll failed: changes written meanwhile are not known yet. */
    void lost();
}

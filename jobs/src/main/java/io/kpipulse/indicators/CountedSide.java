package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * A measured event the interval join has decided, with the interval start it was counted for and the
 * attribution its item was sent with (null when no interval covered it), so that withdrawing it sends
 * exactly what was sent, whatever the org directory says later. A mutable POJO for the state serializer.
 */
public class CountedSide {
    public Partial side;
    /** The start bound whose interval the side was counted in, or null. */
    public Partial start;

    public String employeeId;
    public ArrayList<String> departmentPath;
    public ArrayList<String> servedPath;

    public CountedSide() {}

    CountedSide(Partial side) {
        this.side = side;
    }

    void countedAs(Partial start, Item item) {
        this.start = start;
        if (item == null) {
            employeeId = null;
            departmentPath = null;
            servedPath = null;
        } else {
            employeeId = item.attribution().employeeId();
            departmentPath = new ArrayList<>(item.attribution().departmentPath());
            servedPath = new ArrayList<>(item.attribution().servedPath());
        }
    }

    /** The attribution the side's item was sent with (only while {@link #start} is set). */
    Attribution attribution() {
        return new Attribution(employeeId, List.copyOf(departmentPath), List.copyOf(servedPath));
    }
}

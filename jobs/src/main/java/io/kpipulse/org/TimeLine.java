package io.kpipulse.org;

import java.util.ArrayList;
import java.util.List;

/**
 * A value that changes at points in time: an employee's department, a department's parent. Changes are
 * kept, not overwritten, so a lookup "at time t" stays right when changes arrive out of order and when
 * old events are replayed. A null value means "none from here on" (the employee left).
 */
public class TimeLine {

    /** Change times, ascending; {@code values.get(i)} holds from {@code times.get(i)} on. */
    public List<Long> times = new ArrayList<>();

    public List<String> values = new ArrayList<>();

    public TimeLine() {}

    /** Records a change; a second change at the same time replaces the first. */
    public void set(long fromMillis, String value) {
        int i = 0;
        while (i < times.size() && times.get(i) < fromMillis) {
            i++;
        }
        if (i < times.size() && times.get(i) == fromMillis) {
            values.set(i, value);
        } else {
            times.add(i, fromMillis);
            values.add(i, value);
        }
    }

    /**
     * The value in effect at {@code millis}, or null before the first change or after a removal. A change
     * takes effect at its instant, but a removal only just after it: the record of someone leaving, made
     * at the moment they leave, still belongs to them.
     */
    public String valueAt(long millis) {
        String current = null;
        for (int i = 0; i < times.size() && times.get(i) <= millis; i++) {
            if (values.get(i) == null && times.get(i) == millis) {
                break;
            }
            current = values.get(i);
        }
        return current;
    }

    public boolean isEmpty() {
        return times.isEmpty();
    }
}

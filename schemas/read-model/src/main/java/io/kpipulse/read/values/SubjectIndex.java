package io.kpipulse.read.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers for one subject type's ids in one tenant, in the order first seen, so {@link ValueColumn}s index plain
 * arrays by subject and every id is kept once however many values it has. Not thread-safe: {@link TenantValues}
 * guards it.
 */
final class SubjectIndex {

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** The subject's number, numbering it when new. */
    int number(String id) {
        Integer n = numbers.get(id);
        if (n == null) {
            n = ids.size();
            numbers.put(id, n);
            ids.add(id);
        }
        return n;
    }

    /** The subject's number, or -1 when it has none (nothing was kept for it). */
    int find(String id) {
        Integer n = numbers.get(id);
        return n == null ? -1 : n;
    }

    String id(int number) {
        return ids.get(number);
    }

    int size() {
        return ids.size();
    }
}

package io.kpipulse.indicators;

import java.io.Serializable;
import java.util.List;

/**
 * Whom an item is credited to: the employee (or null), the department path (department first, then its
 * ancestors), and the served business department's path for linked indicators (empty otherwise).
 */
public record Attribution(String employeeId, List<String> departmentPath, List<String> servedPath)
        implements Serializable {

    public Attribution {
        departmentPath = List.copyOf(departmentPath);
        servedPath = List.copyOf(servedPath);
    }

    public Attribution withServedPath(List<String> path) {
        return new Attribution(employeeId, departmentPath, path);
    }
}

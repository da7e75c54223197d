package io.kpipulse.indicators;

import io.kpipulse.catalog.Condition;
import io.kpipulse.catalog.EventSelector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** An {@link EventSelector} compiled against its event type's schema. */
final class BoundSelector implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EventSelector selector;
    private final List<CompiledCondition> where = new ArrayList<>();
    private final FieldPath key;
    private final FieldPath time;
    private final FieldPath employee;
    private final FieldPath department;
    private final FieldPath servedDepartment;

    BoundSelector(EventSelector selector, Schema schema) {
        this.selector = selector;
        for (Condition c : selector.where().conditions()) {
            where.add(new CompiledCondition(schema, c));
        }
        this.key = selector.keyField() == null ? null : FieldPath.compile(schema, selector.keyField());
        this.time = FieldPath.compile(schema, selector.timeField());
        this.employee = selector.attributesEmployee() ? FieldPath.compile(schema, selector.employeeField()) : null;
        this.department = FieldPath.compile(schema, selector.departmentField());
        this.servedDepartment = FieldPath.compile(schema, selector.servedDepartmentField());
    }

    EventSelector selector() {
        return selector;
    }

    boolean matches(IndexedRecord event) {
        for (CompiledCondition c : where) {
            if (!c.test(event)) {
                return false;
            }
        }
        return true;
    }

    String key(IndexedRecord event) {
        return key == null ? null : key.readString(event);
    }

    long time(IndexedRecord event) {
        return time.readMillis(event);
    }

    String employee(IndexedRecord event) {
        return employee == null ? null : employee.readString(event);
    }

    String department(IndexedRecord event) {
        return department.readString(event);
    }

    String servedDepartment(IndexedRecord event) {
        return servedDepartment.readString(event);
    }
}

package io.kpipulse.simulator.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.DepartmentType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roll-ups follow the org tree as it was at each item's time. */
class OrgHistoryTest {

    private static DepartmentCreated created(TinyCompany c, String id, String parent) {
        return DepartmentCreated.newBuilder()
                .setHeader(c.header(DepartmentCreated.class, "2026-03-01T00:00", null, id))
                .setDepartmentId(id)
                .setName(id)
                .setParentDepartmentId(parent)
                .setDepartmentType(DepartmentType.FRONT_LINE)
                .setFunction(DepartmentFunction.LIFE_SALES)
                .build();
    }

    @Test
    void itemsBeforeAReparentingStayWithTheOldParent() {
        TinyCompany c = new TinyCompany().org();
        // d-002 (sales) starts under the root; two divisions are added and d-002 moves between them
        c.add(created(c, "d-010", TinyCompany.ROOT)).add(created(c, "d-011", TinyCompany.ROOT));
        c.add(DepartmentReparented.newBuilder()
                .setHeader(c.header(DepartmentReparented.class, "2026-03-05T00:00", null, TinyCompany.SALES))
                .setDepartmentId(TinyCompany.SALES)
                .setNewParentDepartmentId("d-010")
                .build());
        c.policy("2026-03-10T10:00", TinyCompany.E1, "100.00", true);
        c.add(DepartmentReparented.newBuilder()
                .setHeader(c.header(DepartmentReparented.class, "2026-03-16T00:00", null, TinyCompany.SALES))
                .setDepartmentId(TinyCompany.SALES)
                .setNewParentDepartmentId("d-011")
                .build());
        c.policy("2026-03-16T00:00", TinyCompany.E1, "20.00", true); // at the instant of the change: new parent
        c.policy("2026-03-03T10:00", TinyCompany.E2, "3.00", true); // before any division existed

        List<ExpectedValue> truth =
                GroundTruth.compute(CatalogYaml.templateLibrary(), TinyCompany.calendars(), c.events());
        assertEquals(new BigDecimal("100.00"), month(truth, "d-010"));
        assertEquals(new BigDecimal("20.00"), month(truth, "d-011"));
        assertEquals(new BigDecimal("123.00"), month(truth, TinyCompany.SALES));
        assertEquals(new BigDecimal("123.00"), month(truth, TinyCompany.ROOT));
    }

    private static BigDecimal month(List<ExpectedValue> truth, String department) {
        List<ExpectedValue> rows = truth.stream()
                .filter(v -> v.indicatorId().equals("new_policy_premium")
                        && v.windowType() == WindowType.MONTH_TO_DATE
                        && v.subjectType() == SubjectType.DEPARTMENT
                        && v.subjectId().equals(department))
                .toList();
        assertTrue(rows.size() == 1, department + ": " + rows);
        return rows.get(0).value();
    }
}

package io.kpipulse.simulator.company;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentType;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a realistic insurance company: a root (executive office), two life-sales divisions, a P&C claims
 * division and a shared-services division; life-sales teams hold most employees, then claims teams, product,
 * and the support departments finance, HR, IT, administration, customer service and operations. Ids are
 * readable and stable: {@code d-001}, {@code e-00001}.
 */
public final class CompanyGenerator {

    /** Fixed departments: root, 4 divisions, 2 product, 6 support. Teams come on top. */
    public static final int FIXED_DEPARTMENTS = 13;

    public static final int MIN_DEPARTMENTS = FIXED_DEPARTMENTS + 3;

    private static final String[] SURNAMES = {
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
        "Guo", "He", "Lin", "Gao", "Luo"
    };
    private static final String[] GIVEN = {
        "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Jun", "Yan", "Tao", "Ming", "Chao", "Xiu", "Hui", "Qiang", "Ping",
        "Gang", "Li", "Hong", "Yu", "Xin", "Hao", "Ting", "Bo", "Lan"
    };

    private final SimRandom random;
    private final List<Department> departments = new ArrayList<>();
    private final List<Employee> employees = new ArrayList<>();
    private final LocalDate start;

    private CompanyGenerator(SimRandom random, LocalDate start) {
        this.random = random;
        this.start = start;
    }

    public static Company generate(
            String tenantId,
            TenantCalendar calendar,
            int employeeCount,
            int departmentCount,
            LocalDate start,
            SimRandom random) {
        if (departmentCount < MIN_DEPARTMENTS) {
            throw new IllegalArgumentException(
                    "need at least " + MIN_DEPARTMENTS + " departments, got " + departmentCount);
        }
        if (employeeCount < departmentCount * 3) {
            throw new IllegalArgumentException("need at least 3 employees per department, got " + employeeCount);
        }
        return new CompanyGenerator(random, start).build(tenantId, calendar, employeeCount, departmentCount);
    }

    private Company build(String tenantId, TenantCalendar calendar, int n, int departmentCount) {
        Department root = dept("Head Office", null, DepartmentType.SUPPORT, DepartmentFunction.EXECUTIVE);
        Department north =
                dept("Life Sales Division North", root.id(), DepartmentType.FRONT_LINE, DepartmentFunction.LIFE_SALES);
        Department south =
                dept("Life Sales Division South", root.id(), DepartmentType.FRONT_LINE, DepartmentFunction.LIFE_SALES);
        Department claimsDivision =
                dept("P&C Claims Division", root.id(), DepartmentType.FRONT_LINE, DepartmentFunction.PC_CLAIMS);
        Department shared =
                dept("Shared Services Division", root.id(), DepartmentType.SUPPORT, DepartmentFunction.OPERATIONS);
        Department lifeProduct =
                dept("Life Product Development", root.id(), DepartmentType.FRONT_LINE, DepartmentFunction.PRODUCT);
        Department pcProduct =
                dept("P&C Product Development", root.id(), DepartmentType.FRONT_LINE, DepartmentFunction.PRODUCT);
        Department finance = dept("Finance", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.FINANCE);
        Department hr = dept("Human Resources", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.HR);
        Department it = dept("Information Technology", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.IT);
        Department admin = dept("Administration", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.ADMIN);
        Department service =
                dept("Customer Service", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.CUSTOMER_SERVICE);
        Department operations = dept("Operations", shared.id(), DepartmentType.SUPPORT, DepartmentFunction.OPERATIONS);

        int teams = departmentCount - FIXED_DEPARTMENTS;
        int claimsTeams = Math.max(1, (int) Math.round(teams * 0.28));
        int salesTeams = teams - claimsTeams;
        List<Department> sales = new ArrayList<>();
        for (int i = 1; i <= salesTeams; i++) {
            sales.add(dept(
                    String.format("Life Sales Team %02d", i),
                    (i % 2 == 1 ? north : south).id(),
                    DepartmentType.FRONT_LINE,
                    DepartmentFunction.LIFE_SALES));
        }
        List<Department> claims = new ArrayList<>();
        for (int i = 1; i <= claimsTeams; i++) {
            claims.add(dept(
                    String.format("Claims Team %02d", i),
                    claimsDivision.id(),
                    DepartmentType.FRONT_LINE,
                    DepartmentFunction.PC_CLAIMS));
        }

        // Heads first, so every manager exists before the people reporting to them.
        String ceo = hire(root, "Chief Executive Officer", null, 60000).id();
        String northHead = hire(north, "Division Head", ceo, 35000).id();
        String southHead = hire(south, "Division Head", ceo, 35000).id();
        String claimsHead = hire(claimsDivision, "Division Head", ceo, 32000).id();
        String sharedHead = hire(shared, "Division Head", ceo, 30000).id();

        staff(lifeProduct, share(n, 0.015), "Product Manager", 14000, ceo);
        staff(pcProduct, share(n, 0.015), "Product Manager", 14000, ceo);
        staff(finance, share(n, 0.03), "Finance Specialist", 11000, sharedHead);
        staff(hr, share(n, 0.02), "Recruiter", 10000, sharedHead);
        staff(it, share(n, 0.03), "IT Engineer", 16000, sharedHead);
        staff(admin, share(n, 0.015), "Administrator", 8000, sharedHead);
        staff(service, share(n, 0.06), "Service Agent", 7000, sharedHead);
        staff(operations, share(n, 0.025), "Operations Specialist", 9000, sharedHead);
        int claimsStaff = share(n, 0.15);
        for (int i = 0; i < claims.size(); i++) {
            staff(claims.get(i), portion(claimsStaff, claims.size(), i), "Claims Handler", 9000, claimsHead);
        }
        int salesStaff = n - employees.size();
        for (int i = 0; i < sales.size(); i++) {
            Department team = sales.get(i);
            staff(
                    team,
                    portion(salesStaff, sales.size(), i),
                    "Insurance Agent",
                    6000,
                    north.id().equals(team.parentId()) ? northHead : southHead);
        }

        List<SupportLink> links = new ArrayList<>();
        claims.forEach(c -> links.add(new SupportLink(finance.id(), c.id())));
        sales.forEach(s -> links.add(new SupportLink(hr.id(), s.id())));
        sales.forEach(s -> links.add(new SupportLink(it.id(), s.id())));
        sales.forEach(s -> links.add(new SupportLink(service.id(), s.id())));
        return new Company(tenantId, calendar, departments, employees, links);
    }

    private static int share(int n, double fraction) {
        return Math.max(3, (int) Math.round(n * fraction));
    }

    private static int portion(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    private Department dept(String name, String parentId, DepartmentType type, DepartmentFunction function) {
        Department d = new Department(String.format("d-%03d", departments.size() + 1), name, parentId, type, function);
        departments.add(d);
        return d;
    }

    /** A department head reporting to {@code headManager}, then staff reporting to the head. */
    private void staff(Department d, int count, String position, double basePay, String headManager) {
        String head = hire(d, "Head of " + d.name(), headManager, basePay * 1.8).id();
        for (int i = 1; i < count; i++) {
            hire(d, position, head, basePay);
        }
    }

    private Employee hire(Department d, String position, String managerId, double medianPay) {
        String id = String.format("e-%05d", employees.size() + 1);
        String name = random.pick(List.of(SURNAMES)) + " " + random.pick(List.of(GIVEN));
        LocalDate hireDate = start.minusDays(random.between(60, 8 * 365));
        BigDecimal pay = BigDecimal.valueOf(random.logNormal(medianPay, 0.15)).setScale(2, RoundingMode.HALF_EVEN);
        Employee e = new Employee(id, name, d.id(), position, managerId, hireDate, pay);
        employees.add(e);
        return e;
    }
}

package io.kpipulse.api.auth;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in caller of a request: a person (from a verified token) or a machine (from an API key).
 * Set once per request by the access manager, before the handler runs; handlers and services take it as
 * an argument and decide scope from it, never from anything else the client sends.
 *
 * @param tenantId the only tenant this principal may touch
 * @param subject the token's subject or the API key's id; what the audit log records as the actor
 * @param roles the roles granted in this tenant
 * @param employeeId the employee this person is in the org directory (employee and department-head scope),
 *     or null for a machine client or a person who is not an employee
 */
public record Principal(String tenantId, String subject, Set<Role> roles, String employeeId) {

    /** The request attribute under which the access manager stores the principal. */
    public static final String ATTRIBUTE = "kpi.principal";

    public Principal {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The principal of a request that passed the access manager; a route without one is a wiring bug. */
    public static Principal of(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("no principal on " + ctx.path() + ": is the route declared with roles?");
        }
        return principal;
    }
}

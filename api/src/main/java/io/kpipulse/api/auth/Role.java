package io.kpipulse.api.auth;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. Every route in {@code ApiApp} names the roles it admits; a route that names none
 * admits nobody (the access manager fails closed). {@link #PUBLIC} marks the few routes that need no
 * sign-in (health, the sign-in itself, the dashboard's static assets).
 *
 * <p>Data scope is not decided here: a role opens a route, and the principal's scope (tenant, subtree,
 * self) filters what the route answers; see {@link Principal}.
 */
public enum Role implements RouteRole {
    /** The whole tenant, read-only: dashboards, rankings, linkage. */
    EXECUTIVE,
    /** The subtree of the departments the person heads, as of the day asked. */
    DEPARTMENT_HEAD,
    /** The whole tenant; catalog, scorecards, bonus rules, periods and exports. */
    HR,
    /** Only their own figures. */
    EMPLOYEE,
    /** Tenant settings and users. */
    ADMINISTRATOR,
    /** Read-only, including the audit log. */
    AUDITOR,
    /** No sign-in needed. */
    PUBLIC
}

// A small history-API router: the dashboard has five pages, and the server answers every
// /tenants/... path with index.html (the SPA fallback), so deep links and reloads work.
import { reactive } from "vue";

const ROUTES = [
  { name: "tenants", pattern: /^\/?$/ },
  { name: "overview", pattern: /^\/tenants\/([^/]+)\/?$/ },
  { name: "department", pattern: /^\/tenants\/([^/]+)\/departments\/([^/]+)\/?$/ },
  { name: "employee", pattern: /^\/tenants\/([^/]+)\/employees\/([^/]+)\/?$/ },
  { name: "linkage", pattern: /^\/tenants\/([^/]+)\/linkage\/?$/ },
  { name: "discrepancy", pattern: /^\/tenants\/([^/]+)\/discrepancy\/?$/ },
  { name: "alerts", pattern: /^\/tenants\/([^/]+)\/alerts\/?$/ },
  { name: "calendars", pattern: /^\/tenants\/([^/]+)\/calendars\/?$/ },
  { name: "scores", pattern: /^\/tenants\/([^/]+)\/scores\/?$/ },
  { name: "employeeScores", pattern: /^\/tenants\/([^/]+)\/scores\/employees\/([^/]+)\/?$/ },
  { name: "departmentScores", pattern: /^\/tenants\/([^/]+)\/scores\/departments\/([^/]+)\/?$/ },
];

export const route = reactive({ name: "tenants", tenant: null, id: null, query: {} });

function resolve() {
  const path = window.location.pathname;
  route.query = Object.fromEntries(new URLSearchParams(window.location.search));
  for (const r of ROUTES) {
    const m = path.match(r.pattern);
    if (m) {
      route.name = r.name;
      route.tenant = m[1] ? decodeURIComponent(m[1]) : null;
      route.id = m[2] ? decodeURIComponent(m[2]) : null;
      return;
    }
  }
  route.name = "notFound";
  route.tenant = null;
  route.id = null;
}

export function navigate(path) {
  const date = route.query.date;
  const url = date && !path.includes("?") ? `${path}?date=${encodeURIComponent(date)}` : path;
  window.history.pushState({}, "", url);
  resolve();
  window.scrollTo(0, 0);
}

export function tenantPath(tenant, ...segments) {
  return ["", "tenants", tenant, ...segments].map((s) => (s === "" ? s : encodeURIComponent(s))).join("/");
}

window.addEventListener("popstate", resolve);
resolve();

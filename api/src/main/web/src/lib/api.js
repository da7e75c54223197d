// The one way the dashboard talks to the API. It sends `Authorization: Bearer <token>` when a token is
// stored (the sign-in page stores it with storeToken), and turns a 401 into a visible message instead of
// a broken page, so adding sign-in is one component that calls storeToken.
import { reactive } from "vue";

const TOKEN_KEY = "kpi-pulse.token";

export const session = reactive({ unauthorized: false, message: "" });

export function storedToken() {
  return window.localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
  session.unauthorized = false;
  session.message = "";
}

export function authHeaders(headers = {}) {
  const token = storedToken();
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

export function markUnauthorized(message) {
  session.unauthorized = true;
  session.message = message || "";
}

/** An answer that was not 2xx, with the API's error code and message ({"error":{"code","message"}}). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** A route this server does not have (yet): the page degrades instead of failing. */
  get missingRoute() {
    return this.status === 404 && /^(no route|Endpoint )/.test(this.message);
  }
}

export async function getJson(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  const response = await fetch(url, { headers: authHeaders({ Accept: "application/json" }) });
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    markUnauthorized(body?.error?.message);
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? `HTTP_${response.status}`,
      body?.error?.message ?? response.statusText,
    );
  }
  return body;
}

/** The tenant's routes; every path segment from data is encoded. */
export function tenantApi(tenant) {
  const base = `/api/v1/tenants/${encodeURIComponent(tenant)}`;
  const e = encodeURIComponent;
  return {
    base,
    indicators: () => getJson(`${base}/indicators`),
    values: (params) => getJson(`${base}/values`, params),
    scorecard: (subjectType, subjectId, date) =>
      getJson(`${base}/subjects/${e(subjectType)}/${e(subjectId)}/scorecard`, { date }),
    lineage: (params) => getJson(`${base}/lineage`, params),
    history: (subjectType, subjectId, params) =>
      getJson(`${base}/subjects/${e(subjectType)}/${e(subjectId)}/history`, params),
    orgTree: (date) => getJson(`${base}/org/tree`, { date }),
    members: (departmentId, date, subtree) =>
      getJson(`${base}/org/departments/${e(departmentId)}/members`, { date, subtree }),
    employee: (employeeId, date) => getJson(`${base}/org/employees/${e(employeeId)}`, { date }),
    employeeScore: (employeeId, period) =>
      getJson(`${base}/scoring/employees/${e(employeeId)}/scorecard`, { period }),
    departmentScores: (departmentId, period) =>
      getJson(`${base}/scoring/departments/${e(departmentId)}/scores`, { period }),
  };
}

/** The signed-in user as the API knows them: {tenant, username, roles, employeeId, ...}. */
export function currentUser() {
  return getJson("/api/v1/auth/me");
}

/** Whether a user (from currentUser) holds any of the roles. */
export function hasAnyRole(user, roles) {
  return roles.some((role) => user.roles.includes(role));
}

export function listTenants() {
  return getJson("/api/v1/tenants");
}

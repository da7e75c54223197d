// The org directory as the dashboard needs it: names, parents, children and members. When the server
// has no org routes (yet), or the tree is empty, `available` is false and the pages show ids with a
// notice instead of failing.
import { reactive } from "vue";
import { tenantApi } from "./api.js";

export function createOrg(tenant) {
  const api = tenantApi(tenant);
  const org = reactive({ available: false, loaded: false, error: null, departments: [], byId: {} });

  org.load = async (date) => {
    try {
      const tree = await api.orgTree(date);
      org.departments = tree.departments ?? [];
      org.byId = Object.fromEntries(org.departments.map((d) => [d.id, d]));
      org.available = org.departments.length > 0;
      org.error = org.available ? null : "empty";
    } catch (e) {
      org.available = false;
      org.error = e.missingRoute ? "missing" : e.message;
    }
    org.loaded = true;
    return org;
  };

  org.name = (id) => org.byId[id]?.name ?? id;
  org.root = () => org.departments.find((d) => !d.parentId) ?? null;
  org.children = (id) => org.departments.filter((d) => d.parentId === id);
  org.ancestors = (id) => {
    const chain = [];
    for (let d = org.byId[id]; d && d.parentId; d = org.byId[d.parentId]) chain.unshift(org.byId[d.parentId]);
    return chain.filter(Boolean);
  };
  org.subtree = (id) => {
    const ids = new Set([id]);
    for (const d of org.departments) if (d.parentId && ids.has(d.parentId)) ids.add(d.id);
    return ids;
  };

  /**
   * Members of a department (optionally its whole subtree); null when the route is not there or does not
   * know the department (a department with values but not in the directory).
   */
  org.members = async (departmentId, date, subtree) => {
    try {
      return (await api.members(departmentId, date, subtree)).members ?? [];
    } catch (e) {
      if (e.status === 404) return null;
      throw e;
    }
  };

  /** An employee's record; null when the route is not there or the employee is unknown to it. */
  org.employee = async (employeeId, date) => {
    try {
      return await api.employee(employeeId, date);
    } catch (e) {
      if (e.status === 404) return null;
      throw e;
    }
  };

  return org;
}

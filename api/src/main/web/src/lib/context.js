// What every page of one tenant needs, loaded once: the catalog, the org directory, and the tenant's
// today (asked from the server, whose clock and time zone decide what "today" is).
import { reactive } from "vue";
import { listTenants, tenantApi } from "./api.js";
import { createOrg } from "./org.js";

export function createContext(tenant, requestedDate) {
  const ctx = reactive({
    tenant,
    api: tenantApi(tenant),
    loaded: false,
    error: null,
    indicators: [],
    byId: {},
    org: createOrg(tenant),
    date: requestedDate || null,
    zone: null,
  });

  ctx.load = async () => {
    try {
      const catalog = await ctx.api.indicators();
      ctx.indicators = catalog.indicators;
      ctx.byId = Object.fromEntries(catalog.indicators.map((i) => [i.id, i]));
      // The caller's own tenant, with its zone and today as the server's clock sees them.
      const { tenants } = await listTenants();
      const own = tenants.find((t) => t.id === tenant);
      ctx.date = ctx.date || own?.today || null;
      ctx.zone = own?.zone ?? null;
      await ctx.org.load(ctx.date);
      ctx.loaded = true;
    } catch (e) {
      ctx.error = e.message;
    }
  };

  /** Indicators kept month to date for a subject type, in catalog order. */
  ctx.monthly = (subjectType) =>
    ctx.indicators.filter((i) => i.windows.includes("MONTH_TO_DATE") && i.subjects.includes(subjectType));

  return ctx;
}

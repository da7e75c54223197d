import { createI18n } from "vue-i18n";

const LOCALE_KEY = "kpi-pulse.locale";

const messages = {
  "zh-CN": {
    app: { title: "KPI Pulse 绩效看板", language: "English", tenant: "租户", asOf: "截至" },
    nav: { overview: "公司总览", linkage: "业务联动", discrepancy: "数据差异", scores: "绩效评分" },
    scores: {
      cardTitle: "{name} 的绩效评分卡（{period}）",
      tableTitle: "{name} 绩效评分表（{period}）",
      table: "部门评分表",
      rule: "计分规则",
      points: "得分",
      why: "计算说明",
      system: "系统数据得分",
      manager: "上级评分",
      total: "总分",
      rating: "等级",
      pay: "绩效工资",
      noScorecard: "未分配评分卡",
      warning: "提示：{warning}",
      distribution: "{n} 人 · 平均 {mean} 分 · 标准差 {sd}",
      nobody: "当前登录没有对应的员工，无法显示个人评分卡。",
    },
    live: {
      open: "实时",
      reconnecting: "重新连接中…",
      idle: "未连接",
      unauthorized: "未授权",
      received: "已收到 {n} 次更新",
    },
    auth: { unauthorized: "登录已失效或没有权限（401）。请重新登录后再试。", signOut: "退出登录" },
    signin: {
      title: "登录",
      tenant: "租户",
      username: "用户名",
      password: "密码",
      submit: "登录",
      hint: "本地演示环境的账号和密码在 deploy/run.sh 启动时打印。",
    },
    tenants: {
      title: "选择租户",
      none: "服务器没有提供租户列表，请输入租户编号。",
      open: "打开",
      placeholder: "例如 t-acme-life",
    },
    overview: {
      title: "公司总览",
      tiles: "关键指标（本月累计）",
      ranking: "部门排名：{name}",
      trend: "近 30 天趋势：{name}",
      company: "公司整体",
      rootGuess: "没有组织架构接口，“公司整体”取事件数最多的部门（{id}）。",
      noValues: "本月暂无数据的指标（{n}）",
    },
    tile: { target: "目标", attainment: "达成率", noTarget: "无目标" },
    status: { ok: "达标", warn: "预警", critical: "严重", none: "无阈值" },
    table: {
      rank: "排名",
      department: "部门",
      employee: "员工",
      value: "数值",
      target: "目标",
      attainment: "达成率",
      status: "状态",
      events: "事件数",
      indicator: "指标",
      rule: "规则",
      progress: "进度",
      weight: "权重",
    },
    org: {
      missing: "组织架构接口暂不可用：以下仅显示编号，无法按部门筛选。",
      empty: "组织架构为空：以下仅显示编号。",
      subDepartments: "下级部门",
      members: "成员",
      allEmployees: "无法获取部门成员，显示全部员工排名（仅编号）。",
    },
    department: {
      title: "部门：{name}",
      scorecard: "部门指标（本月累计）",
      subtreeRanking: "子树员工排名：{name}",
      departmentRanking: "下级部门排名：{name}",
    },
    employee: {
      title: "员工：{name}",
      scorecard: "个人计分卡（{start} 至 {end}）",
      why: "为什么是这个数？",
      whyTitle: "“{name}”的来源事件",
      lineageNote: "窗口内可能计入该数值的原始事件（候选集合，非重算）。",
      more: "加载更多",
      noEvents: "没有找到来源事件",
      position: "岗位",
      department: "所属部门",
      unknown: "组织架构中没有该员工的信息，仅显示编号。",
    },
    lineage: { time: "事件时间", type: "事件类型", id: "事件编号", payload: "内容" },
    linkage: {
      title: "业务联动：支持部门指标与其服务的业务指标",
      claims: "财务理赔付款时效 ↔ 理赔结案周期",
      hiring: "人力岗位填补周期 ↔ 新人三个月业绩",
      served: "被服务的业务部门",
      support: "支持部门指标",
      business: "业务指标",
      overTime: "近 6 个月（{name}）",
      none: "本月暂无联动数据",
    },
    discrepancy: {
      title: "数据差异：系统记录与自报",
      explain: "以业务系统记录为准；差异 = 自报 − 系统记录，正数表示自报多于系统记录。",
      system: "系统记录",
      selfReported: "自报",
      difference: "差异（自报 − 系统记录）",
      overReported: "自报偏高",
      underReported: "自报偏低",
      match: "一致",
      notReported: "未自报",
      none: "本月暂无自报数据",
    },
    error: { load: "加载失败：{message}", notFound: "页面不存在" },
    units: {
      CNY: "元",
      ratio: "比率",
      days: "天",
      hours: "小时",
      minutes: "分钟",
      records: "条",
      points: "分",
      policies: "件",
      incidents: "次",
      units: "项",
    },
  },
  en: {
    app: { title: "KPI Pulse dashboard", language: "中文", tenant: "Tenant", asOf: "As of" },
    nav: { overview: "Company overview", linkage: "Linkage", discrepancy: "Discrepancies", scores: "Scores" },
    scores: {
      cardTitle: "Scorecard of {name} ({period})",
      tableTitle: "Scores of {name} ({period})",
      table: "Department scores",
      rule: "Rule",
      points: "Points",
      why: "Why",
      system: "System data",
      manager: "Manager rating",
      total: "Total",
      rating: "Rating",
      pay: "Performance pay",
      noScorecard: "No scorecard assigned",
      warning: "Note: {warning}",
      distribution: "{n} people · mean {mean} points · standard deviation {sd}",
      nobody: "This sign-in is not an employee: there is no personal scorecard to show.",
    },
    live: {
      open: "Live",
      reconnecting: "Reconnecting…",
      idle: "Not connected",
      unauthorized: "Unauthorized",
      received: "{n} updates received",
    },
    auth: {
      unauthorized: "Your session expired or lacks permission (401). Sign in again and retry.",
      signOut: "Sign out",
    },
    signin: {
      title: "Sign in",
      tenant: "Tenant",
      username: "Username",
      password: "Password",
      submit: "Sign in",
      hint: "The local demo stack prints its users and passwords when deploy/run.sh starts.",
    },
    tenants: {
      title: "Choose a tenant",
      none: "The server does not list tenants; enter a tenant id.",
      open: "Open",
      placeholder: "e.g. t-acme-life",
    },
    overview: {
      title: "Company overview",
      tiles: "Key indicators (month to date)",
      ranking: "Department ranking: {name}",
      trend: "Last 30 days: {name}",
      company: "Whole company",
      rootGuess: 'No org directory route: "whole company" is the department with the most events ({id}).',
      noValues: "Indicators without values this month ({n})",
    },
    tile: { target: "Target", attainment: "Attainment", noTarget: "No target" },
    status: { ok: "On target", warn: "Warning", critical: "Critical", none: "No levels" },
    table: {
      rank: "Rank",
      department: "Department",
      employee: "Employee",
      value: "Value",
      target: "Target",
      attainment: "Attainment",
      status: "Status",
      events: "Events",
      indicator: "Indicator",
      rule: "Rule",
      progress: "Progress",
      weight: "Weight",
    },
    org: {
      missing: "The org directory route is not available: ids only, no filtering by department.",
      empty: "The org directory is empty: ids only.",
      subDepartments: "Sub-departments",
      members: "Members",
      allEmployees: "Members unavailable: showing the ranking of all employees (ids only).",
    },
    department: {
      title: "Department: {name}",
      scorecard: "Department indicators (month to date)",
      subtreeRanking: "Employees in the subtree: {name}",
      departmentRanking: "Sub-department ranking: {name}",
    },
    employee: {
      title: "Employee: {name}",
      scorecard: "Scorecard ({start} to {end})",
      why: "Why is my number this?",
      whyTitle: 'Source events of "{name}"',
      lineageNote:
        "Raw events in the window that can have fed this value (the candidate set, not a recomputation).",
      more: "Load more",
      noEvents: "No source events found",
      position: "Position",
      department: "Department",
      unknown: "The org directory has no record of this employee; showing the id only.",
    },
    lineage: { time: "Event time", type: "Event type", id: "Event id", payload: "Payload" },
    linkage: {
      title: "Linkage: a support department's indicator beside the business indicator it serves",
      claims: "Finance claim payment time ↔ claims cycle time",
      hiring: "HR time to fill ↔ new-hire 3-month sales",
      served: "Business department served",
      support: "Support indicator",
      business: "Business indicator",
      overTime: "Last 6 months ({name})",
      none: "No linkage values this month yet",
    },
    discrepancy: {
      title: "Discrepancies: system of record vs self-report",
      explain:
        "The business system's record wins; difference = self-reported − system of record, positive when more was reported than recorded.",
      system: "System of record",
      selfReported: "Self-reported",
      difference: "Difference (self-reported − system)",
      overReported: "Over-reported",
      underReported: "Under-reported",
      match: "Match",
      notReported: "Not reported",
      none: "No self-reports this month yet",
    },
    error: { load: "Could not load: {message}", notFound: "No such page" },
    units: {
      CNY: "CNY",
      ratio: "share",
      days: "days",
      hours: "hours",
      minutes: "min",
      records: "records",
      points: "points",
      policies: "policies",
      incidents: "incidents",
      units: "units",
    },
  },
};

function initialLocale() {
  const stored = window.localStorage.getItem(LOCALE_KEY);
  return stored === "en" || stored === "zh-CN" ? stored : "zh-CN";
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: "en", messages });

export function setLocale(locale) {
  i18n.global.locale.value = locale;
  window.localStorage.setItem(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
}

/** What the indicator means in the current locale; English where the catalog has no translation. */
export function indicatorDescription(indicator, locale) {
  if (!indicator) return "";
  return indicator.descriptions?.[locale] ?? indicator.description ?? "";
}

/** The indicator's name in the current locale, from the catalog's names map. */
export function indicatorName(indicator, locale) {
  if (!indicator) return "";
  return indicator.names?.[locale] ?? indicator.names?.en ?? indicator.id;
}

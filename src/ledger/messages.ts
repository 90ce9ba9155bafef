// The ledger's words in both languages: statuses, the status view's headings and columns,
// and what applying a drill did.

import type { Lang } from "../core/plan.js";
import type { DrillOutcome } from "./apply.js";
import type { LedgerStatus } from "./model.js";

export interface LedgerMessages {
  status: Record<LedgerStatus, string>;
  heading: {
    title: string;
    openByOwner: (owner: string) => string;
    overdue: string;
    verified: (drill: string) => string;
    claimed: string;
    dropped: string;
  };
  column: {
    id: string;
    status: string;
    owner: string;
    person: string;
    due: string;
    issue: string;
    finding: string;
    reason: string;
  };
  noOwner: string;
  none: string;
  totals: (counts: Record<LedgerStatus, number>, drills: number, today: string) => string;
  applied: (ledger: string, outcome: DrillOutcome) => string;
  set: (id: string, changed: boolean) => string;
  imported: (changed: number, added: number, unchanged: number) => string;
  exported: (file: string, items: number) => string;
}

const statusEn: Record<LedgerStatus, string> = {
  open: "open",
  "in-progress": "in progress",
  "done-claimed": "done (claimed)",
  verified: "verified",
  reopened: "reopened",
  dropped: "dropped",
};

/** The office form's words (整改状态), also what the sheet shows in either language. */
export const STATUS_ZH: Record<LedgerStatus, string> = {
  open: "未整改",
  "in-progress": "整改中",
  "done-claimed": "已整改待验证",
  verified: "已销号",
  reopened: "重新整改",
  dropped: "不予整改",
};

const list = (ids: readonly string[]) => ids.join(", ");

export const ledgerMessages: Record<Lang, LedgerMessages> = {
  en: {
    status: statusEn,
    heading: {
      title: "Rectification ledger",
      openByOwner: (owner) => `Open: ${owner}`,
      overdue: "Overdue",
      verified: (drill) => `Verified by ${drill}`,
      claimed: "Claimed done, not yet verified by a drill",
      dropped: "Dropped",
    },
    column: {
      id: "ID",
      status: "Status",
      owner: "Owner",
      person: "Responsible",
      due: "Due",
      issue: "Issue",
      finding: "Finding",
      reason: "Reason",
    },
    noOwner: "(no owner)",
    none: "none",
    totals: (c, drills, today) =>
      `${c.open + c["in-progress"] + c.reopened} open, ${c["done-claimed"]} claimed done, ${c.verified} verified, ${c.dropped} dropped; ${drills} drill(s) applied; as of ${today}`,
    applied: (ledger, o) => {
      if (o.skipped === "already-applied") return `${ledger}: ${o.drill} is in the ledger already`;
      if (o.skipped === "older")
        return `${ledger}: ${o.drill} is older than the ledger's latest drill; not applied (replay the drills in time order)`;
      const parts = [
        `${o.added.length} added${o.added.length ? ` (${list(o.added)})` : ""}`,
        `${o.verified.length} verified${o.verified.length ? ` (${list(o.verified)})` : ""}`,
        `${o.reopened.length} reopened${o.reopened.length ? ` (${list(o.reopened)})` : ""}`,
        `${o.open.length} still open${o.overdue.length ? `, ${o.overdue.length} overdue (${list(o.overdue)})` : ""}`,
      ];
      return `${ledger}: ${o.drill}: ${parts.join(", ")}`;
    },
    set: (id, changed) => (changed ? `${id} updated` : `${id} unchanged`),
    imported: (changed, added, unchanged) =>
      `${changed} item(s) updated, ${added} added, ${unchanged} unchanged`,
    exported: (file, items) => `${items} item(s) written to ${file}`,
  },
  zh: {
    status: STATUS_ZH,
    heading: {
      title: "整改台账",
      openByOwner: (owner) => `未完成：${owner}`,
      overdue: "已超期",
      verified: (drill) => `经 ${drill} 验证销号`,
      claimed: "报已整改、尚未经演练验证",
      dropped: "不予整改",
    },
    column: {
      id: "序号",
      status: "整改状态",
      owner: "责任单位",
      person: "责任人",
      due: "完成时限",
      issue: "问题",
      finding: "发现编号",
      reason: "说明",
    },
    noOwner: "（未定责任单位）",
    none: "无",
    totals: (c, drills, today) =>
      `未完成 ${c.open + c["in-progress"] + c.reopened} 项，报已整改 ${c["done-claimed"]} 项，已销号 ${c.verified} 项，不予整改 ${c.dropped} 项；已计入 ${drills} 次演练；截至 ${today}`,
    applied: (ledger, o) => {
      if (o.skipped === "already-applied") return `${ledger}：${o.drill} 已计入台账`;
      if (o.skipped === "older")
        return `${ledger}：${o.drill} 早于台账中最近一次演练，未计入（请按时间顺序复盘）`;
      const parts = [
        `新增 ${o.added.length} 项${o.added.length ? `（${list(o.added)}）` : ""}`,
        `销号 ${o.verified.length} 项${o.verified.length ? `（${list(o.verified)}）` : ""}`,
        `重新整改 ${o.reopened.length} 项${o.reopened.length ? `（${list(o.reopened)}）` : ""}`,
        `仍未完成 ${o.open.length} 项${o.overdue.length ? `，其中超期 ${o.overdue.length} 项（${list(o.overdue)}）` : ""}`,
      ];
      return `${ledger}：${o.drill}：${parts.join("，")}`;
    },
    set: (id, changed) => (changed ? `${id} 已更新` : `${id} 无变化`),
    imported: (changed, added, unchanged) =>
      `更新 ${changed} 项，新增 ${added} 项，无变化 ${unchanged} 项`,
    exported: (file, items) => `已将 ${items} 项写入 ${file}`,
  },
};

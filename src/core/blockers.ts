// What stopped a group, sorted into the resource gaps a review groups them by. Facilitators
// type blockers as free text ("采样人员不足"), so the kind is inferred when not given.

import { BLOCKER_KINDS, type BlockerKind } from "./events.js";

const KEYWORDS: Record<Exclude<BlockerKind, "other">, string[]> = {
  people: [
    "人员",
    "人手",
    "人力",
    "队伍",
    "医护",
    "志愿者",
    "采样员",
    "staff",
    "people",
    "personnel",
    "team",
    "volunteer",
    "manpower",
    "crew",
  ],
  supplies: [
    "物资",
    "物料",
    "试剂",
    "防护服",
    "口罩",
    "药品",
    "耗材",
    "食品",
    "床位",
    "supplies",
    "supply",
    "stock",
    "kits",
    "ppe",
    "food",
    "beds",
    "reagent",
  ],
  information: [
    "信息",
    "数据",
    "名单",
    "系统",
    "通知",
    "联系",
    "information",
    "data",
    "list",
    "unclear",
    "unknown",
    "contact",
    "report",
  ],
  authority: [
    "授权",
    "审批",
    "批准",
    "决策",
    "权限",
    "指令",
    "authority",
    "approval",
    "permission",
    "sign-off",
    "mandate",
    "decision",
  ],
  equipment: [
    "车辆",
    "设备",
    "场地",
    "通讯",
    "电话",
    "vehicle",
    "vehicles",
    "equipment",
    "radio",
    "phone",
    "transport",
  ],
  coordination: [
    "协调",
    "交接",
    "对接",
    "配合",
    "衔接",
    "coordination",
    "hand-off",
    "handoff",
    "handover",
    "liaison",
  ],
};

export function inferBlockerKind(text: string): BlockerKind {
  const lower = text.toLowerCase();
  let best: BlockerKind = "other";
  let bestAt = Number.POSITIVE_INFINITY;
  // The earliest keyword wins: "缺少车辆导致人员滞留" is about vehicles first.
  for (const [kind, words] of Object.entries(KEYWORDS) as [BlockerKind, string[]][]) {
    for (const word of words) {
      const at = lower.indexOf(word);
      if (at >= 0 && at < bestAt) {
        best = kind;
        bestAt = at;
      }
    }
  }
  return best;
}

export function isBlockerKind(value: unknown): value is BlockerKind {
  return typeof value === "string" && (BLOCKER_KINDS as readonly string[]).includes(value);
}

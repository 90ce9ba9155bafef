// The domain's words in both languages, shared by the console, `drill log`, the review and
// the spreadsheets, so a status reads the same everywhere.

import type { BlockerKind, DecisionStatus, ObservationKind, Rating } from "./events.js";
import type { Lang } from "./plan.js";

export interface Terms {
  decisionStatus: Record<DecisionStatus, string>;
  blockerKind: Record<BlockerKind, string>;
  observationKind: Record<ObservationKind, string>;
  /** HSEEP performance ratings. */
  rating: Record<Rating, string>;
  improvised: string;
  /** How an expected action came out, as the review judges it (src/review/model.ts). */
  outcome: Record<
    "on-time" | "late" | "missed" | "blocked" | "not-reached" | "open" | "not-in-drill",
    string
  >;
}

export const TERMS: Record<Lang, Terms> = {
  en: {
    decisionStatus: {
      done: "done",
      partial: "partly done",
      blocked: "blocked",
      declined: "declined",
    },
    blockerKind: {
      people: "people",
      supplies: "supplies",
      information: "information",
      authority: "authority",
      equipment: "equipment",
      coordination: "coordination",
      other: "other",
    },
    observationKind: {
      strength: "strength",
      improvement: "area for improvement",
      neutral: "observation",
    },
    rating: {
      P: "performed without challenges",
      S: "performed with some challenges",
      M: "performed with major challenges",
      U: "unable to be performed",
    },
    improvised: "improvised",
    outcome: {
      "on-time": "on time",
      late: "late",
      missed: "missed",
      blocked: "blocked",
      "not-reached": "not reached",
      open: "open at the end",
      "not-in-drill": "not in the drill",
    },
  },
  zh: {
    decisionStatus: { done: "已完成", partial: "部分完成", blocked: "受阻", declined: "不予执行" },
    blockerKind: {
      people: "人员",
      supplies: "物资",
      information: "信息",
      authority: "权限",
      equipment: "装备",
      coordination: "协调",
      other: "其他",
    },
    observationKind: { strength: "亮点", improvement: "待改进", neutral: "观察" },
    rating: {
      P: "顺利完成",
      S: "完成但存在一些问题",
      M: "完成但存在重大问题",
      U: "未能完成",
    },
    improvised: "临机处置",
    outcome: {
      "on-time": "按时",
      late: "超时",
      missed: "未完成",
      blocked: "受阻",
      "not-reached": "未触发",
      open: "结束时未到时限",
      "not-in-drill": "本次演练中没有",
    },
  },
};

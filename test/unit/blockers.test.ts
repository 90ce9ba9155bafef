// Blocker kinds inferred from free text: keywords matched as words, in either language.

import { describe, expect, it } from "vitest";
import { BLOCKER_KEYWORDS, inferBlockerKind } from "../../src/core/blockers.js";

/** Numbers in [0, 1) from a seed, the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("inferBlockerKind", () => {
  it.each([
    ["Not enough sampling staff, only one night team", "people"],
    ["Not enough teams", "people"],
    ["no PPE left at the gate", "supplies"],
    ["500 protective suits short, supplies not delivered", "supplies"],
    ["the list of contacts is late", "information"],
    ["Waiting for approval from the city", "authority"],
    ["both vehicles broke down", "equipment"],
    ["no liaison between the groups", "coordination"],
    ["采样人员不足，夜间上门采样队伍仅 1 支", "people"],
    ["人手不足", "people"],
    ["流调力量只有常备队一支", "people"],
    ["备用隔离点防护服缺口 500 套，物资未到位", "supplies"],
    ["采样管等物资到货晚", "supplies"],
    ["等待流调组推送密接名单", "information"],
    ["审批流程长", "authority"],
    ["预案未列转运车辆储备", "equipment"],
    ["交接不畅", "coordination"],
  ])("reads %s as %s", (text, kind) => {
    expect(inferBlockerKind(text)).toBe(kind);
  });

  it.each([
    // "ppe" inside "stopped", "list" inside "specialist", "team" inside "steam", "data" inside "update".
    "work stopped at the gate",
    "the specialist is away",
    "steam pipe burst",
    "waiting for an update",
    "No spare pipe section of the right size",
  ])("finds no keyword inside another word: %s", (text) => {
    expect(inferBlockerKind(text)).toBe("other");
  });

  it("matches keywords written with letters that fold to ASCII (ſ, the Kelvin sign)", () => {
    expect(inferBlockerKind("not enough ſtaff")).toBe("people");
    expect(inferBlockerKind("no \u212Ait at the gate")).toBe("supplies");
  });

  it("gives the same kind when asked again for the same text", () => {
    const text = "Not enough sampling staff, only one night team";
    expect(inferBlockerKind(text)).toBe(inferBlockerKind(text));
    expect(inferBlockerKind("等待流调组推送密接名单")).toBe("information");
    expect(inferBlockerKind("等待流调组推送密接名单")).toBe("information");
  });

  it("takes the kind of the earliest keyword, in either language", () => {
    expect(inferBlockerKind("缺少车辆导致人员滞留")).toBe("equipment");
    expect(inferBlockerKind("人员滞留，缺少车辆")).toBe("people");
    expect(inferBlockerKind("no vehicles, so the staff waited")).toBe("equipment");
    expect(inferBlockerKind("采样管 shortage, staff idle")).toBe("supplies");
  });

  it("finds the same kind as a search word by word, on texts made of keywords and near-misses", () => {
    // The reference: every English keyword on its own, earliest match first, ties to the
    // kind listed first (people, supplies, information, authority, equipment, coordination).
    const words: [string, string[]][] = [
      [
        "people",
        ["staff", "people", "personnel", "team", "volunteer", "manpower", "crew", "workforce"],
      ],
      [
        "supplies",
        ["supplies", "supply", "stock", "kit", "ppe", "food", "bed", "reagent", "tube", "mask"],
      ],
      ["information", ["information", "data", "list", "unclear", "unknown", "contact", "report"]],
      ["authority", ["authority", "approval", "permission", "sign-off", "mandate", "decision"]],
      ["equipment", ["vehicle", "equipment", "radio", "phone", "transport"]],
      ["coordination", ["coordination", "hand-off", "handoff", "handover", "liaison"]],
    ];
    const reference = (text: string): string => {
      let best = "other";
      let bestAt = Number.POSITIVE_INFINITY;
      for (const [kind, list] of words)
        for (const word of list) {
          const at = text.search(
            new RegExp(`(?<![\\p{L}\\p{N}])${word}(?:s|es)?(?![\\p{L}\\p{N}])`, "iu"),
          );
          if (at >= 0 && at < bestAt) {
            best = kind;
            bestAt = at;
          }
        }
      return best;
    };
    const pieces = [
      ...words.flatMap(([, list]) => list),
      "steam",
      "update",
      "stopped",
      "teams",
      "Kit",
      "ſtaff",
      "es",
      "s",
      "1",
      "é",
      "-",
      " ",
      " ",
      ", ",
      "x",
    ];
    const next = seeded(20261202);
    let matched = 0;
    for (let n = 0; n < 3000; n++) {
      const count = 1 + Math.floor(next() * 6);
      let text = "";
      for (let i = 0; i < count; i++) {
        const piece = pieces[Math.floor(next() * pieces.length)] ?? "";
        text += next() < 0.2 ? piece.toUpperCase() : piece;
      }
      const expected = reference(text);
      if (expected !== "other") matched++;
      expect(inferBlockerKind(text), text).toBe(expected);
    }
    expect(matched).toBeGreaterThan(500);
  });

  it("finds the same kind as ICU's word boundaries would, on Chinese texts of keywords, words, marks and punctuation", () => {
    // The reference: every Chinese keyword counts at its first place that begins or ends on a
    // boundary of Intl.Segmenter's words; earliest wins, ties to the kind listed first.
    const words: [string, readonly string[]][] = Object.entries(BLOCKER_KEYWORDS).map(
      ([kind, list]) => [kind, list.zh],
    );
    const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    const reference = (text: string): string => {
      const edges = new Set([text.length, ...[...segmenter.segment(text)].map((s) => s.index)]);
      let best = "other";
      let bestAt = Number.POSITIVE_INFINITY;
      for (const [kind, list] of words)
        for (const word of list)
          for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            if (!edges.has(at) && !edges.has(at + word.length)) continue;
            if (at < bestAt) {
              best = kind;
              bestAt = at;
            }
            break;
          }
      return best;
    };
    const pieces = [
      ...words.flatMap(([, list]) => list),
      // Words that hold or border keywords: 工作人员, 人员不足, 力量 in 战斗力量, 系统 in 系统性.
      "工作",
      "不足",
      "缺少",
      "战斗",
      "性",
      "到位",
      "的",
      "了",
      "未",
      "采样",
      "流调",
      "点",
      "の",
      "，",
      "。",
      "、",
      "（",
      "）",
      " ",
      "_",
      "-",
      "A",
      "pipe",
      "3",
      "\u200D",
      "\uFE0F",
      "\u0301",
      "确",
      "目",
    ];
    const next = seeded(20261203);
    let matched = 0;
    for (let n = 0; n < 4000; n++) {
      const count = 1 + Math.floor(next() * 7);
      let text = "";
      for (let i = 0; i < count; i++) text += pieces[Math.floor(next() * pieces.length)] ?? "";
      const expected = reference(text);
      if (expected !== "other") matched++;
      expect(inferBlockerKind(text), JSON.stringify(text)).toBe(expected);
    }
    expect(matched).toBeGreaterThan(1500);
  });
});

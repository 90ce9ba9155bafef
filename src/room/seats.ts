// The room's seats: one per group lead, one per evaluator, and a read-only board for the
// whole room and for each site. Every seat has its own unguessable token, the secret in its
// join link; what a seat may write follows from its role alone.

import { randomBytes } from "node:crypto";
import type { SeatRole } from "../core/events.js";
import type { Plan } from "../core/plan.js";

export type SeatKind = SeatRole | "board";

export interface Seat {
  /** Stable across a resume: `group:<id>`, `evaluator:<n>`, `board`, `board:<site>`. */
  id: string;
  kind: SeatKind;
  /** Shown on the seat's page and the console. */
  name: string;
  /** The group a group seat logs for. */
  group?: string;
  /** The site the seat sits at (a board: the site it shows). */
  site?: string;
  token: string;
  revoked?: boolean;
}

/** 192 bits from the operating system's generator, URL-safe: well above the 128 asked of a join link. */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The site each group sits at, from the plan's `sites`. */
export function siteOfGroup(plan: Plan): Map<string, string> {
  const sites = new Map<string, string>();
  for (const site of plan.sites ?? []) for (const group of site.groups) sites.set(group, site.id);
  return sites;
}

/** The seats a plan calls for, each with a fresh token. */
export function seatsFor(plan: Plan, token: () => string = newToken): Seat[] {
  const sites = siteOfGroup(plan);
  const seats: Seat[] = [{ id: "board", kind: "board", name: plan.title, token: token() }];
  for (const site of plan.sites ?? [])
    seats.push({
      id: `board:${site.id}`,
      kind: "board",
      name: site.name,
      site: site.id,
      token: token(),
    });
  for (const group of plan.groups) {
    const site = sites.get(group.id);
    seats.push({
      id: `group:${group.id}`,
      kind: "group",
      name: group.name,
      group: group.id,
      ...(site ? { site } : {}),
      token: token(),
    });
  }
  // One evaluator seat per evaluator the plan names, else one.
  const evaluators = plan.evaluators?.length ? plan.evaluators : [undefined];
  evaluators.forEach((name, i) => {
    seats.push({
      id: `evaluator:${i + 1}`,
      kind: "evaluator",
      name: name ?? (plan.lang === "zh" ? `评估员 ${i + 1}` : `Evaluator ${i + 1}`),
      token: token(),
    });
  });
  return seats;
}

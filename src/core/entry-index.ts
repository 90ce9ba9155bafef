// Every decision and observation of a drill in a few numbers each, for the engine: a
// correction needs what the entry it amends counted, and the other decisions of its
// expectation, even when the fold keeps no records (a streaming review of a huge log).

import {
  BLOCKER_KINDS,
  type BlockerKind,
  type DecisionLogged,
  type DecisionStatus,
  type NoteAdded,
} from "./events.js";
import type { Plan } from "./plan.js";

const STATUS_CODES: readonly DecisionStatus[] = ["done", "partial", "blocked", "declined"];
// One byte of flags: bit 0 a note, bit 1 retracted, bits 2–3 the status, bits 4–7 the
// blocker kind's index + 1 (0: no blocker).
const NOTE = 1;
const RETRACTED = 2;

/** What the fold knows of one entry. */
export interface EntryRow {
  seq: number;
  at: number;
  note: boolean;
  retracted: boolean;
  /** Index of its group in the plan, -1 for none or one the plan lacks. */
  group: number;
  /** Index of its expectation in the plan, -1 for none, -2 for one the plan lacks. */
  expectation: number;
  /** Index of the inject it names in the plan, -1 for none or one the plan lacks. */
  inject: number;
  status?: DecisionStatus;
  blockerKind?: BlockerKind;
}

/**
 * Every decision and observation of the drill, a few bytes each in growing typed arrays, in
 * log order: a correction needs what the entry it amends counted, and the other decisions of
 * its expectation, even when the fold keeps no records (a streaming review of a huge log).
 */
export class EntryIndex {
  private size = 0;
  private seqs = new Float64Array(64);
  private ats = new Float64Array(64);
  private groups = new Int32Array(64);
  private expectations = new Int32Array(64);
  private injects = new Int32Array(64);
  private flags = new Uint8Array(64);
  private readonly groupIndex: Map<string, number>;
  private readonly expectationIndex: Map<string, number>;
  readonly groupIds: string[];
  readonly expectationIds: string[];
  readonly injectIds: string[];
  private readonly injectIndex: Map<string, number>;

  constructor(plan: Plan) {
    this.groupIds = plan.groups.map((g) => g.id);
    this.expectationIds = plan.injects.flatMap((i) => i.expects.map((e) => e.id));
    this.groupIndex = new Map(this.groupIds.map((id, i) => [id, i]));
    this.expectationIndex = new Map(this.expectationIds.map((id, i) => [id, i]));
    this.injectIds = plan.injects.map((i) => i.id);
    this.injectIndex = new Map(this.injectIds.map((id, i) => [id, i]));
  }

  /** Appends an entry (seqs grow) or, for a seq already there, replaces it. */
  put(entry: DecisionLogged | NoteAdded, seq: number = entry.seq): EntryRow {
    // Entries come in log order: a new one is last, found without a search.
    let i = this.size > 0 && (this.seqs[this.size - 1] ?? 0) < seq ? -1 : this.find(seq);
    if (i < 0) {
      if (this.size === this.seqs.length) this.grow();
      i = this.size++;
    }
    const expectation =
      entry.type === "decision" && entry.expectation !== undefined
        ? (this.expectationIndex.get(entry.expectation) ?? -2)
        : -1;
    const status = entry.type === "decision" ? STATUS_CODES.indexOf(entry.status) : 0;
    const kind =
      entry.type === "decision" && entry.blocker
        ? BLOCKER_KINDS.indexOf(entry.blocker.kind) + 1
        : 0;
    this.seqs[i] = seq;
    this.ats[i] = entry.at ?? entry.t;
    this.groups[i] = entry.group === undefined ? -1 : (this.groupIndex.get(entry.group) ?? -1);
    this.expectations[i] = expectation;
    this.injects[i] = entry.inject === undefined ? -1 : (this.injectIndex.get(entry.inject) ?? -1);
    this.flags[i] = (entry.type === "note" ? NOTE : 0) | (status << 2) | (kind << 4);
    return this.row(i);
  }

  retract(seq: number): void {
    const i = this.find(seq);
    if (i >= 0) this.flags[i] = (this.flags[i] ?? 0) | RETRACTED;
  }

  get(seq: number): EntryRow | undefined {
    const i = this.find(seq);
    return i < 0 ? undefined : this.row(i);
  }

  /** The live decisions of an expectation (by its index), in log order. */
  *answers(expectation: number): Generator<EntryRow> {
    for (let i = 0; i < this.size; i++) {
      if (this.expectations[i] === expectation && !((this.flags[i] ?? 0) & RETRACTED))
        yield this.row(i);
    }
  }

  /** Every row has every field, undefined where it has none: one shape for the fold's code. */
  private row(i: number): EntryRow {
    const flags = this.flags[i] ?? 0;
    const note = (flags & NOTE) !== 0;
    return {
      seq: this.seqs[i] ?? 0,
      at: this.ats[i] ?? 0,
      note,
      retracted: (flags & RETRACTED) !== 0,
      group: this.groups[i] ?? -1,
      expectation: this.expectations[i] ?? -1,
      inject: this.injects[i] ?? -1,
      status: note ? undefined : (STATUS_CODES[(flags >> 2) & 3] ?? "done"),
      blockerKind: flags >> 4 ? BLOCKER_KINDS[(flags >> 4) - 1] : undefined,
    };
  }

  /** Index of `seq` (seqs are in order), or -1. */
  private find(seq: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.seqs[mid] ?? 0) < seq) low = mid + 1;
      else high = mid;
    }
    return low < this.size && this.seqs[low] === seq ? low : -1;
  }

  private grow(): void {
    const twice = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
      const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.seqs = twice(this.seqs);
    this.ats = twice(this.ats);
    this.groups = twice(this.groups);
    this.expectations = twice(this.expectations);
    this.injects = twice(this.injects);
    this.flags = twice(this.flags);
  }
}

// The parts of a drill's final state that a crash and a resume must not change: what was
// delivered and decided, and when in scenario time (not wall time or sequence numbers).
import { foldDrill } from "../../src/core/engine.js";
import { readLog } from "../../src/log/reader.js";

export async function finalState(logPath: string) {
  const { header, events } = await readLog(logPath);
  const state = foldDrill(header.plan, events);
  const strip = <T extends { seq: number; wall: string }>({ seq: _s, wall: _w, ...rest }: T) =>
    rest;
  return {
    ended: state.ended,
    endedAt: state.endedAt,
    injects: [...state.injects.values()].map((i) => [
      i.inject.id,
      i.status,
      i.deliveredAt ?? i.skippedAt,
    ]),
    expectations: [...state.expectations.values()].map((e) => [
      e.expectation.id,
      e.deliveredAt,
      e.doneAt,
      e.lastStatus,
      e.decisions.length,
    ]),
    decisions: state.decisions.map(strip),
    notes: state.notes.map(strip),
    hotwash: state.hotwash.map(strip),
  };
}

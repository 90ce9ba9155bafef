// An inject as the facilitator reads it out: the delivery line, the message and what each
// group must do, every line wrapped to the terminal by display width and never cut. Pure:
// the plan, the event, the words and a chalk instance in; lines out.

import type { ChalkInstance } from "chalk";
import type { InjectDelivered, InjectSkipped } from "../core/events.js";
import type { Plan } from "../core/plan.js";
import { formatScenarioTime } from "../core/scenario-time.js";
import type { LogMessages } from "../log/messages.js";
import type { ConsoleMessages } from "./messages.js";
import { oneLine, wrap } from "./text.js";

export interface AnnounceWords {
  log: LogMessages;
  console: ConsoleMessages;
}

export function announcementLines(
  plan: Plan,
  event: InjectDelivered | InjectSkipped,
  words: AnnounceWords,
  colour: ChalkInstance,
  width: number,
): string[] {
  const inject = plan.injects.find((i) => i.id === event.inject);
  const title = inject && oneLine(inject.title);
  const time = formatScenarioTime(event.t);
  if (event.type === "inject-skipped") {
    const text = words.log.injectSkipped(event.inject, title, event.reason, event.note);
    return wrap(`  ${time}  ${text}`, width, "    ").map((line) => colour.dim(line));
  }
  const names = new Map(plan.groups.map((group) => [group.id, oneLine(group.name)]));
  const to = (inject?.to ?? []).map((id) => names.get(id) ?? id);
  const heading = words.log.injectDelivered(event.inject, title, to, event.early ?? false);
  const lines = [
    "",
    ...wrap(`${colour.magenta.bold("▶")} ${time}  ${colour.bold(heading)}`, width, "  "),
  ];
  if (!inject) return lines;
  lines.push(...wrap(`  ${oneLine(inject.message)}`, width, "  "));
  for (const expectation of inject.expects) {
    const line = words.console.expected(
      names.get(expectation.group) ?? expectation.group,
      `${expectation.id} ${oneLine(expectation.action)}`,
      words.console.duration(expectation.withinMinutes),
    );
    lines.push(...wrap(`  · ${line}`, width, "    ").map((l) => colour.dim(l)));
  }
  return lines;
}

// `drill export … --ocel/--xes` through the built CLI, on generated drills and the examples:
// the files validate against the published schemas, pm4js reads the XES, and the counts it
// finds are the ones read straight from the logs' lines, not from our exporter.

import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";
import { ocelValidator, pm4js, xmllint } from "../helpers/open-formats.js";

interface RawLine {
  type: string;
  inject?: string;
  expectation?: string;
  blocker?: { kind: string; text: string };
  plan?: {
    groups: unknown[];
    objectives: unknown[];
    injects: { id: string; expects: { id: string; group: string }[] }[];
  };
}

let dir: ReturnType<typeof tempDir>;
const logsDir = () => join(dir.path, "logs");

/** Every log under logs/, as its parsed lines, in the order the export reads them. */
function rawLogs(): RawLine[][] {
  const files = readdirSync(logsDir(), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".jsonl"))
    .map((f) => join(logsDir(), f))
    .sort();
  return files.map((file) =>
    readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as RawLine)
      // A seal closes the log, not the drill: readers hand on events only.
      .filter((line) => line.type !== "seal"),
  );
}

beforeAll(async () => {
  dir = tempDir("drill-export-open-");
  await generateLogs({
    count: 6,
    events: 200,
    out: join(logsDir(), "generated"),
    seed: 11,
    plan: "examples/pooled-positive.zh.yaml",
    start: "2026-01-05T09:00:00+08:00",
    everyDays: 7,
    revisions: 1,
  });
  mkdirSync(join(logsDir(), "examples"));
  for (const name of ["pooled-positive.zh", "pooled-positive.en", "river-flood.en"])
    copyFileSync(join(ROOT, `examples/${name}.jsonl`), join(logsDir(), `examples/${name}.jsonl`));
}, 300_000);
afterAll(() => dir.remove());

describe("drill export --ocel --xes", () => {
  it("writes both files from a folder, valid against the OCEL 2.0 schema and the XES XSD", async () => {
    const result = await drill(["export", "logs", "--ocel", "d.ocel.json", "--xes", "d.xes"], {
      cwd: dir.path,
    });
    expect(result.code, result.stderr).toBe(0);
    const logs = rawLogs();
    const events = logs.reduce((n, lines) => n + lines.length - 1, 0);
    // One object for the drill, each group, objective, inject and expected action, and each
    // distinct blocker met.
    const objects = logs.reduce((n, [header, ...lines]) => {
      const plan = header?.plan;
      if (!plan) throw new Error("a log without a header");
      const blockers = new Set(
        lines.filter((l) => l.blocker).map((l) => `${l.blocker?.kind}\n${l.blocker?.text}`),
      );
      const expectations = plan.injects.reduce((k, i) => k + i.expects.length, 0);
      return (
        n +
        1 +
        plan.groups.length +
        plan.objectives.length +
        plan.injects.length +
        expectations +
        blockers.size
      );
    }, 0);
    expect(result.stdout).toBe(
      `wrote d.ocel.json: 9 drill(s), ${events} event(s), ${objects} object(s) (OCEL 2.0)\n` +
        `wrote d.xes: 9 trace(s), one per drill, ${events} event(s) (XES)\n`,
    );

    const doc = JSON.parse(readFileSync(join(dir.path, "d.ocel.json"), "utf8"));
    const validate = ocelValidator();
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect([doc.events.length, doc.objects.length]).toEqual([events, objects]);
    const lint = xmllint(join(dir.path, "d.xes"));
    expect(lint.code, lint.output).toBe(0);
    // No scratch file is left beside the outputs.
    expect(readdirSync(dir.path).sort()).toEqual(["d.ocel.json", "d.xes", "logs"]);
  });

  it("gives pm4js a trace per drill with every event of its log, and their directly-follows graph", () => {
    const { XesImporter, FrequencyDfgDiscovery } = pm4js();
    const log = XesImporter.apply(readFileSync(join(dir.path, "d.xes"), "utf8"));
    const logs = rawLogs();
    expect(log.traces.map((t) => t.events.length)).toEqual(logs.map((l) => l.length - 1));
    const dfg = FrequencyDfgDiscovery.apply(log, "concept:name");
    // Every trace starts with the drill starting; a trace of n events has n − 1 steps.
    expect(dfg.startActivities).toEqual({ "drill started": 9 });
    const steps = Object.values(dfg.pathsFrequency).reduce((a, b) => a + b, 0);
    expect(steps).toBe(logs.reduce((n, l) => n + l.length - 2, 0));
    const delivered = logs.flat().filter((l) => l.type === "inject-delivered" && l.inject === "I1");
    expect(dfg.activities["I1 delivered"]).toBe(delivered.length);
  });

  it("writes a trace per expected action with --xes-case expectation, its group as resource", async () => {
    const result = await drill(["export", "logs", "--xes", "e.xes", "--xes-case", "expectation"], {
      cwd: dir.path,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(xmllint(join(dir.path, "e.xes")).code).toBe(0);
    // Read from the logs: each delivered inject opens its expected actions; each decision
    // that answers one is an event of that action's trace.
    let traces = 0;
    let events = 0;
    const groups = new Set<string>();
    for (const [header, ...lines] of rawLogs()) {
      const injects = new Map(header?.plan?.injects.map((i) => [i.id, i]));
      for (const line of lines) {
        if (line.type === "inject-delivered") {
          const opened = injects.get(line.inject ?? "")?.expects ?? [];
          traces += opened.length;
          events += opened.length;
          for (const e of opened) groups.add(e.group);
        }
        if (line.type === "decision" && line.expectation) events++;
      }
    }
    expect(result.stdout).toBe(
      `wrote e.xes: ${traces} trace(s), one per expectation, ${events} event(s) (XES)\n`,
    );
    const { XesImporter, FrequencyDfgDiscovery } = pm4js();
    const log = XesImporter.apply(readFileSync(join(dir.path, "e.xes"), "utf8"));
    expect(log.traces).toHaveLength(traces);
    expect(log.traces.reduce((n, t) => n + t.events.length, 0)).toBe(events);
    for (const trace of log.traces) {
      const resources = new Set(trace.events.map((e) => e.attributes["org:resource"]?.value));
      expect([...resources]).toEqual([trace.attributes.group?.value]);
    }
    expect(new Set(log.traces.map((t) => t.attributes.group?.value))).toEqual(groups);
    const dfg = FrequencyDfgDiscovery.apply(log, "concept:name");
    expect(dfg.startActivities).toEqual({ delivered: traces });
  });

  it("exports the good logs, names the bad one with its line, and exits 1", async () => {
    const mixed = join(dir.path, "mixed");
    cpSync(join(logsDir(), "examples"), mixed, { recursive: true });
    copyFileSync(join(ROOT, "test/fixtures/logs/tampered.jsonl"), join(mixed, "tampered.jsonl"));
    const result = await drill(["export", "mixed", "--ocel", "m.ocel.json"], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^wrote m\.ocel\.json: 3 drill\(s\), /);
    expect(result.stderr).toMatch(/^mixed\/tampered\.jsonl:\d+: error: line \d+ /m);
    expect(result.stderr).toContain("error: 1 of 4 logs could not be read");
    const doc = JSON.parse(readFileSync(join(dir.path, "m.ocel.json"), "utf8"));
    expect(ocelValidator()(doc)).toBe(true);
  });

  it("keeps an existing file unless --force", async () => {
    const before = readFileSync(join(dir.path, "d.xes"), "utf8");
    const refused = await drill(["export", "logs/examples", "--xes", "d.xes"], { cwd: dir.path });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("d.xes already exists");
    expect(readFileSync(join(dir.path, "d.xes"), "utf8")).toBe(before);
    const forced = await drill(["export", "logs/examples", "--xes", "d.xes", "--force"], {
      cwd: dir.path,
    });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^wrote d\.xes: 3 trace\(s\)/);
  });

  it.each([
    [["logs", "--xes-case", "expectation"], "--xes-case goes with --xes"],
    [["logs", "--ocel", "x.json", "--msel", "x.xlsx"], "do not go with --msel or --decisions"],
    [["a.jsonl", "b.jsonl", "--decisions", "x.csv"], "export one file at a time"],
    [["logs", "--ocel", "same", "--xes", "same"], "name the same file"],
  ])("refuses %j as a usage error", async (args, message) => {
    const result = await drill(["export", ...args], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

// The README's DuckDB queries ("Beyond one laptop") run as written, with DuckDB's own engine
// (@duckdb/node-api; JSON support linked in, nothing downloaded), over two offices' replays
// of generated drills; every row they return is checked against the same figures worked out
// here from the `drills.jsonl` rows themselves.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLogs } from "../../scripts/gen-logs.js";
import { drill, ROOT, tempDir } from "../helpers/cli.js";

interface Row {
  startedAt: string;
  plan: { version?: string };
  expectations: {
    id: string;
    group: string;
    critical: boolean;
    status: string;
    latencyMinutes?: number;
  }[];
  findings: { key: string }[];
}

type Cell = string | number | null | undefined;

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("### Beyond one laptop"));
const sql = /^```sql\n([\s\S]*?)^```$/m.exec(section)?.[1] ?? "";
const queries = sql
  .split(/;\s*$/m)
  .map((q) => q.trim())
  .filter((q) => q.replace(/^--.*$/gm, "").trim() !== "");

let dir: ReturnType<typeof tempDir>;
const rows: Row[] = [];

beforeAll(async () => {
  dir = tempDir("drill-duckdb-");
  const offices = [
    { name: "north", seed: 5, count: 10, start: "2026-01-05T09:00:00+08:00" },
    { name: "south", seed: 6, count: 6, start: "2026-02-02T14:00:00+08:00" },
  ];
  for (const office of offices) {
    await generateLogs({
      count: office.count,
      events: 200,
      out: join(dir.path, "logs", office.name),
      seed: office.seed,
      plan: "examples/pooled-positive.zh.yaml",
      start: office.start,
      everyDays: 7,
      revisions: 1,
    });
    const replayed = await drill(
      ["replay", `logs/${office.name}`, "-o", `replay/${office.name}`, "--format", "json", "-q"],
      { cwd: dir.path },
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    rows.push(
      ...readFileSync(join(dir.path, "replay", office.name, "drills.jsonl"), "utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Row),
    );
  }
}, 180_000);
afterAll(() => dir?.remove());

/** Each README query's rows, read by DuckDB from the replay folders. */
async function runQueries(): Promise<Record<string, Cell>[][]> {
  // No extension may be fetched: what the queries need must already be in the engine.
  const instance = await DuckDBInstance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  try {
    const linked = await connection.runAndReadAll(
      "SELECT extension_name FROM duckdb_extensions() WHERE install_mode = 'STATICALLY_LINKED' AND loaded",
    );
    expect(linked.getRowObjectsJson().map((r) => r.extension_name)).toEqual(
      expect.arrayContaining(["json", "icu"]),
    );
    // Month buckets in UTC whatever the machine's zone; relative paths from the scratch folder.
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(`SET file_search_path = '${dir.path.replace(/'/g, "''")}'`);
    const results: Record<string, Cell>[][] = [];
    for (const query of queries) {
      const reader = await connection.runAndReadAll(query);
      results.push(reader.getRowObjectsJson() as Record<string, Cell>[]);
    }
    return results;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const month = (iso: string) => new Date(iso).toISOString().slice(0, 7);
const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
const num = (cell: Cell) => (cell === null || cell === undefined ? null : Number(cell));
/** DuckDB prints a time stamp as `2026-01-05 01:00:00` (UTC here), `+00` when it has a zone. */
const instant = (cell: Cell) =>
  Date.parse(
    `${String(cell)
      .replace(" ", "T")
      .replace(/([+-]\d\d)$/, "$1:00")}${/[+-]\d\d$/.test(String(cell)) ? "" : "Z"}`,
  );

/**
 * Per expected action and a second key (a month, a plan version): drills, mean latency and
 * on-time share, ordered by action then key, as the queries order them.
 */
function expectedOutcomes(
  pick: (row: Row, e: Row["expectations"][number]) => [string, string] | undefined,
): (string | number | null)[][] {
  const groups = new Map<
    string,
    { keys: [string, string]; latencies: number[]; onTime: number; drills: number }
  >();
  for (const row of rows)
    for (const e of row.expectations) {
      const keys = pick(row, e);
      if (keys === undefined) continue;
      const id = keys.join("\n");
      const g = groups.get(id) ?? { keys, latencies: [], onTime: 0, drills: 0 };
      g.drills++;
      if (e.latencyMinutes !== undefined) g.latencies.push(e.latencyMinutes);
      if (e.status === "on-time") g.onTime++;
      groups.set(id, g);
    }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => order(a.keys[0], b.keys[0]) || order(a.keys[1], b.keys[1]))
    .map((g) => [...g.keys, g.drills, mean(g.latencies), Math.round((100 * g.onTime) / g.drills)]);
}

/** A query's rows in the same shape. */
function outcomeRows(result: Record<string, Cell>[], second: string): (string | number | null)[][] {
  return result.map((r) => [
    String(r.expectation),
    String(r[second]),
    num(r.drills),
    num(r.mean_minutes),
    num(r.on_time_pct),
  ]);
}

describe("the README's DuckDB queries", () => {
  it("are three, and run over both offices' drills", async () => {
    expect(queries).toHaveLength(3);
    expect(rows).toHaveLength(16);
  });

  it("give the rows the drills hold", async () => {
    const [monthly = [], recurring = [], byPlan = []] = await runQueries();

    expect(outcomeRows(monthly, "month")).toEqual(
      expectedOutcomes((row, e) => (e.critical ? [e.id, month(row.startedAt)] : undefined)),
    );
    expect(monthly.length).toBeGreaterThan(3);

    const findings = new Map<string, { drills: number; first: number; last: number }>();
    for (const row of rows)
      for (const f of row.findings) {
        const at = Date.parse(row.startedAt);
        const seen = findings.get(f.key) ?? { drills: 0, first: at, last: at };
        findings.set(f.key, {
          drills: seen.drills + 1,
          first: Math.min(seen.first, at),
          last: Math.max(seen.last, at),
        });
      }
    const top = [...findings]
      .sort(([ka, a], [kb, b]) => b.drills - a.drills || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, 10);
    expect(
      recurring.map((r) => [r.key, num(r.drills), instant(r.first_seen), instant(r.last_seen)]),
    ).toEqual(top.map(([key, f]) => [key, f.drills, f.first, f.last]));
    expect(recurring).toHaveLength(10);

    expect(outcomeRows(byPlan, "plan")).toEqual(
      expectedOutcomes((row, e) =>
        e.group === "tracing" ? [e.id, row.plan.version ?? ""] : undefined,
      ),
    );
    // Both plan versions of the series are there.
    expect(new Set(byPlan.map((r) => r.plan)).size).toBe(2);
  }, 300_000);
});

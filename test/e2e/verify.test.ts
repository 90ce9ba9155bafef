// `drill verify` on the built CLI: fixture logs intact, torn, tampered, and missing.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { drill, ROOT } from "../helpers/cli.js";

const LOGS = join(ROOT, "test/fixtures/logs");

describe("drill verify", () => {
  it("exits 0 with a summary for an intact log", async () => {
    const result = await drill(["verify", "pooled-positive.jsonl"], { cwd: LOGS });
    expect(result).toEqual({
      code: 0,
      signal: null,
      stdout:
        "pooled-positive.jsonl: 完好：《区级初筛混管阳性桌面推演》，15 条事件，T+00:00–T+02:00，已结束并封存\n",
      stderr: "",
    });
  });

  it("exits 3 when the log ends without a seal (a crash left a torn line), 0 with --allow-open", async () => {
    const torn =
      "torn.jsonl:11: warning: the last line was cut short (60 byte(s), no newline), as a crash mid-write leaves it; it is ignored\n" +
      "  hint: it was never acknowledged; `drill run --resume` removes it and carries on\n";
    const summary =
      "torn.jsonl: 完好：《区级初筛混管阳性桌面推演》，9 条事件，T+00:00–T+01:30，未结束——推演中断或日志被截断（末尾无封存），1 条警告\n";
    const result = await drill(["verify", "torn.jsonl"], { cwd: LOGS });
    expect(result).toEqual({
      code: 3,
      signal: null,
      stdout: summary,
      stderr:
        torn +
        "torn.jsonl:10: error: not ended — interrupted, or truncated: the log stops at T+01:30 without a seal (its writer stopped without closing it, or lines were cut off its end)\n" +
        "  hint: continue an interrupted drill with `drill run --resume torn.jsonl`; if the head hash was noted, `--head <hash>` shows whether anything is missing; `drill verify --allow-open` accepts a log whose drill has not ended\n",
    });
    const open = await drill(["verify", "torn.jsonl", "--allow-open"], { cwd: LOGS });
    expect(open).toEqual({ code: 0, signal: null, stdout: summary, stderr: torn });
  });

  it("exits 1 naming the line that was changed", async () => {
    const result = await drill(["verify", "tampered.jsonl"], { cwd: LOGS });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "tampered.jsonl:8: error: line 8 was changed after it was written: its hash does not match its bytes\n" +
        "  hint: a drill log is only ever appended to; a line that does not check out was edited or damaged after it was written\n",
    );
  });

  it("prints the result as JSON with --json", async () => {
    const intact = await drill(["verify", "pooled-positive.jsonl", "--json"], { cwd: LOGS });
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, events: 15, ended: true });
    const broken = await drill(["verify", "tampered.jsonl", "--json"], { cwd: LOGS });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe("");
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      problem: { location: { file: "tampered.jsonl", line: 8 } },
    });
  });

  it("exits 2 when the log does not exist", async () => {
    const result = await drill(["verify", "missing.jsonl"], { cwd: LOGS });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: no such log: missing\.jsonl\n {2}hint: /);
  });
});

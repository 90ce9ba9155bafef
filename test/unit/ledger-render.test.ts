// The status view rendered: CJK columns aligned by display width, item text escaped in
// markdown and stripped of control sequences on the terminal. Expected output worked by hand.

import { describe, expect, it } from "vitest";
import type { Ledger, LedgerItem } from "../../src/ledger/model.js";
import { statusMarkdown, statusTable } from "../../src/ledger/render.js";
import { ledgerStatus } from "../../src/ledger/status.js";

const item = (id: string, fields: Partial<LedgerItem>): LedgerItem => ({
  id,
  finding: `missed:${id}`,
  issue: `issue ${id}`,
  action: "",
  status: "open",
  history: [],
  ...fields,
});

const ledger: Ledger = {
  format: "drillbook-ledger/1",
  drills: [],
  items: [
    item("R1", {
      owner: "tracing",
      ownerName: "流调组",
      person: "李明",
      due: "2026-01-02",
      issue: "流调延误",
    }),
    item("R2", {
      owner: "tracing",
      ownerName: "流调组",
      person: "Li",
      issue: "late\u001b[31m red\u001b]0;title\u0007",
    }),
  ],
};

describe("ledger status, rendered", () => {
  it("pads columns by display width on the terminal, and drops control sequences", () => {
    const text = statusTable(ledgerStatus(ledger, "2026-01-03"), "en", 80);
    const lines = text.split("\n");
    // ID 2, Status 6 ("Status"), Owner 11 ("Responsible" is the person column), by hand:
    // widths: ID=2, Status=6, Owner=max("Owner"=5, "流调组"=6)=6, Responsible=11, Due=10.
    expect(lines.slice(2, 6)).toEqual([
      "Open: 流调组 (2)",
      "  ID  Status  Owner   Responsible  Due         Issue",
      "  R1  open    流调组  李明         2026-01-02  流调延误",
      "  R2  open    流调组  Li                       late red",
    ]);
    expect(text).not.toContain("\u001b");
    expect(text).toContain(
      "Overdue (1)\n  ID  Status  Owner   Responsible  Due         Issue\n  R1",
    );
  });

  it("escapes item text in markdown", () => {
    const hostile: Ledger = {
      ...ledger,
      items: [
        item("R1", { issue: "<img src=x onerror=alert(1)> | [link](http://x) *b*", owner: "a|b" }),
      ],
    };
    const md = statusMarkdown(ledgerStatus(hostile, "2026-01-03"), "en");
    const row = md.split("\n").find((l) => l.startsWith("| R1 |"));
    expect(row).toBe(
      "| R1 | open | a\\|b |   |   | \\<img src=x onerror=alert(1)\\> \\| \\[link\\](http\\:\\/\\/x) \\*b\\* | missed:R1 |",
    );
    expect(md).toContain("## Open: a\\|b (1)");
  });
});

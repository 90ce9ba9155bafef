// `drill init --capabilities <library>`: the checklist on a real terminal, and the
// non-interactive form (--pick) that scripts and pipes use.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { drill } from "../helpers/cli.js";
import { cleanUp, ENTER, scratch, Terminal } from "./console-terminal.js";

afterEach(cleanUp);

const DOWN = "\u001b[B";

describe("drill init --capabilities", () => {
  it("offers the library's capabilities as a checklist and writes the picked ones", async () => {
    const folder = scratch("drill-init-caps-");
    const term = new Terminal(["init", "plan.yaml", "--capabilities", "cn"], { cwd: folder });
    await term.waitFor("Which capabilities does the plan exercise?");
    await term.waitFor("Command and dispatch  (cn.command)");
    // Pick the second (流调溯源) and the fourth (转运隔离).
    await term.press(`${DOWN} `, "◉");
    await term.press(`${DOWN}${DOWN} `, "Transfer and isolation");
    await term.press(ENTER, "wrote plan.yaml");
    expect(await term.exit).toMatchObject({ exitCode: 0 });
    const plan = readFileSync(join(folder, "plan.yaml"), "utf8");
    expect(plan).toContain("capability: cn.tracing");
    expect(plan).toContain("capability: cn.transfer-isolation");
    expect(plan).not.toContain("capability: cn.command");
    const validated = await drill(["validate", "plan.yaml"], { cwd: folder });
    expect(validated.code).toBe(0);
  });

  it("takes --pick without a terminal, and refuses a checklist without one", async () => {
    const folder = scratch("drill-init-caps-");
    const picked = await drill(
      [
        "init",
        "a.yaml",
        "--capabilities",
        "fema",
        "--pick",
        "fema.planning,fema.mass-care-services",
      ],
      { cwd: folder },
    );
    expect(picked.code).toBe(0);
    const plan = readFileSync(join(folder, "a.yaml"), "utf8");
    expect(plan).toContain("capability: fema.planning");
    expect(plan).toContain("capability: fema.mass-care-services");

    const typo = await drill(["init", "b.yaml", "--capabilities", "cn", "--pick", "cn.tracng"], {
      cwd: folder,
    });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "cn.tracing"?');

    const piped = await drill(["init", "c.yaml", "--capabilities", "cn"], { cwd: folder });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain("give them with --pick");
  });
});

// `drill capabilities`: a library as a table or JSON, a set of plans' coverage of it, and a
// library file of the user's own (refused with file:line:col when it is wrong).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drill, tempDir } from "../helpers/cli.js";

const dir = tempDir("drill-capabilities-");
afterAll(() => dir.remove());

describe("drill capabilities", () => {
  it("lists the FEMA library: 32 capabilities with their mission areas", async () => {
    const result = await drill(["capabilities", "--library", "fema", "--lang", "en"]);
    expect(result.code).toBe(0);
    const rows = result.stdout.split("\n").filter((line) => line.startsWith("| `fema."));
    expect(rows).toHaveLength(32);
    expect(result.stdout).toContain(
      "| `fema.operational-coordination` | Operational Coordination | Prevention, Protection, Mitigation, Response, Recovery |",
    );
  });

  it("says which capabilities the example plans never exercise, as JSON", async () => {
    const result = await drill(["capabilities", "examples", "--library", "cn", "--format", "json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      plans: string[];
      coverage: { library: string; never: string[] }[];
    };
    expect(report.plans).toEqual([
      "examples/pooled-positive.en.yaml",
      "examples/pooled-positive.zh.yaml",
      "examples/river-flood.en.yaml",
    ]);
    expect(report.coverage[0]?.never).toEqual([
      "cn.transfer-isolation",
      "cn.treatment",
      "cn.disinfection",
      "cn.publicity",
    ]);
  });

  it("reads a library of the user's own, and refuses a broken one with its place", async () => {
    const ours = join(dir.path, "ours.yaml");
    writeFileSync(
      ours,
      "library: ours\nversion: 1\ntitle: { en: Ours }\ncapabilities:\n  - id: ours.triage\n    name: { en: Triage }\n",
    );
    const listed = await drill(["capabilities", "--library", ours, "--format", "json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).libraries[0].capabilities[0].id).toBe("ours.triage");

    const broken = join(dir.path, "broken.yaml");
    writeFileSync(
      broken,
      "library: ours\nversion: 1\ntitle: { en: Ours }\ncapabilities:\n  - id: triage\n    name: { en: Triage }\n",
    );
    const refused = await drill(["capabilities", "--library", broken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${broken}:5:9: error:`);

    const unknown = await drill(["capabilities", "--library", "femma"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`did you mean "fema"? built-in libraries: fema, cn`);
  });
});

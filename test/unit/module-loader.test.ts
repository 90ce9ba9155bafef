import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { moduleLoader, settledExports } from "../../src/entry/modules.js";

/** Modules as the build writes them: CommonJS functions whose exports are getters. */
const SOURCES: Record<string, string> = {
  "a.js": `(function (exports, require, module) {
    Object.defineProperty(exports, "__esModule", { value: true });
    const b = require("./b.js");
    Object.defineProperty(exports, "twice", { get: () => twice, enumerable: true });
    function twice(n) { return b.add(n, n); }
  })`,
  "b.js": `(function (exports, require, module) {
    Object.defineProperty(exports, "add", { get: () => add, enumerable: true });
    const a = require("./a.js");
    function add(x, y) { return x + y; }
    // A cycle: a.js is still running, its getter reaches the function once it is defined.
    Object.defineProperty(exports, "viaA", { get: () => (n) => a.twice(n), enumerable: true });
  })`,
};

const loaderOf = (sources: Record<string, string>) =>
  moduleLoader(
    (key) => ({ source: sources[key] ?? "", cache: undefined, filename: key }),
    (id) => {
      throw new Error(`outside: ${id}`);
    },
  );

describe("the module loader", () => {
  it("hands out a module's exports as plain values once it has run", () => {
    const exports = loaderOf(SOURCES).load("a.js") as Record<string, unknown>;
    const twice = Object.getOwnPropertyDescriptor(exports, "twice");
    expect(twice?.get).toBeUndefined();
    expect(typeof twice?.value).toBe("function");
    expect(twice?.enumerable).toBe(true);
    expect((exports.twice as (n: number) => number)(4)).toBe(8);
    // __esModule stays as it was: not enumerable.
    expect(Object.keys(exports)).toEqual(["twice"]);
    expect(exports.__esModule).toBe(true);
  });

  it("keeps a cycle working: the module required mid-load reads it through its getters", () => {
    const loader = loaderOf(SOURCES);
    loader.load("a.js");
    const b = loader.load("b.js") as { viaA: (n: number) => number };
    expect(b.viaA(5)).toBe(10);
  });

  it("leaves what is not an object as it is", () => {
    expect(settledExports(undefined)).toBeUndefined();
    const f = () => 1;
    expect(settledExports(f)).toBe(f);
  });
});

describe("the source", () => {
  // Exports become fixed values once a module has run (settledExports), so a binding
  // reassigned after its module ran would be seen stale by every importer of the bundle.
  it("exports no binding that could be reassigned (let or var)", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) {
          const text = readFileSync(path, "utf8");
          for (const [i, line] of text.split("\n").entries())
            if (/^\s*export\s+(let|var)\b/.test(line)) offenders.push(`${path}:${i + 1}`);
          const lets = new Set([...text.matchAll(/^(?:let|var)\s+(\w+)/gm)].map((m) => m[1]));
          for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm))
            for (const part of (m[1] ?? "").split(","))
              if (lets.has(part.trim().split(/\s+as\s+/)[0])) offenders.push(`${path}: ${part}`);
        }
      }
    };
    walk(join(import.meta.dirname, "../../src"));
    expect(offenders).toEqual([]);
  });
});

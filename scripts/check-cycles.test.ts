// The cycle checker on small fixture trees written to a temp dir: it must find exactly the cycles
// planted there (relative, through a workspace package's exports, type-only) and none in a clean tree.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type CycleReport, findFolderCycles, formatReport, readImports } from "./check-cycles.ts";

const roots: string[] = [];

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "check-cycles-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function manifest(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, private: true, type: "module", ...extra });
}

const folderSets = (report: CycleReport) => report.cycles.map((cycle) => cycle.folders).sort();

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("findFolderCycles", () => {
  test("finds a relative cycle, a cycle through package exports and a type-only cycle, and nothing else", () => {
    const root = fixture({
      "apps/a/package.json": manifest("@fx/a"),
      // 1. one ↔ two through relative imports; the way back names a folder (its index.ts).
      "apps/a/src/one/x.ts": 'import { y } from "../two/y.ts";\nexport const x = () => y;\n',
      "apps/a/src/one/index.ts": 'export * from "./x.ts";\n',
      "apps/a/src/two/y.ts": 'import { x } from "../one";\nexport const y = 1;\nexport const z = x;\n',
      // 3. t1 ↔ t2 with nothing but types.
      "apps/a/src/t1/a.ts": 'import type { B } from "../t2/b.ts";\nexport type A = { b: B };\n',
      "apps/a/src/t2/b.ts": 'export type B = string;\nexport type {\n  A,\n} from "../t1/a.ts";\n',
      // Down-edges only: the app uses both packages, no cycle of its own.
      "apps/a/src/main.ts": 'import "@fx/p/thing";\nimport { q } from "@fx/q/api";\nimport "./one/x.ts";\n',
      // 2. packages/p/src/thing ↔ packages/q/src through `exports` (a plain map and conditions).
      "packages/p/package.json": manifest("@fx/p", { exports: { "./thing": "./src/thing/index.ts" } }),
      "packages/p/src/thing/index.ts": 'import { q } from "@fx/q/api";\nexport const thing = q;\n',
      "packages/q/package.json": manifest("@fx/q", {
        exports: { "./api": { types: "./src/api.ts", default: "./src/api.ts" } },
      }),
      "packages/q/src/api.ts": 'export const q = 1;\nexport type T = typeof import("@fx/p/thing");\n',
    });
    const report = findFolderCycles(root);
    expect(folderSets(report)).toEqual([
      ["apps/a/src/one", "apps/a/src/two"],
      ["apps/a/src/t1", "apps/a/src/t2"],
      ["packages/p/src/thing", "packages/q/src"],
    ]);
    expect(report.packageImportsApp).toEqual([]);
    expect(report.unresolved).toEqual([]);

    // Each loop is closed and every edge carries the import that makes it.
    for (const cycle of report.cycles) {
      cycle.path.forEach((edge, k) => {
        expect(edge.to).toBe((cycle.path[(k + 1) % cycle.path.length] as { from: string }).from);
      });
    }
    const typeCycle = report.cycles.find((cycle) => cycle.folders.includes("apps/a/src/t1"));
    const back = typeCycle?.path.find((edge) => edge.from === "apps/a/src/t2");
    expect(back?.example).toEqual({
      file: "apps/a/src/t2/b.ts",
      line: 2,
      specifier: "../t1/a.ts",
      target: "apps/a/src/t1/a.ts",
    });
    const relativeCycle = report.cycles.find((cycle) => cycle.folders.includes("apps/a/src/one"));
    expect(relativeCycle?.path.find((edge) => edge.from === "apps/a/src/two")?.example.target).toBe(
      "apps/a/src/one/index.ts",
    );
    expect(formatReport(report)).toContain('apps/a/src/t2/b.ts:2 → "../t1/a.ts" (apps/a/src/t1/a.ts)');
  });

  test("a layered tree has no cycle, whatever tests, bench/, comments and strings say", () => {
    const root = fixture({
      "apps/a/package.json": manifest("@fx/a"),
      "apps/a/src/routes/r.ts": 'import { s } from "../services/s.ts";\nexport const r = s;\n',
      "apps/a/src/services/s.ts": [
        'import { db } from "@fx/db";',
        'import { z } from "zod";',
        'import type { Database } from "bun:sqlite";',
        '// import { r } from "../routes/r.ts";',
        '/* export * from "../routes/r.ts"; */',
        "const text = \"import { r } from '../routes/r.ts'\";",
        'const quote = /"/;',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's own source holds a template literal
        'const snippet = `export * from "../routes/r.ts" ${quote.source}`;',
        "export const s = [db, z, text, snippet];",
        "export type D = Database;",
        "",
      ].join("\n"),
      // Tests and benches are leaves: their imports back up do not count.
      "apps/a/src/services/s.test.ts": 'import { r } from "../routes/r.ts";\n',
      "apps/a/src/services/bench/b.ts": 'import { r } from "../../routes/r.ts";\n',
      "apps/a/src/services/node_modules/m/index.ts": 'import { r } from "../../../routes/r.ts";\n',
      "packages/db/package.json": manifest("@fx/db", { main: "./src/index.ts" }),
      "packages/db/src/index.ts": "export const db = 1;\n",
    });
    const report = findFolderCycles(root);
    expect(report.cycles).toEqual([]);
    expect(report.packageImportsApp).toEqual([]);
    expect(report.files).toBe(3);
    expect(report.edges).toBe(2); // routes → services → packages/db/src
    expect(formatReport(report)).toStartWith("check-cycles: no import cycles (3 folders, 2 folder edges");
  });

  test("reports a package that imports an app, by path or by package name", () => {
    const root = fixture({
      "apps/a/package.json": manifest("@fx/a"),
      "apps/a/src/app.ts": "export const app = 1;\n",
      "packages/p/package.json": manifest("@fx/p"),
      "packages/p/src/by-path.ts":
        'import { app } from "../../../apps/a/src/app.ts";\nexport const p = app;\n',
      "packages/p/src/by-name.ts": 'import { app } from "@fx/a/src/app.ts";\nexport const q = app;\n',
    });
    const report = findFolderCycles(root);
    expect(report.cycles).toEqual([]);
    expect(report.packageImportsApp.map((found) => found.file).sort()).toEqual([
      "packages/p/src/by-name.ts",
      "packages/p/src/by-path.ts",
    ]);
    expect(formatReport(report)).toContain("Packages must never import apps:");
  });
});

describe("readImports", () => {
  test("reads every form of import and re-export, with the line each starts on", () => {
    const source = [
      'import a from "a";',
      'import type { B } from "b";',
      'import c, { type D, e as f } from "c";',
      'import * as g from "g";',
      'import "side-effect";',
      'export * from "h";',
      'export * as i from "i";',
      'export type { J } from "j";',
      "export {",
      "  k,",
      '} from "k";',
      'const l = await import("l");',
      'type M = import("m").M;',
      "export { a, l };",
      'export const n = "not-an-import";',
      "const o = import.meta.url;",
      "",
    ].join("\n");
    expect(readImports(source)).toEqual([
      { specifier: "a", line: 1 },
      { specifier: "b", line: 2 },
      { specifier: "c", line: 3 },
      { specifier: "g", line: 4 },
      { specifier: "side-effect", line: 5 },
      { specifier: "h", line: 6 },
      { specifier: "i", line: 7 },
      { specifier: "j", line: 8 },
      { specifier: "k", line: 9 },
      { specifier: "l", line: 12 },
      { specifier: "m", line: 13 },
    ]);
  });
});

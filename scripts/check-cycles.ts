// Folder-level import-cycle check for the workspaces (apps/<name>/src and packages/<name>/src).
//
// The layering rule: imports only go down the layers, routes → services → db/jobs/realtime/email/auth,
// and packages never import apps. Two folders that import each other (directly or around a loop) can
// no longer be read, tested or moved on their own, so this check folds every file's imports into a
// folder → folder graph, finds its strongly connected components (Tarjan) and prints each one with
// a concrete cycle and the import lines that make it. Type-only imports count: a type cycle is still
// a layering cycle. Tests (*.test.ts, *.test.tsx) are leaves nothing imports, so they are skipped, as
// are node_modules and bench/.
//
// Imports are read by a small tokenizer rather than Bun.Transpiler#scanImports, because scanImports
// drops type-only imports and re-exports (`import type`, `export type … from`, `import("x").T`).
//
// Usage: bun scripts/check-cycles.ts [root]    Exit 1 on a cycle or a package → app import.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** One import statement of a source file: the string it names and the line it starts on. */
export interface ImportSpecifier {
  specifier: string;
  line: number;
}

/** An import that resolved to a file of the repo; paths are relative to the root, with `/`. */
export interface ResolvedImport extends ImportSpecifier {
  file: string;
  target: string;
}

export interface FolderEdge {
  from: string;
  to: string;
  /** The first import (files sorted, then by line) that makes this edge. */
  example: ResolvedImport;
}

export interface FolderCycle {
  /** Every folder of the strongly connected component, sorted. */
  folders: string[];
  /** One shortest closed path through the component: path[i].to === path[i + 1].from. */
  path: FolderEdge[];
  /** Every edge between two folders of the component: the ones to look at when untangling it. */
  edges: FolderEdge[];
}

export interface CycleReport {
  cycles: FolderCycle[];
  /** Imports from a file under packages/ of a file (or a package) under apps/. */
  packageImportsApp: ResolvedImport[];
  /** Relative or workspace imports that named no file: a typo or a refactor in flight. */
  unresolved: Array<ImportSpecifier & { file: string }>;
  files: number;
  imports: number;
  folders: number;
  edges: number;
}

// ---------------------------------------------------------------------------------------------
// Reading imports

type Token =
  | { kind: "name"; value: string; line: number }
  | { kind: "string"; value: string; line: number }
  | { kind: "punct"; value: string; line: number }
  | { kind: "other"; line: number };

// After these a `/` starts a regular expression, not a division (what the tokenizer needs to skip
// regex bodies such as /"/ that would otherwise open a string).
const REGEX_AFTER_PUNCT = new Set("(,=:[!&|?{};+-*%<>~^".split(""));
const REGEX_AFTER_NAME = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 36 || // $
    code > 127
  );
}

/**
 * Splits TypeScript source into names, string literals and punctuation, dropping comments, template
 * text and regex bodies, so that `import` in a comment or a string is never taken for a statement.
 * Strings end at a line break: an apostrophe in JSX text then spoils one line, not the whole file.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  // Brace depth at each open `${`: the `}` that brings the depth back closes the expression.
  const templateDepths: number[] = [];
  let depth = 0;
  let line = 1;
  let i = 0;
  const n = source.length;

  // Reads template text from i (just past "`" or "}") up to "`" or "${".
  const readTemplateText = () => {
    while (i < n) {
      const ch = source[i];
      if (ch === "\\") i += 2;
      else if (ch === "`") {
        i++;
        return;
      } else if (ch === "$" && source[i + 1] === "{") {
        i += 2;
        templateDepths.push(depth);
        depth++;
        return;
      } else {
        if (ch === "\n") line++;
        i++;
      }
    }
  };

  while (i < n) {
    const ch = source[i] as string;
    const code = source.charCodeAt(i);
    if (ch === "\n") {
      line++;
      i++;
    } else if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
    } else if (ch === "/" && source[i + 1] === "/") {
      while (i < n && source[i] !== "\n") i++;
    } else if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let j = i; j < stop; j++) if (source[j] === "\n") line++;
      i = stop;
    } else if (ch === '"' || ch === "'") {
      const start = line;
      let value = "";
      i++;
      while (i < n && source[i] !== ch && source[i] !== "\n") {
        if (source[i] === "\\") i++;
        value += source[i] ?? "";
        i++;
      }
      if (source[i] === ch) i++;
      tokens.push({ kind: "string", value, line: start });
    } else if (ch === "`") {
      tokens.push({ kind: "other", line });
      i++;
      readTemplateText();
    } else if (isNameChar(code) && !(code >= 48 && code <= 57)) {
      const start = i;
      while (i < n && isNameChar(source.charCodeAt(i))) i++;
      tokens.push({ kind: "name", value: source.slice(start, i), line });
    } else if (code >= 48 && code <= 57) {
      while (i < n && (isNameChar(source.charCodeAt(i)) || source[i] === ".")) i++;
      tokens.push({ kind: "other", line });
    } else if (ch === "/") {
      const prev = tokens[tokens.length - 1];
      const startsRegex =
        prev === undefined ||
        (prev.kind === "punct" && REGEX_AFTER_PUNCT.has(prev.value)) ||
        (prev.kind === "name" && REGEX_AFTER_NAME.has(prev.value));
      i++;
      if (startsRegex) {
        let inClass = false;
        while (i < n && source[i] !== "\n") {
          const c = source[i];
          if (c === "\\") i++;
          else if (c === "[") inClass = true;
          else if (c === "]") inClass = false;
          else if (c === "/" && !inClass) break;
          i++;
        }
        i++;
        while (i < n && isNameChar(source.charCodeAt(i))) i++;
        tokens.push({ kind: "other", line });
      } else {
        tokens.push({ kind: "punct", value: ch, line });
      }
    } else if (
      ch === "}" &&
      templateDepths.length > 0 &&
      templateDepths[templateDepths.length - 1] === depth - 1
    ) {
      templateDepths.pop();
      depth--;
      i++;
      readTemplateText();
    } else {
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      tokens.push({ kind: "punct", value: ch, line });
      i++;
    }
  }
  return tokens;
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token?.kind === "punct" && token.value === value;
}

function isName(token: Token | undefined, value: string): boolean {
  return token?.kind === "name" && token.value === value;
}

/**
 * From tokens[start] (the first token after `import` / `export`), walks an import or export clause
 * (`type`, names, `{ … }`, `* as x`, commas) and returns the specifier of its `from "x"`, if any.
 */
function clauseSource(tokens: Token[], start: number): string | undefined {
  for (let j = start; j < tokens.length; j++) {
    const token = tokens[j];
    if (token === undefined) return undefined;
    const next = tokens[j + 1];
    if (isName(token, "from") && next?.kind === "string") return next.value;
    const allowed =
      token.kind === "name" ||
      (token.kind === "punct" && (token.value === "{" || token.value === "}" || token.value === ","));
    if (!allowed && !isPunct(token, "*")) return undefined;
  }
  return undefined;
}

/**
 * The module specifiers a TypeScript source names: `import … from "x"`, `import type … from "x"`,
 * `export … from "x"`, `import "x"`, and `import("x")` with a string literal (also in type position).
 */
export function readImports(source: string): ImportSpecifier[] {
  const tokens = tokenize(source);
  const found: ImportSpecifier[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.kind !== "name" || (token.value !== "import" && token.value !== "export")) continue;
    if (isPunct(tokens[i - 1], ".")) continue; // a property such as `x.import`
    const next = tokens[i + 1];
    let specifier: string | undefined;
    if (token.value === "import") {
      const afterNext = tokens[i + 2];
      if (next?.kind === "string") specifier = next.value;
      else if (isPunct(next, "(") && afterNext?.kind === "string") {
        if (isPunct(tokens[i + 3], ")") || isPunct(tokens[i + 3], ",")) specifier = afterNext.value;
      } else if (next?.kind === "name" || isPunct(next, "{") || isPunct(next, "*")) {
        specifier = clauseSource(tokens, i + 1);
      }
    } else {
      // Only `export *`, `export {`, `export type {` and `export type *` can re-export.
      const clause = isName(next, "type") ? tokens[i + 2] : next;
      if (isPunct(clause, "{") || isPunct(clause, "*")) specifier = clauseSource(tokens, i + 1);
    }
    if (specifier !== undefined) found.push({ specifier, line: token.line });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Resolving specifiers

interface WorkspacePackage {
  name: string;
  dir: string;
  /** "apps" or "packages": packages must never import apps. */
  group: string;
  exports: unknown;
  main: string | undefined;
}

const WORKSPACE_GROUPS = ["apps", "packages"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function listDir(path: string): string[] {
  return isDirectory(path) ? readdirSync(path).sort() : [];
}

function readWorkspacePackages(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of WORKSPACE_GROUPS) {
    for (const entry of listDir(join(root, group))) {
      const dir = join(root, group, entry);
      const manifestPath = join(dir, "package.json");
      if (!isFile(manifestPath)) continue;
      const manifest: unknown = JSON.parse(readFileSync(manifestPath, "utf8"));
      if (!isRecord(manifest) || typeof manifest.name !== "string") continue;
      const main = typeof manifest.main === "string" ? manifest.main : undefined;
      found.push({ name: manifest.name, dir, group, exports: manifest.exports, main });
    }
  }
  return found;
}

/** A file for a path as TypeScript's bundler resolution would find it (extension, .js → .ts, index). */
function resolveFile(path: string): string | undefined {
  const candidates = [path];
  const js = /\.(m|c)?js(x)?$/.exec(path);
  if (js) candidates.push(`${path.slice(0, js.index)}.${js[1] ?? ""}ts${js[2] ?? ""}`);
  candidates.push(
    `${path}.ts`,
    `${path}.tsx`,
    `${path}.d.ts`,
    join(path, "index.ts"),
    join(path, "index.tsx"),
  );
  return candidates.find(isFile);
}

/** The first path a conditional export names (bun, import, types, default, then any other). */
function exportTarget(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = exportTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const keys = ["bun", "import", "types", "default", ...Object.keys(value)];
  for (const key of keys) {
    const target = exportTarget(value[key]);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** The file a subpath ("." or "./schema") of a workspace package names through `exports` or `main`. */
function resolvePackageSubpath(pkg: WorkspacePackage, subpath: string): string | undefined {
  if (pkg.exports === undefined) {
    if (subpath === ".") return resolveFile(join(pkg.dir, pkg.main ?? "index"));
    return resolveFile(join(pkg.dir, subpath));
  }
  // `"exports": "./x.ts"` or a top-level condition map stands for the package's "." alone.
  const map: Record<string, unknown> =
    isRecord(pkg.exports) && Object.keys(pkg.exports).some((key) => key.startsWith("."))
      ? pkg.exports
      : { ".": pkg.exports };
  let target = exportTarget(map[subpath]);
  if (target === undefined) {
    // Subpath patterns ("./*": "./src/*.ts"): the longest matching prefix wins, as in Node.
    let best = -1;
    for (const [key, value] of Object.entries(map)) {
      const star = key.indexOf("*");
      if (star === -1) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (prefix.length <= best || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
      if (subpath.length < prefix.length + suffix.length) continue;
      const pattern = exportTarget(value);
      if (pattern === undefined) continue;
      best = prefix.length;
      target = pattern.replaceAll("*", subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return target === undefined ? undefined : resolveFile(join(pkg.dir, target));
}

// ---------------------------------------------------------------------------------------------
// Graph

function collectSourceFiles(dir: string, into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "bench") collectSourceFiles(path, into);
    } else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      into.push(path);
    }
  }
}

/** Strongly connected components (Tarjan), each listed once. */
function stronglyConnected(nodes: string[], successors: (node: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node)) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };

  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

/** The shortest closed path through `start` inside `members` (breadth-first; one exists in an SCC). */
function shortestCycleThrough(
  start: string,
  members: Set<string>,
  successors: (node: string) => string[],
): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const next of successors(node)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        for (let at = parent.get(node); at !== undefined; at = parent.get(at)) path.unshift(at);
        return path;
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * Reads every non-test source file under <root>/apps/<name>/src and <root>/packages/<name>/src, and
 * returns the folder cycles among them, the imports of apps by packages and the unresolved imports.
 */
export function findFolderCycles(root: string): CycleReport {
  const absoluteRoot = resolve(root);
  const toRepo = (path: string) => relative(absoluteRoot, path).split(sep).join("/");
  const packages = readWorkspacePackages(absoluteRoot);

  const files: string[] = [];
  for (const pkg of packages) {
    const src = join(pkg.dir, "src");
    if (isDirectory(src)) collectSourceFiles(src, files);
  }
  files.sort();

  // edges.get(from).get(to): the first import seen that makes the edge.
  const edges = new Map<string, Map<string, FolderEdge>>();
  const folders = new Set<string>();
  const report: CycleReport = {
    cycles: [],
    packageImportsApp: [],
    unresolved: [],
    files: files.length,
    imports: 0,
    folders: 0,
    edges: 0,
  };

  for (const file of files) {
    const fromFolder = toRepo(dirname(file));
    const fromPackages = toRepo(file).startsWith("packages/");
    folders.add(fromFolder);
    for (const found of readImports(readFileSync(file, "utf8"))) {
      const { specifier } = found;
      let target: string | undefined;
      let importsApp = false;
      if (
        specifier.startsWith("./") ||
        specifier.startsWith("../") ||
        specifier === "." ||
        specifier === ".."
      ) {
        target = resolveFile(resolve(dirname(file), specifier));
      } else {
        const pkg = packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
        if (pkg === undefined) continue; // npm packages, bun:*, node:*
        importsApp = pkg.group === "apps";
        target = resolvePackageSubpath(pkg, `.${specifier.slice(pkg.name.length)}`);
      }
      report.imports++;
      const repoFile = toRepo(file);
      if (target === undefined) {
        report.unresolved.push({ file: repoFile, ...found });
        if (fromPackages && importsApp) {
          report.packageImportsApp.push({ file: repoFile, target: "(unresolved)", ...found });
        }
        continue;
      }
      const resolved: ResolvedImport = { file: repoFile, target: toRepo(target), ...found };
      if (fromPackages && (importsApp || resolved.target.startsWith("apps/"))) {
        report.packageImportsApp.push(resolved);
      }
      const toFolder = toRepo(dirname(target));
      if (toFolder === fromFolder) continue;
      folders.add(toFolder);
      let out = edges.get(fromFolder);
      if (out === undefined) {
        out = new Map();
        edges.set(fromFolder, out);
      }
      if (!out.has(toFolder)) out.set(toFolder, { from: fromFolder, to: toFolder, example: resolved });
    }
  }

  const successors = (node: string) => [...(edges.get(node)?.keys() ?? [])].sort();
  const edgeOf = (from: string, to: string) => edges.get(from)?.get(to) as FolderEdge;
  const nodes = [...folders].sort();
  report.folders = nodes.length;
  report.edges = [...edges.values()].reduce((sum, out) => sum + out.size, 0);

  for (const component of stronglyConnected(nodes, successors)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    const sorted = [...component].sort();
    // The shortest cycle of the component, from whichever folder gives it (ties: first by name).
    let best: string[] | undefined;
    for (const start of sorted) {
      const cycle = shortestCycleThrough(start, members, successors);
      if (cycle !== undefined && (best === undefined || cycle.length < best.length)) best = cycle;
    }
    const loop = best ?? [];
    report.cycles.push({
      folders: sorted,
      path: loop.map((from, k) => edgeOf(from, loop[(k + 1) % loop.length] as string)),
      edges: sorted.flatMap((from) =>
        successors(from)
          .filter((to) => members.has(to))
          .map((to) => edgeOf(from, to)),
      ),
    });
  }
  report.cycles.sort(
    (a, b) => b.folders.length - a.folders.length || (a.folders[0] ?? "").localeCompare(b.folders[0] ?? ""),
  );
  return report;
}

// ---------------------------------------------------------------------------------------------
// CLI

function describeImport(found: ResolvedImport): string {
  return `${found.file}:${found.line} → "${found.specifier}" (${found.target})`;
}

export function formatReport(report: CycleReport): string {
  const lines: string[] = [];
  if (report.cycles.length > 0) {
    lines.push(
      `check-cycles: ${report.cycles.length} import cycle(s) between folders; imports must only go down the layers.`,
    );
  }
  report.cycles.forEach((cycle, k) => {
    lines.push("", `Cycle ${k + 1}: ${cycle.folders.length} folders`);
    for (const folder of cycle.folders) lines.push(`  ${folder}`);
    lines.push(`  shortest loop (${cycle.path.length} edges):`);
    for (const edge of cycle.path)
      lines.push(`    ${edge.from} → ${edge.to}`, `      ${describeImport(edge.example)}`);
    lines.push(`  every edge inside this cycle (${cycle.edges.length}):`);
    for (const edge of cycle.edges)
      lines.push(`    ${edge.from} → ${edge.to}`, `      ${describeImport(edge.example)}`);
  });
  if (report.packageImportsApp.length > 0) {
    lines.push("", "Packages must never import apps:");
    for (const found of report.packageImportsApp) lines.push(`  ${describeImport(found)}`);
  }
  if (report.unresolved.length > 0) {
    lines.push("", "Unresolved imports (not in the graph):");
    for (const found of report.unresolved) lines.push(`  ${found.file}:${found.line} → "${found.specifier}"`);
  }
  const summary = `${report.folders} folders, ${report.edges} folder edges from ${report.imports} imports in ${report.files} files checked`;
  if (report.cycles.length === 0 && report.packageImportsApp.length === 0) {
    lines.unshift(`check-cycles: no import cycles (${summary}).`);
  } else {
    lines.push("", `(${summary})`);
  }
  return lines.join("\n");
}

if (import.meta.main) {
  const root = process.argv[2] ?? join(import.meta.dir, "..");
  const report = findFolderCycles(root);
  const failed = report.cycles.length > 0 || report.packageImportsApp.length > 0;
  (failed ? console.error : console.log)(formatReport(report));
  process.exit(failed ? 1 : 0);
}

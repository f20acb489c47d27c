/**
 * The repository stands alone: no test, script, benchmark file, CI file or README line reads a file outside the
 * checkout (a sibling benchmark folder, this machine's work tree, SCRAM's package files), so a bare `git clone`
 * with nothing beside it runs `npm ci && npm test`. The fault trees the tests need are vendored in bench/aralia/
 * and bench/scram-input/.
 *
 * A text scan, not a trace of what the tests open: it names the file and line of each path that leaves the
 * repository, and each rule is shown to catch its case below.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** What the scan reads: the folders and top-level files the issue names, and the test runner's set-up. */
const SCANNED_FOLDERS = ['test', 'scripts', 'bench', '.ci'];
const SCANNED_FILES = ['README.md', 'package.json', 'vitest.config.ts'];
/**
 * Left out: build output and dependencies, and the vendored data, whose README files name where the trees came
 * from (the source of a copy, not a path anything reads).
 */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'coverage',
  '.git',
  'bench/.cache',
  'bench/aralia',
  'bench/scram-input',
]);

interface Escape {
  /** The file, relative to the repository root. */
  file: string;
  line: number;
  rule: string;
  text: string;
}

/** Places outside any clone. The expressions are written so that this file's own text does not match them. */
const TEXT_RULES: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'a sibling shared/ folder', pattern: /\.\.[/\\]shared\b|['"`]shared['"`]\s*,\s*['"`]bench['"`]/ },
  { rule: "this machine's work tree", pattern: /(?<![\w.~-])\/work\// },
];

/** SCRAM's package files: allowed only next to a guard that skips when they are absent. */
const SCRAM_PACKAGE = /\/usr\/share\/scram\b/;
const GUARD = /existsSync\(/;
/** How many lines before or after the path the guard may sit. */
const GUARD_LINES = 3;

/** The names this repository gives its root folder in scripts and tests. */
const ROOT_NAMES = 'repoRoot|repositoryRoot|root|ROOT';
/** The root's name, then a `..` segment (path.resolve or path.join): a step above the root, by construction. */
const ABOVE_ROOT = new RegExp(`\\b(?:${ROOT_NAMES})\\s*,\\s*['"\`]\\.\\.(?:[/\\\\'"\`])`);
/** `new URL('../x/', import.meta.url)`: the literal part (up to a `${`) is resolved against the file itself. */
const URL_FROM_FILE = /new URL\(\s*(['"`])((?:(?!\1).)*?)\1\s*,\s*import\.meta\.url\s*\)/g;
/** `path.join(import.meta.dirname, '..', 'x')` and the same from `path.dirname(fileURLToPath(import.meta.url))`. */
const PATH_FROM_FILE =
  /path\.(?:join|resolve)\(\s*(?:import\.meta\.dirname|__dirname|path\.dirname\(fileURLToPath\(import\.meta\.url\)\))((?:\s*,\s*(['"])[^'"]*\2)+)/g;

function insideRoot(absolute: string, root: string): boolean {
  const relative = path.relative(root, absolute);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Where a literal relative path, taken up to its first template hole, lands from the file's folder. */
function landsInside(literal: string, fileDir: string, root: string): boolean {
  const fixed = literal.split('${')[0]!;
  const folder = fixed.slice(0, fixed.lastIndexOf('/') + 1);
  if (!folder.startsWith('.')) return true;
  return insideRoot(path.resolve(fileDir, folder), root);
}

/** The paths in one file's text that lead out of the repository, by line. */
function escapesIn(file: string, text: string, root = repoRoot): Escape[] {
  const escapes: Escape[] = [];
  const lines = text.split('\n');
  const fileDir = path.dirname(path.join(root, file));
  const add = (index: number, rule: string): void => {
    escapes.push({ file, line: index + 1, rule, text: lines[index]!.trim() });
  };
  lines.forEach((line, index) => {
    for (const { rule, pattern } of TEXT_RULES) if (pattern.test(line)) add(index, rule);
    if (SCRAM_PACKAGE.test(line)) {
      const context = lines.slice(Math.max(0, index - GUARD_LINES), index + GUARD_LINES + 1).join('\n');
      if (!GUARD.test(context)) add(index, "SCRAM's package files, not behind a skip when absent");
    }
    if (ABOVE_ROOT.test(line)) add(index, 'a step above the repository root');
    for (const match of line.matchAll(URL_FROM_FILE)) {
      if (!landsInside(match[2]!, fileDir, root)) add(index, 'a URL above the repository root');
    }
    for (const match of line.matchAll(PATH_FROM_FILE)) {
      const segments = [...match[1]!.matchAll(/(['"])([^'"]*)\1/g)].map((segment) => segment[2]!);
      if (!insideRoot(path.resolve(fileDir, ...segments), root))
        add(index, 'a path above the repository root');
    }
  });
  return escapes;
}

/** Every text file the scan covers, relative to the root. */
function scannedFiles(root = repoRoot): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(child) && !SKIPPED_FOLDERS.has(entry.name)) walk(child);
      } else if (entry.isFile()) files.push(child);
    }
  };
  for (const folder of SCANNED_FOLDERS) walk(folder);
  for (const file of SCANNED_FILES) if (statSync(path.join(root, file)).isFile()) files.push(file);
  return files.sort();
}

describe('the repository stands alone', () => {
  it('no test, script, benchmark, CI file or README line names a path outside the repository', () => {
    const files = scannedFiles();
    // The scan sees what it should: this file, the SCRAM support, the benchmark, the CI script, the README.
    for (const file of [
      'test/repo-stands-alone.test.ts',
      'test/support/scram.ts',
      'bench/run.mjs',
      '.ci/run',
      'README.md',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => file.startsWith('bench/aralia/'))).toBe(false);
    const escapes = files.flatMap((file) => {
      const bytes = readFileSync(path.join(repoRoot, file));
      // Binary files (images) name no paths.
      return bytes.includes(0) ? [] : escapesIn(file, bytes.toString('utf8'));
    });
    expect(escapes).toEqual([]);
  });

  it('the vendored trees are there, with their origin and licence', () => {
    const aralia = readdirSync(path.join(repoRoot, 'bench', 'aralia'));
    expect(aralia.filter((name) => name.endsWith('.xml'))).toHaveLength(43);
    for (const folder of ['aralia', 'scram-input']) {
      const readme = readFileSync(path.join(repoRoot, 'bench', folder, 'README.md'), 'utf8');
      expect(readme).toMatch(/github\.com\/rakhimov\/scram/);
      expect(readme).toMatch(/GPL-3\.0/);
      expect(readFileSync(path.join(repoRoot, 'bench', folder, 'COPYING'), 'utf8')).toMatch(
        /GNU GENERAL PUBLIC LICENSE\s+Version 3, 29 June 2007/,
      );
    }
  });
});

describe('escapesIn: each rule catches its case', () => {
  // The examples are assembled at run time, so that this file's own text passes the scan.
  const up = '..';
  const shared = ['sha', 'red'].join('');
  const work = ['', 'work', shared, 'x.xml'].join('/');
  const scram = ['', 'usr', 'share', 'scram', 'input', 'Chinese', 'chinese.xml'].join('/');

  it('a sibling shared/ folder, by string or by path segments', () => {
    expect(
      escapesIn('test/a.test.ts', `const a = '${up}/${shared}/bench/aralia/chinese.xml';`),
    ).toMatchObject([{ file: 'test/a.test.ts', line: 1, rule: 'a sibling shared/ folder' }]);
    const segments = `x\nconst d = path.join('${up}', '${shared}', 'bench', 'aralia');`;
    expect(escapesIn('bench/run.mjs', segments)).toMatchObject([{ line: 2 }]);
    expect(escapesIn('bench/run.mjs', "const d = path.join(repoRoot, 'bench', 'aralia');")).toEqual([]);
  });

  it("this machine's work tree, but not a path that merely contains the word", () => {
    expect(escapesIn('test/fixtures/cut.xml', `Cut down from das9701 (${work})`)).toHaveLength(1);
    expect(escapesIn('README.md', 'see docs/work/notes.md and ./work/x')).toEqual([]);
  });

  it("SCRAM's package files, unless a guard skips when they are absent", () => {
    expect(escapesIn('test/b.test.ts', `runScram(['${scram}'])`)).toMatchObject([{ rule: /SCRAM/ }]);
    const guarded = `const file = '${scram}';\nit.skipIf(!existsSync(file))('live', () => {});`;
    expect(escapesIn('test/b.test.ts', guarded)).toEqual([]);
  });

  it('a step above the root, from the root', () => {
    expect(escapesIn('scripts/s.mjs', `const d = path.resolve(repoRoot, '${up}', 'x');`)).toHaveLength(1);
    expect(escapesIn('scripts/s.mjs', `const d = path.resolve(root, '${up}/x');`)).toHaveLength(1);
    expect(escapesIn('scripts/s.mjs', `const d = path.resolve(repoRoot, 'x', '${up}');`)).toEqual([]);
  });

  it('a step above the root, from the file: URLs and paths', () => {
    const url = (relative: string): string => `new URL(${relative}, import.meta.url)`;
    // From test/, two steps up leave the repository; one step up is its root.
    expect(escapesIn('test/c.test.ts', url(`'${up}/${up}/x/'`))).toHaveLength(1);
    expect(escapesIn('test/c.test.ts', url(`'${up}/bench/aralia/'`))).toEqual([]);
    expect(escapesIn('test/cli/d.test.ts', url(`\`${up}/${up}/\${file}\``))).toEqual([]);
    expect(escapesIn('test/cli/d.test.ts', url(`\`${up}/${up}/${up}/\${file}\``))).toHaveLength(1);
    const fromFile = (...segments: string[]): string =>
      `path.resolve(path.dirname(fileURLToPath(import.meta.url)), ${segments.map((s) => `'${s}'`).join(', ')})`;
    expect(escapesIn('test/support/e.ts', fromFile(up, up))).toEqual([]);
    expect(escapesIn('test/support/e.ts', fromFile(up, up, up))).toHaveLength(1);
    const dirname = `path.join(import.meta.dirname, '${up}/${up}/examples/x.yaml')`;
    expect(escapesIn('test/f.test.ts', dirname)).toHaveLength(1);
    expect(escapesIn('test/report/f.test.ts', dirname)).toEqual([]);
  });
});

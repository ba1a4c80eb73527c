import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/**
 * The written rules of docs/ARCHITECTURE.md, checked on the code itself, so that a boundary broken
 * in a hurry fails the build instead of waiting for the next reader. Each rule lists the offending
 * places, so a failure says exactly what to fix.
 */
const ROOT = resolve(import.meta.dirname, '..');
const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const files = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'test')), ...walk(join(ROOT, 'e2e'))].map(
  (p) => ({
    path: rel(p),
    text: readFileSync(p, 'utf8'),
  }),
);
const sources = files.filter((f) => f.path.startsWith('src/') && !/\.test\.tsx?$/.test(f.path));
const isTest = (p: string) => /\.test\.tsx?$/.test(p) || p.startsWith('test/') || p.startsWith('e2e/');

interface Import {
  from: string;
  spec: string;
  /** The resolved file (repo-relative, .ts/.tsx) for relative imports. */
  target: string | null;
  typeOnly: boolean;
}

const IMPORT_RE = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function resolveSpec(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(from), spec).replaceAll('\\', '/');
  for (const candidate of [
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    `${base}.ts`,
    `${base}/index.ts`,
  ]) {
    if (files.some((f) => f.path === candidate)) return candidate;
  }
  return base;
}

const imports: Import[] = files.flatMap((f) =>
  [...f.text.matchAll(IMPORT_RE)].map((m) => ({
    from: f.path,
    spec: m[3]!,
    target: resolveSpec(f.path, m[3]!),
    typeOnly: Boolean(m[2]),
  })),
);

const moduleOf = (p: string) => /^src\/modules\/([^/]+)\//.exec(p)?.[1] ?? null;

describe('module boundaries', () => {
  it('a module is reached from outside only through its index.ts', () => {
    const bad = imports.filter((i) => {
      if (!i.target) return false;
      const to = moduleOf(i.target);
      if (!to || to === moduleOf(i.from)) return false;
      // The module list imports each module's plugin through its index; the schema collects the tables.
      if (i.target === `src/modules/${to}/index.ts`) return false;
      if (i.from === 'src/db/schema.ts' && i.typeOnly && i.target.endsWith('.tables.ts')) return false;
      return true;
    });
    expect(bad.map((i) => `${i.from} → ${i.target}`)).toEqual([]);
  });

  it('an index.ts exports use cases and types, never a repository or a table', () => {
    const bad = files
      .filter((f) => /^src\/modules\/[^/]+\/index\.ts$/.test(f.path))
      .flatMap((f) => {
        const hits: string[] = [];
        for (const m of f.text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"]([^'"]+)['"]/g)) {
          if (/\.(repository|tables)\.js$/.test(m[2]!)) hits.push(`${f.path}: re-exports ${m[2]}`);
          for (const name of m[1]!.split(',').map((s) =>
            s
              .trim()
              .split(/\s+as\s+/)
              .pop()!
              .replace(/^type\s+/, ''),
          )) {
            if (/Repository$|Tables$/.test(name)) hits.push(`${f.path}: exports ${name}`);
          }
        }
        if (/export\s+\*\s+from\s+['"][^'"]+\.(repository|tables)\.js['"]/.test(f.text))
          hits.push(`${f.path}: export *`);
        if (/Repository\.\w+/.test(f.text)) hits.push(`${f.path}: hands out repository functions`);
        return hits;
      });
    expect(bad).toEqual([]);
  });

  it('only repositories and src/db import kysely or open transactions', () => {
    const bad = files.flatMap((f) => {
      const hits: string[] = [];
      const repoOrDb = f.path.endsWith('.repository.ts') || f.path.startsWith('src/db/');
      if (!repoOrDb && /from\s+['"]kysely['"]/.test(f.text)) hits.push(`${f.path}: imports kysely`);
      if (!f.path.startsWith('src/db/') && /\.transaction\(\)/.test(f.text) && !isTest(f.path)) {
        hits.push(`${f.path}: opens a transaction (use inTransaction from src/db/transaction.ts)`);
      }
      if (/(\.routes\.tsx?|\.pages\.tsx|\/index\.ts)$/.test(f.path) && /\binTransaction\(/.test(f.text)) {
        hits.push(`${f.path}: a transaction belongs in a service`);
      }
      return hits;
    });
    expect(bad).toEqual([]);
  });

  it('only src/config.ts reads process.env', () => {
    const bad = [
      ...sources,
      ...walk(join(ROOT, 'client')).map((p) => ({ path: rel(p), text: readFileSync(p, 'utf8') })),
    ]
      .filter((f) => f.path !== 'src/config.ts' && /process\.env\b/.test(f.text))
      .map((f) => f.path);
    expect(bad).toEqual([]);
  });

  it('has no import circles (type-only imports aside)', () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) {
      if (i.typeOnly || !i.target || !i.from.startsWith('src/') || isTest(i.from)) continue;
      graph.set(i.from, [...(graph.get(i.from) ?? []), i.target]);
    }
    const cycles = new Set<string>();
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (n: string) => {
      state.set(n, 1);
      stack.push(n);
      for (const m of graph.get(n) ?? []) {
        if (state.get(m) === 1) cycles.add(stack.slice(stack.indexOf(m)).concat(m).join(' → '));
        else if (!state.has(m)) visit(m);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const n of graph.keys()) if (!state.has(n)) visit(n);
    expect([...cycles]).toEqual([]);
  });

  it('services are built once, in the composition root', () => {
    const bad = sources.flatMap((f) => {
      const hits: string[] = [];
      if (f.path !== 'src/services.ts') {
        for (const m of f.text.matchAll(/(?<!function )\bcreate\w*Service\(/g))
          hits.push(`${f.path}: calls ${m[0]}`);
      }
      for (const m of f.text.matchAll(/export const (\w+Service) = \{/g)) {
        hits.push(`${f.path}: ${m[1]} is an object singleton (make it a factory built in src/services.ts)`);
      }
      return hits;
    });
    expect(bad).toEqual([]);
  });

  it('modules keep no process-global mutable state without saying why', () => {
    const bad = sources
      .filter((f) => f.path.startsWith('src/modules/'))
      .flatMap((f) =>
        f.text
          .split('\n')
          .map((line, n, all) => ({ line, prev: all[n - 1] ?? '' }))
          .filter(({ line, prev }) => /^let\s/.test(line) && !/^\s*(\/\/|\*)/.test(prev))
          .map(({ line }) => `${f.path}: ${line.trim()}`),
      );
    expect(bad).toEqual([]);
  });

  it('has no services that see HTTP', () => {
    const bad = sources
      .filter((f) => /\.service\.ts$/.test(f.path) && /from\s+['"]fastify['"]/.test(f.text))
      .map((f) => f.path);
    expect(bad).toEqual([]);
  });

  it('files stay under 400 lines', () => {
    const bad = sources
      .map((f) => ({ path: f.path, lines: f.text.split('\n').length }))
      // The error catalogue is one file by design (every code in one place, checked unique below).
      .filter((f) => f.lines > 400 && f.path !== 'src/errors.ts')
      .map((f) => `${f.path}: ${f.lines}`);
    expect(bad).toEqual([]);
  });
});

describe('dead code', () => {
  it('every export of src/ is used by another file', () => {
    const everything = [
      ...files,
      ...['client', 'bench', 'scripts'].flatMap((d) =>
        walk(join(ROOT, d)).map((p) => ({ path: rel(p), text: readFileSync(p, 'utf8') })),
      ),
    ];
    const bad = sources.flatMap((f) =>
      [...f.text.matchAll(/^export (?:async )?(?:const|function|type|interface|class|enum) (\w+)/gm)]
        .map((m) => m[1]!)
        .filter((name) => {
          const word = new RegExp(`\\b${name}\\b`);
          return !everything.some((o) => o.path !== f.path && word.test(o.text));
        })
        .map((name) => `${f.path}: ${name}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('input and errors', () => {
  it('handlers read typed input: no casts of req.body or req.query, no ! on params', () => {
    const bad = sources.flatMap((f) =>
      [...f.text.matchAll(/\b(req|request)\.(body|query)\s+as\b|\b(req|request)\.params\.\w+!/g)].map(
        (m) => `${f.path}: ${m[0]}`,
      ),
    );
    expect(bad).toEqual([]);
  });

  it('every error comes from the catalogue in src/errors.ts, with a unique code', () => {
    const bad = sources
      .filter((f) => f.path !== 'src/errors.ts' && /new AppError\(/.test(f.text))
      .map((f) => `${f.path}: builds an AppError inline`);
    const catalogue = readFileSync(join(ROOT, 'src/errors.ts'), 'utf8');
    const codes = [
      ...catalogue.matchAll(/(?:make|makeWithDetails|new AppError)\(\s*\d{3},\s*'([a-z_]+)'/g),
    ].map((m) => m[1]!);
    const seen = new Set<string>();
    for (const c of codes) {
      if (seen.has(c)) bad.push(`src/errors.ts: code ${c} is used twice`);
      seen.add(c);
    }
    if (/conflict:\s*\(code/.test(catalogue))
      bad.push('src/errors.ts: a conflict helper lets callers invent codes');
    expect(bad).toEqual([]);
  });
});

describe('every route declares its input', () => {
  let t: TestApp;
  const routes: RouteOptions[] = [];
  beforeAll(async () => {
    t = await createTestApp('sqlite', {}, { onRoute: (r) => routes.push(r) });
  });
  afterAll(() => t?.close());

  it('params, query and body each have a zod schema where the handler reads them', () => {
    const bad: string[] = [];
    for (const r of routes) {
      const url = r.url;
      if (/^\/(assets|uploads)\//.test(url) || url.startsWith('/documentation')) continue;
      const source = String(r.handler);
      const schema = (r.schema ?? {}) as Record<string, unknown>;
      const where = `${String(r.method)} ${url}`;
      if (/:\w+/.test(url) && !schema.params) bad.push(`${where}: no params schema`);
      if (/\.query\b/.test(source) && !schema.querystring)
        bad.push(`${where}: reads the query without a schema`);
      const writes = [r.method].flat().some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(String(m)));
      if (writes && /\.body\b/.test(source) && !schema.body)
        bad.push(`${where}: reads the body without a schema`);
    }
    expect(routes.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  it('a page answers a malformed URL with an HTML page in the visitor language, never JSON or a 500', async () => {
    const bad: string[] = [];
    const pages = routes.filter(
      (r) =>
        [r.method].flat().includes('GET') && /:\w+/.test(r.url) && !/^\/(api|assets|uploads)\//.test(r.url),
    );
    for (const r of pages) {
      const url = r.url.replace(/:\w+/g, 'x'.repeat(90));
      const res = await t.inject({ method: 'GET', url });
      const html = String(res.headers['content-type'] ?? '').includes('text/html');
      if (res.statusCode >= 500 || (res.statusCode >= 400 && !html)) bad.push(`${r.url}: ${res.statusCode}`);
    }
    expect(pages.length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });
});

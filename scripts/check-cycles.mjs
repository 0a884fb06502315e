// Fails when the TypeScript sources import each other in a cycle (type-only imports too:
// a cycle of types is still two modules that cannot be understood apart).
//   node scripts/check-cycles.mjs [DIR...]   (default: client/src server/src shared/src scripts test)
// Reads relative `import … from`, `export … from`, `import('…')` and `require('…')`; finds the
// strongly connected components with Tarjan's algorithm on an explicit stack (linear, no
// recursion) and prints one cycle through each.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['client/src', 'server/src', 'shared/src', 'scripts', 'test'];
const SKIP = new Set(['node_modules', 'fixtures', 'dist', 'out']);

function sources(dir) {
  const out = [];
  const todo = [path.resolve(root, dir)];
  while (todo.length) {
    const d = todo.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) todo.push(p);
      } else if (/\.(ts|mts|cts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  }
  return out;
}

const SPEC = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]*)['"]|(?:^|[\s;(=])import\s*['"](\.{1,2}\/[^'"]*)['"]|\b(?:import|require)\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/gm;

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${base}.mjs`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return undefined;
}

const files = [...new Set(dirs.flatMap(sources))].sort();
const index = new Map(files.map((f, i) => [f, i]));
const edges = files.map((f) => {
  const text = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const to = new Set();
  for (const m of text.matchAll(SPEC)) {
    const target = resolve(f, m[1] ?? m[2] ?? m[3]);
    if (target !== undefined && index.has(target)) to.add(index.get(target));
  }
  return [...to];
});

// Tarjan's strongly connected components, iteratively.
const n = files.length;
const order = new Array(n).fill(-1);
const low = new Array(n).fill(0);
const onStack = new Array(n).fill(false);
const stack = [];
const components = [];
let counter = 0;
for (let start = 0; start < n; start++) {
  if (order[start] !== -1) continue;
  const work = [[start, 0]];
  order[start] = low[start] = counter++;
  stack.push(start);
  onStack[start] = true;
  while (work.length) {
    const frame = work[work.length - 1];
    const [v, i] = frame;
    if (i < edges[v].length) {
      frame[1]++;
      const w = edges[v][i];
      if (order[w] === -1) {
        order[w] = low[w] = counter++;
        stack.push(w);
        onStack[w] = true;
        work.push([w, 0]);
      } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
      continue;
    }
    work.pop();
    if (work.length) {
      const parent = work[work.length - 1][0];
      low[parent] = Math.min(low[parent], low[v]);
    }
    if (low[v] === order[v]) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack[w] = false;
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || edges[v].includes(v)) components.push(comp);
    }
  }
}

/** One cycle inside a component: breadth-first from its first member back to it. */
function cycleIn(comp) {
  const members = new Set(comp);
  const first = Math.min(...comp);
  const prev = new Map();
  const queue = [first];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const w of edges[v]) {
      if (!members.has(w)) continue;
      if (w === first) {
        const cycle = [first];
        for (let x = v; x !== first; x = prev.get(x)) cycle.splice(1, 0, x);
        return [...cycle, first];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [first, first];
}

const rel = (i) => path.relative(root, files[i]);
for (const comp of components) {
  process.stderr.write(`import cycle (${comp.length} module${comp.length > 1 ? 's' : ''}): ${cycleIn(comp).map(rel).join(' → ')}\n`);
}
process.stdout.write(`${files.length} modules, ${edges.reduce((s, e) => s + e.length, 0)} relative imports, ${components.length} cycle(s)\n`);
process.exit(components.length ? 1 : 0);

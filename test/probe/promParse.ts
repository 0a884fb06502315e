/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for the tests:
 * it rejects what Prometheus or node_exporter's textfile collector would reject or
 * misread, instead of being lenient like a scraper.
 */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  help?: string;
  type?: string;
  readonly samples: Sample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function fail(line: number, why: string): never {
  throw new Error(`exposition line ${line}: ${why}`);
}

/** Label set `{a="x",b="y"}` starting at `s[i] === '{'`; returns the labels and the index after `}`. */
function readLabels(s: string, i: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  i++;
  while (s[i] !== '}') {
    const eq = s.indexOf('=', i);
    if (eq < 0) fail(line, 'label without =');
    const name = s.slice(i, eq);
    if (!LABEL.test(name) || name.startsWith('__')) fail(line, `bad label name ${JSON.stringify(name)}`);
    if (name in labels) fail(line, `label ${name} twice`);
    if (s[eq + 1] !== '"') fail(line, 'label value not quoted');
    let v = '';
    let j = eq + 2;
    for (;; j++) {
      const c = s[j];
      if (c === undefined) fail(line, 'unterminated label value');
      if (c === '"') break;
      if (c === '\n') fail(line, 'raw line feed in label value');
      if (c === '\\') {
        const n = s[++j];
        if (n === '\\') v += '\\';
        else if (n === '"') v += '"';
        else if (n === 'n') v += '\n';
        else fail(line, `bad escape \\${n ?? ''}`);
      } else v += c;
    }
    labels[name] = v;
    i = j + 1;
    if (s[i] === ',') i++;
    else if (s[i] !== '}') fail(line, 'expected , or }');
  }
  return { labels, end: i + 1 };
}

function readValue(v: string, line: number): number {
  if (v === 'NaN') return NaN;
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) fail(line, `bad value ${JSON.stringify(v)}`);
  return Number(v);
}

export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a line feed');
  const families = new Map<string, Family>();
  const series = new Set<string>();
  let current: Family | undefined;
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((raw, k) => {
    const line = k + 1;
    if (raw === '') fail(line, 'empty line');
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) return; // a plain comment
      const [, kind, name, rest] = m;
      if (!METRIC.test(name)) fail(line, `bad metric name ${name}`);
      let f = families.get(name);
      if (f && f !== current) fail(line, `${name} is not contiguous`);
      if (!f) {
        f = { name, samples: [] };
        families.set(name, f);
      }
      current = f;
      if (kind === 'HELP') {
        if (f.help !== undefined) fail(line, `second HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) fail(line, 'bad escape in HELP');
        f.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
      } else {
        if (f.type !== undefined) fail(line, `second TYPE for ${name}`);
        if (f.samples.length) fail(line, `TYPE after samples of ${name}`);
        if (!TYPES.has(rest)) fail(line, `bad type ${rest}`);
        f.type = rest;
      }
      return;
    }
    const nameEnd = raw.search(/[{ ]/);
    if (nameEnd <= 0) fail(line, 'no metric name');
    const name = raw.slice(0, nameEnd);
    if (!METRIC.test(name)) fail(line, `bad metric name ${name}`);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (raw[i] === '{') ({ labels, end: i } = readLabels(raw, i, line));
    if (raw[i] !== ' ') fail(line, 'expected a space before the value');
    const parts = raw.slice(i + 1).split(' ');
    if (parts.length > 2 || (parts.length === 2 && !/^-?\d+$/.test(parts[1]))) fail(line, 'bad value or timestamp');
    const value = readValue(parts[0], line);
    const f = families.get(name);
    if (!f || f !== current) fail(line, `sample of ${name} outside its family`);
    const key = name + JSON.stringify(Object.entries(labels).sort());
    if (series.has(key)) fail(line, `duplicate series ${key}`);
    series.add(key);
    f.samples.push({ name, labels, value });
  });
  return families;
}

/**
 * `nested-virt explain [--format text|json] [TEXT | FILE | -]`: what an error message
 * means, on the same catalog as the editor and the probe. Exit status: 0 something was
 * explained, 1 nothing matched, 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { localeFrom, translator, type Locale } from '../core/l10n';
import { explain, explainMessages, type Explanation } from '../lang/explain';
import { cleanText } from '../probe/parse';
import { readAll, type CliIO } from './io';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The one option table of this command. */
const OPTIONS = {
  format: { type: 'string' },
  facts: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class Usage extends Error {}

type T = ReturnType<typeof translator<keyof typeof explainMessages.en>>;

/** Terminal-safe: no control characters or bidi overrides from the pasted text. */
const safe = (s: string): string => cleanText(s, 100_000);

function parse(args: readonly string[], env: NodeJS.ProcessEnv): { format: Format; facts?: string; locale: Locale; help: boolean; inputs: string[] } {
  let values: { format?: string; facts?: string; lang?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    throw new Usage((e as Error).message);
  }
  const locale = localeFrom(env, values.lang);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new Usage(`--format: ${format} (text, json)`);
  return { format: format as Format, facts: values.facts, locale, help: values.help === true, inputs: positionals };
}

/** `-`: standard input; one existing file: its text; anything else: the words themselves. */
async function inputText(inputs: readonly string[], io: CliIO): Promise<string> {
  if (inputs.length === 1 && inputs[0] === '-') return readAll(io.stdin);
  if (inputs.length === 1) {
    const p = path.resolve(io.cwd, inputs[0]);
    const st = await fs.stat(p).catch(() => undefined);
    if (st?.isFile()) return fs.readFile(p, 'utf8').catch((e: Error) => Promise.reject(new Usage(`${inputs[0]}: ${e.message}`)));
  }
  return inputs.join(' ');
}

async function readFacts(file: string, io: CliIO, t: T): Promise<HostFacts> {
  let doc: unknown;
  try {
    doc = JSON.parse(await fs.readFile(path.resolve(io.cwd, file), 'utf8'));
  } catch (e) {
    throw new Usage(t('bad-facts', file, (e as Error).message));
  }
  const hosts = (doc as { hosts?: { hostFacts?: unknown }[] }).hosts;
  const facts = Array.isArray(hosts) ? hosts.find((h) => h?.hostFacts)?.hostFacts : doc;
  const f = facts as Partial<HostFacts> | undefined;
  if (!f || typeof f.host !== 'string' || typeof f.cpu !== 'object' || typeof f.nested !== 'object') throw new Usage(t('bad-facts', file, 'no hostFacts'));
  return f as HostFacts;
}

export function renderText(list: readonly Explanation[], t: T): string {
  const out: string[] = [];
  list.forEach((e, i) => {
    out.push(t('heading', i + 1, e.category, e.id));
    out.push(`   ${t('evidence', e.evidence.line, safe(e.evidence.lineText))}`);
    out.push(`   ${t('cause', safe(e.message))}`);
    out.push(`   ${t('fix', safe(e.fix))}`);
    out.push(`   ${t('checks')}`);
    for (const c of e.checks) out.push(`     - ${safe(c)}`);
    if (e.occurrences > 1) out.push(`   ${t('seen', e.occurrences)}`);
    if (e.host) out.push(`   ${t('host', safe(e.host))}`);
    out.push('');
  });
  return out.join('\n');
}

export function toJson(list: readonly Explanation[]): unknown[] {
  return list.map((e) => ({
    id: e.id,
    category: e.category,
    message: e.message,
    evidence: e.evidence,
    checks: e.checks,
    fix: e.fix,
    occurrences: e.occurrences,
    captures: e.captures,
    source: e.source,
    ...(e.host ? { host: e.host } : {}),
  }));
}

export async function runExplain(args: readonly string[], io: CliIO): Promise<number> {
  let t = translator(explainMessages, localeFrom(io.env));
  try {
    const o = parse(args, io.env);
    t = translator(explainMessages, o.locale);
    if (o.help) {
      io.stdout.write(`${t('usage')}\n`);
      return 0;
    }
    if (!o.inputs.length) throw new Usage(t('empty'));
    const host = o.facts ? await readFacts(o.facts, io, t) : null;
    const text = await inputText(o.inputs, io);
    const list = explain(text, { locale: o.locale, host });
    if (o.format === 'json') io.stdout.write(`${JSON.stringify(toJson(list), null, 2)}\n`);
    else io.stdout.write(list.length ? renderText(list, t) : `${t('none')}\n`);
    return list.length ? 0 : 1;
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    io.stderr.write(`nested-virt explain: ${safe(e.message)}\n\n${t('usage')}\n`);
    return 2;
  }
}

/**
 * `--from-results DIR`: evaluate what Ansible collected, e.g. with
 *   ansible all -m script -a probe.sh --tree DIR
 * Each file in DIR is named after the host and holds Ansible's JSON result
 * (`stdout`, `rc`, `unreachable`, `msg`), or the plain stdout of the script.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorReport, reportFromOutput, type ReportOptions } from './index';
import { probeTranslator } from './messages';
import { cleanText } from './parse';
import { sanitize } from './sanitize';
import type { HostReport } from './types';

const MAX_FILE = 16 * 1024 * 1024;
const MAX_FILES = 10_000;

export function reportFromResultText(host: string, text: string, o: Pick<ReportOptions, 'locale' | 'nova'> = {}): HostReport {
  const t = probeTranslator(o.locale ?? 'en');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      return errorReport(host, { kind: 'bad-output', message: t('err.badJson', host) }, 0, 'results');
    }
    const r = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
    const msg = typeof r.msg === 'string' ? cleanText(r.msg, 1000) : undefined;
    const stderr = typeof r.stderr === 'string' ? cleanText(r.stderr, 4000) : undefined;
    if (r.unreachable === true) return errorReport(host, { kind: 'unreachable', message: msg ?? t('err.unreachable', host), stderr }, 0, 'results');
    const stdout = typeof r.stdout === 'string' ? r.stdout : Array.isArray(r.stdout_lines) ? r.stdout_lines.filter((x): x is string => typeof x === 'string').join('\n') : undefined;
    if (stdout === undefined || !stdout.includes('@v ')) {
      return errorReport(host, { kind: r.failed === true ? 'ssh' : 'bad-output', message: msg ?? t('err.noOutputInResult', host), stderr }, 0, 'results');
    }
    return reportFromOutput(host, stdout, { locale: o.locale, transport: 'results', nova: o.nova });
  }
  return reportFromOutput(host, text, { locale: o.locale, transport: 'results', nova: o.nova });
}

export function reportsFromResultsDir(dir: string, o: Pick<ReportOptions, 'locale' | 'nova'> = {}): HostReport[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .slice(0, MAX_FILES);
  const out: HostReport[] = [];
  for (const name of entries) {
    const host = sanitize(name, 255);
    const p = path.join(dir, name);
    let text: string;
    try {
      const st = fs.statSync(p);
      if (st.size > MAX_FILE) {
        out.push(errorReport(host, { kind: 'output-too-large', message: probeTranslator(o.locale ?? 'en')('err.fileTooLarge', host, MAX_FILE) }, 0, 'results'));
        continue;
      }
      text = fs.readFileSync(p, 'utf8');
    } catch (e) {
      out.push(errorReport(host, { kind: 'bad-output', message: sanitize(`${name}: ${(e as Error).message}`) }, 0, 'results'));
      continue;
    }
    out.push(reportFromResultText(host, text, o));
  }
  return out;
}

/**
 * The one SARIF 2.1.0 writer, for lint findings and probe checks alike: one rule per
 * code, 1-based regions, error / warning / note levels.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../core/finding';
import type { FileFindings } from './text';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

/**
 * `artifactLocation.uri` must be a URI reference (SARIF 2.1.0 §3.4.3): a relative path
 * with each segment percent-encoded (spaces, `#`, `%`, `?`), an absolute path as a
 * file URI (`C:\x` would otherwise read as the scheme `C:`). Windows separators become `/`.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep === '\\' ? /[\\/]/ : '/').map((seg) => encodeURIComponent(seg)).join('/');
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface SarifLocation {
  /** A file path or a URI such as `ssh://host/etc/nova/nova.conf`; paths become URI references. */
  readonly artifact?: string;
  readonly region?: SarifRegion;
  /** A logical place, such as the probed host (or the hosts of a fleet group). */
  readonly logicalName?: string | readonly string[];
}

/** One result before it is written: what, how bad, and where. */
export interface SarifItem {
  readonly ruleId: string;
  readonly level: SarifLevel;
  readonly message: string;
  readonly locations: readonly SarifLocation[];
  readonly properties?: Readonly<Record<string, unknown>>;
}

function location(l: SarifLocation): object {
  const out: Record<string, unknown> = {};
  if (l.artifact !== undefined) {
    const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(l.artifact) ? l.artifact : artifactUri(l.artifact);
    out.physicalLocation = { artifactLocation: { uri }, ...(l.region ? { region: l.region } : {}) };
  }
  if (l.logicalName !== undefined) {
    const names = typeof l.logicalName === 'string' ? [l.logicalName] : l.logicalName;
    out.logicalLocations = names.map((name) => ({ name, kind: 'module', fullyQualifiedName: name }));
  }
  return out;
}

/**
 * The SARIF log. `rules` gives descriptions for known rule ids (the probe's check
 * titles); any other rule id met in the items is described by its id.
 */
export function writeSarif(items: readonly SarifItem[], toolVersion: string, rules: ReadonlyMap<string, string> = new Map()): object {
  const ruleList = new Map<string, { id: string; shortDescription: { text: string }; defaultConfiguration?: { level: SarifLevel } }>();
  for (const [id, text] of rules) ruleList.set(id, { id, shortDescription: { text } });
  const results = items.map((item) => {
    if (!ruleList.has(item.ruleId)) ruleList.set(item.ruleId, { id: item.ruleId, defaultConfiguration: { level: item.level }, shortDescription: { text: item.ruleId } });
    return { ruleId: item.ruleId, level: item.level, message: { text: item.message }, locations: item.locations.map(location), ...(item.properties ? { properties: item.properties } : {}) };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'nested-virt', version: toolVersion, informationUri: 'https://github.com/nested-virt/nested-virt', rules: [...ruleList.values()] } }, results }],
  };
}

/** Lint findings as SARIF items, regions from the file's line index. */
export function findingsToSarif(results: readonly FileFindings[], toolVersion: string): object {
  const items: SarifItem[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const s = r.lines.position(f.start);
      const e = r.lines.position(Math.max(f.start, f.end));
      items.push({
        ruleId: f.code, level: sarifLevel(f.severity), message: f.message,
        locations: [{ artifact: r.file, region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 } }],
        ...(r.stack ? { properties: { stack: r.stack, ...(r.host ? { host: r.host } : {}) } } : {}),
      });
    }
  }
  return writeSarif(items, toolVersion);
}

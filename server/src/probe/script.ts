/**
 * The probe script text. Sources: `probe.sh` next to this module (ts/tsx runs),
 * or `dist/probe.sh` next to the bundle (the build copies it there).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** Where probe.sh may be: beside this module (tsx), in probe/, or beside the bundle in dist/. */
const candidates = (): string[] => [path.join(__dirname, 'probe.sh'), path.join(__dirname, 'probe', 'probe.sh'), path.join(__dirname, '..', 'server', 'src', 'probe', 'probe.sh')];

export function probeScriptPath(): string {
  for (const c of candidates()) if (fs.existsSync(c)) return c;
  throw new Error(`probe.sh not found next to ${__dirname}`);
}

/** The POSIX sh probe, as shipped. */
export function probeScript(): string {
  if (cached === undefined) cached = fs.readFileSync(probeScriptPath(), 'utf8');
  return cached;
}

/** Reads probe.sh without blocking, for the language server; probeScript() then answers from the cache. */
export async function loadProbeScript(): Promise<string> {
  if (cached !== undefined) return cached;
  for (const c of candidates()) {
    try {
      cached = await fs.promises.readFile(c, 'utf8');
      return cached;
    } catch {
      // not here; try the next place
    }
  }
  throw new Error(`probe.sh not found next to ${__dirname}`);
}

/** Single-quotes a value for sh. */
export function shQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

export interface ScriptSettings {
  /** Fixture root (tests). */
  readonly root?: string;
  /** nova.conf path on the host. */
  readonly novaConfPath?: string;
}

/** The text sent to `sh -s`: settings as assignments, then the script. */
export function scriptWithSettings(s: ScriptSettings = {}): string {
  let head = '';
  // eslint-disable-next-line no-control-regex
  const ok = (v: string): boolean => v.length > 0 && v.length < 4096 && !/[\u0000-\u001f\u007f]/.test(v);
  if (s.root !== undefined && ok(s.root)) head += `NV_ROOT=${shQuote(s.root)}\n`;
  if (s.novaConfPath !== undefined && ok(s.novaConfPath) && s.novaConfPath.startsWith('/')) head += `NV_NOVA_CONF=${shQuote(s.novaConfPath)}\n`;
  return head + probeScript();
}

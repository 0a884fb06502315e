/** Shared by the probe tests: fixture hosts, the CLI with captured output, the script under a local shell. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { runProbeCommand } from '../../server/src/cli/probe';
import type { HostReport } from '../../server/src/probe/index';
import { probeScript } from '../../server/src/probe/script';

const FIXTURES = path.resolve(__dirname, '../fixtures/hosts');
export const fx = (name: string): string => path.join(FIXTURES, name);

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  return { stream: new Writable({ write(c: Buffer, _e, cb) { buf += c.toString(); cb(); } }), text: () => buf };
}

export async function cli(args: string[], locale: 'en' | 'zh-cn' = 'en'): Promise<{ code: number; out: string; err: string }> {
  const out = sink(), err = sink();
  const code = await runProbeCommand(args, { stdout: out.stream, stderr: err.stream, locale });
  return { code, out: out.text(), err: err.text() };
}

export function check(r: HostReport, id: string) {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} missing in ${r.checks.map((x) => x.id).join(',')}`);
  return c;
}

export function runShell(shell: string[], root: string): string {
  const r = spawnSync(shell[0], [...shell.slice(1), '-s'], { input: probeScript(), env: { ...process.env, NV_ROOT: root }, encoding: 'utf8' });
  assert.equal(r.status, 0, `${shell.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

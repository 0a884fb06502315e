import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../helpers';

export const CLI = path.join(REPO, 'dist', 'cli.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bundled CLI as a user would, with a clean locale unless one is given. */
export function nestedVirt(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Run {
  const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { input: opts.input ?? '', env, cwd: opts.cwd ?? REPO, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

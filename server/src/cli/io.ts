import { normalizeLocale, type Locale } from '../core/l10n';

export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** --lang wins, then LC_ALL, LC_MESSAGES and LANG, as gettext does. */
export function localeFrom(env: NodeJS.ProcessEnv, flag?: string): Locale {
  const raw = flag ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG);
  return normalizeLocale(raw && raw !== 'C' && raw !== 'POSIX' ? raw : undefined);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export class UsageError extends Error {}

/** Splits `--opt=value` and `--opt value`; returns the value for options that take one. */
export class ArgReader {
  private i = 0;
  constructor(private readonly args: readonly string[]) {}

  next(): string | undefined {
    return this.args[this.i++];
  }

  value(opt: string, inline: string | undefined): string {
    if (inline !== undefined) return inline;
    const v = this.args[this.i++];
    if (v === undefined) throw new UsageError(opt);
    return v;
  }
}

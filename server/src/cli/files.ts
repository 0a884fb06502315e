/**
 * Reading what the CLI is asked to lint, safely: only regular files (a FIFO would block
 * and /dev/zero never ends), at most MAX_INPUT_BYTES, and standard input with the same cap.
 */
import * as fs from 'node:fs';

/** The largest file or standard input the CLI reads: 16 MiB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type ReadResult =
  | { readonly text: string }
  | { readonly problem: 'not-regular'; readonly kind: string }
  | { readonly problem: 'too-large'; readonly bytes: number }
  | { readonly problem: 'unreadable'; readonly code: string };

export function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'FIFO';
  if (stat.isCharacterDevice()) return 'character device';
  if (stat.isBlockDevice()) return 'block device';
  if (stat.isSocket()) return 'socket';
  if (stat.isDirectory()) return 'directory';
  return 'special file';
}

/** Reads a regular file of at most `limit` bytes; stat first, so special files are never opened. */
export function readInputFile(file: string, limit = MAX_INPUT_BYTES): ReadResult {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { problem: 'not-regular', kind: kindOf(stat) };
    if (stat.size > limit) return { problem: 'too-large', bytes: stat.size };
    const buf = fs.readFileSync(file);
    // The file may have grown between stat and read.
    if (buf.length > limit) return { problem: 'too-large', bytes: buf.length };
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { problem: 'unreadable', code: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/** Standard input up to `limit` bytes; undefined when it is longer (reading stops there). */
export async function readStdin(stream: NodeJS.ReadableStream, limit = MAX_INPUT_BYTES): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    size += b.length;
    if (size > limit) return undefined;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * `nested-virt lint` over nova.conf stacks: the stacks found among the files of the
 * directories searched (kolla-ansible config/, nova.conf + nova.conf.d/) and the ones
 * given with `--stack a,b,c`, linted merged, reported per stack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RequestOptions, LanguageService } from '../facade/service';
import { explainStackValue, stackFindings, type StackDocs } from '../facade/stacks';
import { explicitStack, findStacks, homeStack, type StackSpec } from '../lang/nova/stackLayout';
import type { FileFindings } from '../edge/text';
import { LineIndex } from '../core/lines';

export interface CliStack {
  readonly spec: StackSpec;
  /** How the report names each member (relative to the working directory). */
  readonly display: readonly string[];
}

/** Stacks among absolute paths (found in directories), then the explicit ones. */
export function cliStacks(found: readonly string[], explicit: readonly (readonly string[])[], cwd: string): CliStack[] {
  const specs = [...explicit.map((list, i) => explicitStack(list.map((p) => path.resolve(cwd, p)), explicit.length > 1 ? `explicit:${i + 1}` : 'explicit')), ...findStacks(found)];
  return specs.map((spec) => ({ spec, display: spec.paths.map((p) => path.relative(cwd, p) || p) }));
}

/** Reads every member once; a file that cannot be read is reported by the caller. */
export function readStack(stack: CliStack, texts: Map<string, string>): StackDocs {
  const docs = stack.spec.paths.map((p) => {
    let text = texts.get(p);
    if (text === undefined) {
      text = fs.readFileSync(p, 'utf8');
      texts.set(p, text);
    }
    return TextDocument.create(pathToFileURL(p).toString(), 'nova-conf', 1, text);
  });
  return { spec: stack.spec, docs };
}

/**
 * Findings per stack and member. A finding that the same file already has in an
 * earlier stack (the shared kolla files in every host's stack) is reported once; a
 * member with nothing new is listed only under its home stack.
 */
export function lintStacks(service: LanguageService, stacks: readonly CliStack[], texts: Map<string, string>, opts: RequestOptions, quiet: boolean): FileFindings[] {
  const seen = new Set<string>();
  const specs = stacks.map((s) => s.spec);
  const out: FileFindings[] = [];
  for (const stack of stacks) {
    const docs = readStack(stack, texts);
    const all = stackFindings(service, docs, opts);
    all.forEach((list, i) => {
      const p = stack.spec.paths[i];
      const fresh = list.filter((f) => {
        if (quiet && f.severity !== 'error') return false;
        const key = `${p}\u0000${f.code}\u0000${f.start}\u0000${f.end}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (fresh.length === 0 && homeStack(specs, p) !== stack.spec) return;
      out.push({
        file: stack.display[i], findings: fresh, lines: new LineIndex(docs.docs[i].getText()),
        stack: stack.spec.name, ...(stack.spec.host ? { host: stack.spec.host } : {}),
      });
    });
  }
  return out;
}

/** `--explain-value`: the chain of every stack, a blank line between stacks. */
export function explainStacks(service: LanguageService, stacks: readonly CliStack[], texts: Map<string, string>, option: string, opts: RequestOptions, cwd: string): string {
  const blocks = stacks.map((s) => {
    const docs = readStack(s, texts);
    // Report labels relative to the stack folder; print where that folder is.
    return [`# ${s.spec.name}: ${path.relative(cwd, s.spec.root) || '.'}`, ...explainStackValue(service, docs, option, opts)].join('\n');
  });
  return blocks.join('\n\n');
}

/**
 * nova.conf stacks on the façade: the documents of one stack, parsed once each through
 * the service's cache, merged in a view; findings per member, the effective-value hover
 * and the cross-file quick-fixes. The callers (cli/, lsp/) find the files and read them.
 */
import type { CodeAction, Diagnostic, Hover, Range } from 'vscode-languageserver-protocol';
import { MarkupKind } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { byPosition } from '../core/finding';
import type { NovaStackFinding } from '../lang/nova/context';
import { novaViewFindings } from '../lang/nova/diagnostics';
import { novaCodeActions, novaHover } from '../lang/nova';
import { entryAt } from '../lang/nova/hover';
import { NovaView } from '../lang/nova/stack';
import { singleFileCpuTitles, stackCodeActions } from '../lang/nova/stackActions';
import { elsewhereLines, explainValue, stackHoverLines } from '../lang/nova/stackInfo';
import { labelIn, type StackSpec } from '../lang/nova/stackLayout';
import type { LanguageService, RequestOptions } from './service';

/** A stack and its documents, `docs[i]` being `spec.paths[i]`. */
export interface StackDocs {
  readonly spec: StackSpec;
  readonly docs: readonly TextDocument[];
}

export function stackView(service: LanguageService, stack: StackDocs): NovaView {
  const members = stack.docs.map((d, i) => ({ path: stack.spec.paths[i], label: labelIn(stack.spec.root, stack.spec.paths[i]), file: service.novaFile(d) }));
  return new NovaView(members);
}

/** Findings of every member, each list ordered by position. */
export function stackFindings(service: LanguageService, stack: StackDocs, opts: RequestOptions): NovaStackFinding[][] {
  const out: NovaStackFinding[][] = stack.docs.map(() => []);
  if (!opts.settings.validateNovaConf) return out;
  const ctx = service.context(opts);
  for (const f of novaViewFindings(stackView(service, stack), ctx)) out[f.member]?.push(f);
  for (const list of out) list.sort(byPosition);
  return out;
}

/** The member's own hover, with the effective value in the stack added. */
export function stackHover(
  service: LanguageService, stack: StackDocs, member: number, offset: number, opts: RequestOptions, others: readonly StackDocs[] = [],
): Hover | null {
  const doc = stack.docs[member];
  const ctx = service.context(opts);
  const view = stackView(service, stack);
  const file = view.members[member].file;
  const base = opts.settings.validateNovaConf ? novaHover(doc, file, offset, ctx) : null;
  const entry = entryAt(file, offset);
  if (!entry || offset > entry.keyEnd + 1) return base;
  const lines = stackHoverLines(view, stack.spec.name, entry, ctx);
  if (lines.length === 0) return base;
  const elsewhere = others.map((o) => ({ name: o.spec.name, view: stackView(service, o) }));
  lines.push(...elsewhereLines(view, elsewhere, entry, ctx));
  const before = base && typeof base.contents === 'object' && 'value' in base.contents ? base.contents.value + '\n\n---\n\n' : '';
  const range = base?.range ?? { start: doc.positionAt(entry.keyStart), end: doc.positionAt(entry.keyEnd) };
  return { contents: { kind: MarkupKind.Markdown, value: before + lines.join('\n') }, range };
}

/** Single-file fixes of the member, except the CPU ones, which the stack's replace. */
export function stackActions(service: LanguageService, stack: StackDocs, member: number, range: Range, diagnostics: Diagnostic[], opts: RequestOptions): CodeAction[] {
  const ctx = service.context(opts);
  const view = stackView(service, stack);
  const own = novaCodeActions(stack.docs[member], view.members[member].file, range, diagnostics, ctx);
  const replaced = singleFileCpuTitles(ctx);
  const hostOnly = stack.spec.host !== undefined && member === stack.docs.length - 1;
  return [...own.filter((a) => !replaced.has(a.title)), ...stackCodeActions(view, stack.docs, diagnostics, ctx, hostOnly)];
}

/** `--explain-value group.key`: the resolution chain, one line each. */
export function explainStackValue(service: LanguageService, stack: StackDocs, option: string, opts: RequestOptions): string[] {
  const dot = option.lastIndexOf('.');
  const group = dot > 0 ? option.slice(0, dot) : 'DEFAULT';
  const key = dot > 0 ? option.slice(dot + 1) : option;
  const g = group === 'DEFAULT' ? group : group.toLowerCase();
  return explainValue(stackView(service, stack), stack.spec.name, g, key, opts.settings.novaRelease, opts.locale);
}

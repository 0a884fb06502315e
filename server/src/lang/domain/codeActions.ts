/**
 * Quick-fixes for libvirt domain XML: replace a misspelt name or value with a
 * suggestion, switch any `<cpu>` to host-passthrough, require vmx/svm, fix
 * `<vcpu current>`, and remove what libvirt ignores or rejects.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { XmlAttribute, XmlElement } from '../xml';
import { domainT, SOURCE, type DomainContext } from './context';
import type { DomainDiagnosticData } from './diagnostics';
import { escapeAttr, leadingIndent, lineStart, quoteStyle, toRange } from './edit';
import type { CpuInfo, DomainInfo } from './model';
import { hostPassthroughText } from './passthrough';

type T = ReturnType<typeof domainT>;

/** Diagnostics that switching the `<cpu>` to host-passthrough makes go away. */
const SOLVED_BY_PASSTHROUGH = new Set([
  'nested-model-lacks-feature',
  'nested-no-model',
  'cpu-model-unknown',
  'cpu-model-unverified',
  'cpu-model-ignored',
  'cpu-match-ignored',
  'cpu-match-invalid',
  'cpu-mode-invalid',
  'cpu-vendor-unknown',
  'cpu-vendor-without-model',
  'cpu-features-without-model',
  'cpu-migratable-mode',
  'cpu-fallback-invalid',
  'cpu-nested-vendor-mismatch',
  'host-model-unusable',
]);

interface Env {
  readonly doc: TextDocument;
  readonly domain: DomainInfo;
  readonly t: T;
  readonly text: string;
}

function action(env: Env, title: string, edits: TextEdit[], diagnostics: Diagnostic[], preferred = false): CodeAction {
  const a: CodeAction = {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [env.doc.uri]: edits } },
  };
  if (preferred) a.isPreferred = true;
  return a;
}

function edit(env: Env, start: number, end: number, newText: string): TextEdit {
  return { range: toRange(env.doc, start, end), newText };
}

function offsets(env: Env, r: Range): { start: number; end: number } {
  return { start: env.doc.offsetAt(r.start), end: env.doc.offsetAt(r.end) };
}

function cpuAt(env: Env, offset: number): CpuInfo | undefined {
  return env.domain.cpus.find((c) => c.el.start <= offset && offset <= c.el.end);
}

/** Deletes an element; the whole line when nothing else shares it. */
function removeElement(env: Env, el: XmlElement): TextEdit {
  const text = env.text;
  const indent = leadingIndent(text, el.start);
  const nl = text.indexOf('\n', el.end);
  const rest = text.slice(el.end, nl < 0 ? text.length : nl);
  if (indent !== undefined && /^[ \t\r]*$/.test(rest)) {
    return edit(env, lineStart(text, el.start), nl < 0 ? text.length : nl + 1, '');
  }
  return edit(env, el.start, el.end, '');
}

/** Deletes an attribute with the whitespace before it. */
function removeAttribute(env: Env, a: XmlAttribute): TextEdit {
  let start = a.nameStart;
  while (start > 0 && /[ \t\r\n]/.test(env.text.charAt(start - 1))) start--;
  const end = a.valueClosed ? a.valueEnd + 1 : a.valueEnd;
  return edit(env, start, end, '');
}

function replaceFixes(env: Env, d: Diagnostic, data: DomainDiagnosticData): CodeAction[] {
  const { start, end } = offsets(env, d.range);
  const q = quoteStyle(env.domain.xml);
  // Text content and attribute values share the same escaping needs except quotes; only attributes hold quotes.
  const inAttr = env.text.charAt(start - 1) === "'" || env.text.charAt(start - 1) === '"';
  return (data.suggestions ?? []).map((s, i) =>
    action(env, env.t('fix-replace', s), [edit(env, start, end, inAttr ? escapeAttr(s, q) : s.replace(/&/g, '&amp;').replace(/</g, '&lt;'))], [d], i === 0 && data.preferred === true),
  );
}

function requireFeature(env: Env, d: Diagnostic, feature: string): CodeAction[] {
  const cpu = cpuAt(env, offsets(env, d.range).start);
  const anchor = cpu?.features.length ? cpu.features[cpu.features.length - 1].el : cpu?.model;
  if (!cpu || !anchor || !/^[A-Za-z0-9_.-]+$/.test(feature)) return [];
  const q = quoteStyle(env.domain.xml, cpu.features[0]?.el ?? cpu.el);
  const element = `<feature policy=${q}require${q} name=${q}${feature}${q}/>`;
  const indent = leadingIndent(env.text, anchor.start);
  const insert = indent === undefined ? element : `\n${indent}${element}`;
  return [action(env, env.t('fix-require-feature', feature), [edit(env, anchor.end, anchor.end, insert)], [d], true)];
}

/** Adds `<cpu mode='host-passthrough'/>` after `<vcpu>`, or as the last child of `<domain>`. */
function addCpu(env: Env, d: Diagnostic): CodeAction[] {
  const root = env.domain.root;
  const q = quoteStyle(env.domain.xml);
  const element = `<cpu mode=${q}host-passthrough${q}/>`;
  const vcpu = env.domain.vcpu?.el;
  const anchor = vcpu ?? root.children[root.children.length - 1];
  if (!anchor || !anchor.closed) return [];
  const indent = leadingIndent(env.text, anchor.start);
  const insert = indent === undefined ? element : `\n${indent}${element}`;
  return [action(env, env.t('fix-add-cpu'), [edit(env, anchor.end, anchor.end, insert)], [d], true)];
}

function fixFor(env: Env, d: Diagnostic): CodeAction[] {
  const data = (d.data ?? {}) as DomainDiagnosticData;
  const code = String(d.code);
  if (data.suggestions?.length) return replaceFixes(env, d, data);
  const { start } = offsets(env, d.range);
  const cpu = cpuAt(env, start);
  switch (code) {
    case 'nested-model-lacks-feature':
      return data.feature ? requireFeature(env, d, data.feature) : [];
    case 'nested-no-cpu':
      return addCpu(env, d);
    case 'vcpu-current-exceeds': {
      const cur = env.domain.vcpu?.current;
      if (!cur || data.max === undefined) return [];
      return [action(env, env.t('fix-vcpu-current', data.max), [edit(env, cur.valueStart, cur.valueEnd, String(data.max))], [d], true)];
    }
    case 'cpu-model-ignored':
      return cpu?.model ? [action(env, env.t('fix-remove-model'), [removeElement(env, cpu.model)], [d], true)] : [];
    case 'cpu-match-ignored':
      return cpu?.match ? [action(env, env.t('fix-remove-attribute', 'match'), [removeAttribute(env, cpu.match)], [d], true)] : [];
    case 'cpu-migratable-mode':
      return cpu?.migratable ? [action(env, env.t('fix-remove-attribute', 'migratable'), [removeAttribute(env, cpu.migratable)], [d])] : [];
    case 'cpu-feature-policy-missing': {
      const f = cpu?.features.find((x) => x.el.nameStart <= start && start <= x.el.nameEnd);
      if (!f || f.policy) return [];
      const q = quoteStyle(env.domain.xml, f.el);
      return [action(env, env.t('fix-add-policy'), [edit(env, f.el.nameEnd, f.el.nameEnd, ` policy=${q}require${q}`)], [d], true)];
    }
    default:
      return [];
  }
}

function passthroughFix(env: Env, cpu: CpuInfo, diagnostics: Diagnostic[]): CodeAction | undefined {
  const alreadyClean = cpu.effectiveMode === 'host-passthrough' && !cpu.model && !cpu.vendor && !cpu.match;
  if (alreadyClean) return undefined;
  const newText = hostPassthroughText(env.domain.xml, cpu);
  if (newText === undefined) return undefined;
  const solved = diagnostics.filter((d) => {
    const { start, end } = offsets(env, d.range);
    return SOLVED_BY_PASSTHROUGH.has(String(d.code)) && cpu.el.start <= start && end <= cpu.el.end;
  });
  return action(env, env.t('fix-host-passthrough'), [edit(env, cpu.el.start, cpu.el.end, newText)], solved);
}

export function domainCodeActions(doc: TextDocument, domain: DomainInfo, range: Range, diagnostics: Diagnostic[], ctx: DomainContext): CodeAction[] {
  const env: Env = { doc, domain, t: domainT(ctx), text: doc.getText() };
  const ours = diagnostics.filter((d) => d.source === SOURCE);
  const out: CodeAction[] = [];
  for (const d of ours) out.push(...fixFor(env, d));
  const { start, end } = offsets(env, range);
  for (const cpu of domain.cpus) {
    if (cpu.el.start > end || start > cpu.el.end) continue;
    const fix = passthroughFix(env, cpu, ours);
    if (fix) out.push(fix);
  }
  return out;
}

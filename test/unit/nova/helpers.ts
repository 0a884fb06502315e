/** Helpers for the nova.conf service tests. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import type { HostFacts } from '../../../shared/src/hostFacts';
import { DEFAULT_SERVER_SETTINGS, type HostArch, type NovaRelease } from '../../../shared/src/settings';
import { bundledCatalog } from '../../../server/src/lang/cpumap/provider';
import type { Locale } from '../../../server/src/core/l10n';
import { parseNovaConf, type NovaContext } from '../../../server/src/lang/nova';
import { novaDiagnostics } from '../../helpers';

export function novaCtx(opts: { release?: NovaRelease; arch?: HostArch; locale?: Locale; host?: HostFacts | null } = {}): NovaContext {
  return {
    settings: { ...DEFAULT_SERVER_SETTINGS, novaRelease: opts.release ?? '2026.1', hostArch: opts.arch ?? 'x86_64' },
    catalog: bundledCatalog(),
    locale: opts.locale ?? 'en',
    host: opts.host ?? null,
  };
}

export function novaDoc(text: string, uri = 'file:///etc/nova/nova.conf'): TextDocument {
  return TextDocument.create(uri, 'nova-conf', 1, text);
}

export function lint(text: string, opts: Parameters<typeof novaCtx>[0] = {}): { doc: TextDocument; diags: Diagnostic[] } {
  const doc = novaDoc(text);
  return { doc, diags: novaDiagnostics(doc, parseNovaConf(text), novaCtx(opts)) };
}

/** Range of the n-th occurrence (0-based) of `needle` in the document. */
export function rangeOf(doc: TextDocument, needle: string, nth = 0): Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in document`);
  }
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

export function codes(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => String(d.code));
}

export function only(diags: readonly Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

export function msg(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : (d.message as { value: string }).value;
}

export const INTEL_HOST: HostFacts = {
  host: 'compute-1',
  probedAt: '2026-11-24T10:00:00Z',
  arch: 'x86_64',
  cpu: { vendor: 'Intel', modelName: 'Intel(R) Xeon(R) Gold 6230', vmx: true, svm: false, hypervisor: false },
  nested: { module: 'kvm_intel', enabled: false },
  libvirt: {
    version: '9.0.0',
    source: 'domcapabilities',
    models: [
      { name: 'Cascadelake-Server-noTSX', usable: 'yes', blockers: [] },
      { name: 'Icelake-Server-noTSX', usable: 'no', blockers: ['avx512-vpopcntdq', 'la57'] },
    ],
  },
};

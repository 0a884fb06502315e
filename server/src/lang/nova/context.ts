/** What the nova.conf services need besides the document, and the shape of a finding. */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { ServerSettings } from '../../../../shared/src/settings';
import type { ArchCatalog, CpuMapCatalog } from '../cpumap/catalog';
import type { Locale } from '../../core/l10n';

export interface NovaContext {
  readonly settings: ServerSettings;
  readonly catalog: CpuMapCatalog;
  readonly locale: Locale;
  /** The probed host selected in the editor, for host-aware diagnostics. */
  readonly host?: HostFacts | null;
}

export const SOURCE = 'nested-virt';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** What a quick-fix needs, carried in `Diagnostic.data`. */
export type FixData =
  | { readonly kind: 'rename'; readonly to: string }
  | { readonly kind: 'replace'; readonly candidates: readonly string[] }
  | { readonly kind: 'cpu'; readonly setCustom?: boolean; readonly addVirtType?: boolean }
  | { readonly kind: 'remove-line' };

/** A diagnostic in offsets, before it becomes an LSP Diagnostic. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly data?: FixData;
}

/** The host arch the rules use: the probed host's when there is one. */
export function hostArchOf(ctx: NovaContext): string {
  return ctx.host?.arch ?? ctx.settings.hostArch;
}

export function archCatalogOf(ctx: NovaContext): ArchCatalog | undefined {
  return ctx.catalog.forArch(hostArchOf(ctx));
}

/** What the nova.conf services need besides the document, and the shape of a finding. */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { ServerSettings } from '../../../../shared/src/settings';
import type { ArchCatalog, CpuMapCatalog } from '../cpumap/catalog';
import type { Locale } from '../../core/l10n';
import type { Finding } from '../../core/finding';

export interface NovaContext {
  readonly settings: ServerSettings;
  readonly catalog: CpuMapCatalog;
  readonly locale: Locale;
  /** The probed host selected in the editor, for host-aware diagnostics. */
  readonly host?: HostFacts | null;
}

export { SOURCE } from '../../core/finding';


/** What a quick-fix needs, carried in `Diagnostic.data`. */
export type FixData =
  | { readonly kind: 'rename'; readonly to: string }
  | {
      readonly kind: 'replace';
      readonly candidates: readonly string[];
      /** Set when the finding knows better than name distance whether the first candidate is sure. */
      readonly preferred?: boolean;
      /** Per-candidate quick-fix titles, when a plain "Change to" would hide something. */
      readonly titles?: readonly string[];
    }
  | { readonly kind: 'cpu'; readonly setCustom?: boolean; readonly addVirtType?: boolean }
  | { readonly kind: 'remove-line' };

/** A nova.conf finding: the one finding type, with nova's quick-fix data. */
export type NovaFinding = Finding<FixData>;

/** A finding of a view (one file or a stack): `member` is the index of the file it sits in. */
export interface NovaStackFinding extends NovaFinding {
  readonly member: number;
}

/** The host arch the rules use: the probed host's when there is one. */
export function hostArchOf(ctx: NovaContext): string {
  return ctx.host?.arch ?? ctx.settings.hostArch;
}

export function archCatalogOf(ctx: NovaContext): ArchCatalog | undefined {
  return ctx.catalog.forArch(hostArchOf(ctx));
}

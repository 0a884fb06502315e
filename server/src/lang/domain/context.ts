import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { CpuMapCatalog } from '../cpumap/catalog';
import { translator, type Locale, type Translate } from '../../core/l10n';
import { domainMessages, type DomainMessageKey } from './messages';

/** What the domain XML services need besides the document. */
export interface DomainContext {
  readonly catalog: CpuMapCatalog;
  readonly locale: Locale;
  /** The probed host selected in the editor, for host-aware diagnostics. */
  readonly host?: HostFacts | null;
  /** True for clients other than VS Code, which cannot read snippets/*.json. */
  readonly serveSnippets?: boolean;
}

export function domainT(ctx: DomainContext): Translate<DomainMessageKey> {
  return translator(domainMessages, ctx.locale);
}

export { SOURCE } from '../../core/finding';

/** What the modprobe.d / command line services need besides the document, and the shape of a finding. */
import type { HostFacts } from '../../../../shared/src/hostFacts';
import type { Locale } from '../../core/l10n';
import type { Finding } from '../../core/finding';

export interface ModprobeContext {
  readonly locale: Locale;
  /** The probed host selected in the editor, for host-aware findings. */
  readonly host?: HostFacts | null;
}

/** What a quick-fix needs, carried in `Diagnostic.data`. */
export type ModprobeFix = { readonly kind: 'replace'; readonly candidates: readonly string[] } | { readonly kind: 'remove-line' };

export type ModprobeFinding = Finding<ModprobeFix>;

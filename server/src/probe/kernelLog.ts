/**
 * The kernel's kvm lines (probe.sh section `klog`: dmesg, journalctl -k or a fixture
 * file), run through the explain catalog: the one way to see `kvm: disabled by bios`
 * without root or MSR access.
 */
import type { Locale } from '../core/l10n/index';
import { explain, type Explanation } from '../lang/explain';
import type { Ctx } from './checkContext';
import { toHostFacts } from './facts';
import type { CheckStatus } from './types';



/** Categories that mean KVM cannot work on this host at all. */
const FAILING = new Set(['firmware-disabled', 'no-hardware-virt']);

export function checkKernelLog(c: Ctx, locale: Locale): Explanation[] {
  const { f, t } = c;
  const k = f.kernelLog;
  if (!k || k.status === 'absent') {
    c.add('probe-kernel-log', 'SKIP', [t('klog.absent')]);
    return [];
  }
  if (k.status === 'denied') {
    c.add('probe-kernel-log', 'NOTE', [t('klog.denied')]);
    return [];
  }
  const found = explain(k.lines.join('\n'), { locale, host: toHostFacts(f) });
  if (!found.length) {
    c.add('probe-kernel-log', 'PASS', [t('klog.clean', k.lines.length, k.via ?? '?')]);
    return [];
  }
  const status: CheckStatus = found.some((e) => FAILING.has(e.category)) ? 'FAIL' : 'WARN';
  const details = found.map((e) => t('klog.problem', e.category, e.evidence.lineText, e.message));
  c.add('probe-kernel-log', status, details, found.map((e) => e.fix));
  return found;
}

/** The usage texts of `nested-virt` and `nested-virt probe`, bounds and defaults filled in from the settings schema. */
import { DEFAULT_SERVER_SETTINGS, SETTINGS } from '../../../shared/src/settings';
import type { Translate } from '../core/l10n';
import type { ProbeT } from '../probe/messages';
import type { cliMessages } from './messages';

export function cliUsage(t: Translate<keyof typeof cliMessages.en>): string {
  const d = DEFAULT_SERVER_SETTINGS;
  return t('usage', d.novaRelease, d.hostArch, d.cpuMapPath);
}

export function probeUsage(t: ProbeT): string {
  const conc = SETTINGS['nestedVirt.probe.concurrency'];
  const ct = SETTINGS['nestedVirt.probe.connectTimeout'];
  return t('cli.usage', conc.minimum, conc.maximum, conc.default, ct.minimum, ct.maximum, ct.default,
    SETTINGS['nestedVirt.probe.sshPath'].default, SETTINGS['nestedVirt.probe.novaConfPath'].default, SETTINGS['nestedVirt.nova.release'].default,
    SETTINGS['nestedVirt.nova.hostArch'].default, SETTINGS['nestedVirt.cpuMap.path'].default);
}

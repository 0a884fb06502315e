/**
 * More startup failures of nova-compute, each from one file:
 *  - `[libvirt] file_backed_memory` > 0 needs `virt_type` kvm or qemu and `[DEFAULT]
 *    ram_allocation_ratio = 1.0` (nova/virt/libvirt/driver.py, `_check_file_backed_memory_support`:
 *    InternalError at init_host);
 *  - `$name` / `${group.name}` in a `[libvirt]` value naming an option oslo.config has not
 *    registered: reading the value raises NoSuchOptError (oslo_config.cfg `_substitute`).
 */
import type { Translate } from '../../core/l10n';
import type { NovaContext, NovaFinding as Finding } from './context';
import type { NovaMessageKey } from './messages';
import { novaOptions } from './options';
import { lastEntry, valueOffsetToDoc, type NovaConfFile, type NovaEntry } from './parser';
import { parseFloatValue, parseInteger } from './values';

/**
 * `[DEFAULT]` options of nova (nova/conf/*.py, oslo.log, oslo.messaging, oslo.service) that
 * `[libvirt]` values interpolate in practice. Not the whole group: a name outside this list
 * and the file's own `[DEFAULT]` keys is reported.
 */
export const KNOWN_DEFAULT_OPTIONS: ReadonlySet<string> = new Set([
  'host', 'my_ip', 'my_block_storage_ip', 'state_path', 'instances_path', 'pybasedir', 'bindir', 'tempdir',
  'compute_driver', 'rootwrap_config', 'transport_url', 'control_exchange', 'log_dir', 'log_file', 'debug',
  'ram_allocation_ratio', 'cpu_allocation_ratio', 'disk_allocation_ratio', 'reserved_host_memory_mb',
  'reserved_host_disk_mb', 'reserved_host_cpus', 'force_raw_images', 'use_cow_images', 'default_ephemeral_format',
  'instance_name_template', 'preallocate_images', 'config_drive_format', 'force_config_drive', 'mkisofs_cmd',
  'metadata_host', 'metadata_listen', 'osapi_compute_listen', 'default_availability_zone', 'image_cache_subdirectory_name',
  'injected_network_template', 'flat_injected', 'virt_mkfs', 'timeout_nbd', 'console_host', 'vif_plugging_timeout',
  'vif_plugging_is_fatal', 'max_concurrent_builds', 'max_concurrent_live_migrations', 'instance_usage_audit',
  'heal_instance_info_cache_interval', 'report_interval', 'service_down_time', 'shutdown_timeout', 'use_rootwrap_daemon',
]);

type Add = (f: Omit<Finding, 'message'> & { key: NovaMessageKey; args?: (string | number)[] }) => void;

function fileBackedMemory(file: NovaConfFile, virtType: string, add: Add): void {
  const fbm = lastEntry(file, 'libvirt', 'file_backed_memory');
  const mib = fbm ? parseInteger(fbm.value) : null;
  if (!fbm || mib === null || mib <= 0) return;
  if (virtType !== '' && virtType !== 'kvm' && virtType !== 'qemu') {
    add({ code: 'nova-file-backed-memory-virt-type', severity: 'error', start: fbm.valueStart, end: fbm.valueEnd, key: 'rule.fileBackedVirtType', args: [virtType] });
  }
  const ratio = lastEntry(file, 'DEFAULT', 'ram_allocation_ratio');
  const value = ratio ? parseFloatValue(ratio.value) : null;
  if (value !== 1) {
    const shown = ratio ? ratio.value.trim() : '';
    add({
      code: 'nova-file-backed-memory-ratio', severity: 'error', start: fbm.valueStart, end: fbm.valueEnd,
      key: ratio ? 'rule.fileBackedRatio' : 'rule.fileBackedRatioUnset', args: ratio ? [shown] : [],
    });
  }
}

/** `$name`, `${name}`, `${group.name}` references oslo substitutes; `$$` is a literal `$`. */
function references(value: string): { name: string; group?: string; at: number; len: number }[] {
  const out: { name: string; group?: string; at: number; len: number }[] = [];
  const re = /\$(?:\$|\{([^}]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const raw = m[1] ?? m[2];
    if (raw === undefined) continue;
    const dot = raw.indexOf('.');
    out.push(dot > 0 ? { group: raw.slice(0, dot), name: raw.slice(dot + 1), at: m.index, len: m[0].length } : { name: raw, at: m.index, len: m[0].length });
  }
  return out;
}

function interpolation(file: NovaConfFile, release: string, add: Add): void {
  const table = novaOptions();
  const fileDefaults = new Set<string>();
  for (const s of file.sections) if (s.normalized === 'DEFAULT') for (const e of s.entries) fileDefaults.add(e.key);
  const registered = (group: string | undefined, name: string): boolean => {
    if (group === 'libvirt' || group === undefined) if (table.get(name, release)) return true;
    if (group === 'DEFAULT' || group === undefined) return KNOWN_DEFAULT_OPTIONS.has(name) || fileDefaults.has(name);
    return group !== 'libvirt';
  };
  for (const s of file.sections) {
    if (s.normalized !== 'libvirt') continue;
    for (const e of s.entries) {
      if (!e.value.includes('$') || !table.get(e.key, release)) continue;
      for (const r of references(e.value)) {
        if (registered(r.group, r.name)) continue;
        const shown = r.group ? `\${${r.group}.${r.name}}` : `$${r.name}`;
        const start = valueOffsetToDoc(e as NovaEntry, r.at);
        add({
          code: 'nova-interpolation-unknown', severity: 'error', start, end: valueOffsetToDoc(e, r.at + r.len), key: r.group ? 'rule.interpolationGroup' : 'rule.interpolation',
          args: r.group ? [shown, r.name, r.group, e.key] : [shown, r.name, e.key],
        });
      }
    }
  }
}

export function startupFindings(file: NovaConfFile, ctx: NovaContext, virtType: string, t: Translate<NovaMessageKey>): Finding[] {
  const out: Finding[] = [];
  const add: Add = (f) => {
    out.push({ code: f.code, severity: f.severity, start: f.start, end: f.end, message: t(f.key, ...(f.args ?? [])) });
  };
  fileBackedMemory(file, virtType, add);
  interpolation(file, ctx.settings.novaRelease, add);
  return out;
}

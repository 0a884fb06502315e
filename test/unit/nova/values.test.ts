/** oslo.config value conversion, as verified against oslo.config 9.0 + nova 26 (see parser.test.ts). */
import * as assert from 'node:assert/strict';
import { parseNovaConf } from '../../../server/src/lang/nova';
import { novaOptions } from '../../../server/src/lang/nova/options';
import { checkValue, hasInterpolation, isHostAddress, parseBoolean, parseInteger, splitList } from '../../../server/src/lang/nova/values';

function items(value: string): string[] {
  return splitList(parseNovaConf(`[libvirt]\nx = ${value}\n`).entries[0]).map((i) => i.text);
}
function problems(key: string, value: string, release = 'zed'): string[] {
  const e = parseNovaConf(`[libvirt]\n${key} = ${value}\n`).entries[0];
  const spec = novaOptions().get(key, release);
  assert.ok(spec, key);
  return checkValue(e, spec).map((p) => p.code);
}

describe('nova values: oslo.config types', () => {
  it('Boolean: true/1/on/yes and false/0/off/no in any case, nothing else, no stripping', () => {
    for (const v of ['true', 'YES', 'On', '1']) assert.equal(parseBoolean(v), true, v);
    for (const v of ['False', 'no', 'OFF', '0']) assert.equal(parseBoolean(v), false, v);
    for (const v of ['t', 'y', '', ' true', 'true # c']) assert.equal(parseBoolean(v), undefined, JSON.stringify(v));
    assert.deepEqual(problems('inject_password', '" true"'), ['nova-invalid-boolean']);
    assert.deepEqual(problems('inject_password', ''), ['nova-invalid-boolean']);
  });

  it('Integer: Python int() — signs, underscores and leading zeros pass; hex and decimals fail; empty is unset', () => {
    assert.equal(parseInteger('1_000'), 1000);
    assert.equal(parseInteger('+5'), 5);
    assert.equal(parseInteger('007'), 7);
    assert.ok(Number.isNaN(parseInteger('0x10') ?? 0));
    assert.ok(Number.isNaN(parseInteger('1.0') ?? 0));
    assert.equal(parseInteger('  '), null);
    assert.deepEqual(problems('max_queues', ''), []);
    assert.deepEqual(problems('mem_stats_period_seconds', '0x10'), ['nova-invalid-integer']);
    assert.deepEqual(problems('wait_soft_reboot_seconds', '1.0'), ['nova-invalid-integer']);
  });

  it('Integer bounds and choices: num_pcie_ports 0..28, live_migration_downtime ≥ 100, rx_queue_size ∈ {256,512,1024}', () => {
    assert.deepEqual(problems('num_pcie_ports', '28'), []);
    assert.deepEqual(problems('num_pcie_ports', '29'), ['nova-value-out-of-range']);
    assert.deepEqual(problems('live_migration_downtime', '99'), ['nova-value-out-of-range']);
    assert.deepEqual(problems('volume_clear_size', ' -1 '), ['nova-value-out-of-range']);
    assert.deepEqual(problems('rx_queue_size', '300'), ['nova-invalid-choice']);
    assert.deepEqual(problems('tx_queue_size', '512'), []);
  });

  it('String choices are case-sensitive for cpu_mode, virt_type and images_type', () => {
    assert.deepEqual(problems('cpu_mode', 'HOST-PASSTHROUGH'), ['nova-invalid-choice']);
    assert.deepEqual(problems('virt_type', 'KVM'), ['nova-invalid-choice']);
    assert.deepEqual(problems('images_type', 'Qcow2'), ['nova-invalid-choice']);
    assert.deepEqual(problems('cpu_mode', ''), ['nova-invalid-choice']);
    assert.deepEqual(problems('cpu_mode', 'host-model:x'), ['nova-invalid-choice']);
  });

  it('virt_type choices follow the release: xen until victoria, gone from wallaby', () => {
    assert.deepEqual(problems('virt_type', 'xen', 'victoria'), []);
    assert.deepEqual(problems('virt_type', 'xen', 'wallaby'), ['nova-invalid-choice']);
  });

  it('List: split on every comma, strip items, drop trailing commas, no bracket or quote handling', () => {
    assert.deepEqual(items('[Haswell, Skylake]'), ['[Haswell', 'Skylake]']);
    assert.deepEqual(items('x86_64=pc-q35-6.2 , aarch64=virt,'), ['x86_64=pc-q35-6.2', 'aarch64=virt']);
    assert.deepEqual(items('vmx,,pcid'), ['vmx', '', 'pcid']);
    assert.deepEqual(items('a, b, ,'), ['a', 'b', '']);
    assert.deepEqual(items(',x86_64=pc'), ['', 'x86_64=pc']);
    assert.deepEqual(items('"a,b"'), ['a', 'b']); // the parser removed the quotes first
    assert.deepEqual(items(''), []);
  });

  it('List items map back to exact document offsets, across continuation lines', () => {
    const f = parseNovaConf('[libvirt]\ncpu_models = Haswell,\n  Skylake-Client\n');
    const list = splitList(f.entries[0]).map((i) => [i.text, f.text.slice(i.start, i.end)]);
    assert.deepEqual(list, [['Haswell', 'Haswell'], ['Skylake-Client', 'Skylake-Client']]);
  });

  it('pike and queens accept only the security flags in cpu_model_extra_flags, case-insensitively', () => {
    assert.deepEqual(problems('cpu_model_extra_flags', 'PCID, ssbd', 'queens'), []);
    assert.deepEqual(problems('cpu_model_extra_flags', 'pcid, vmx', 'queens'), ['nova-invalid-list-item']);
    assert.deepEqual(problems('cpu_model_extra_flags', 'pcid, vmx', 'rocky'), []);
  });

  it('HostDomain allows underscores, HostAddress does not; empty and <None> are invalid', () => {
    assert.equal(isHostAddress('my_host.example.com', true), true);
    assert.equal(isHostAddress('my_host.example.com', false), false);
    assert.equal(isHostAddress('10.0.0.1', false), true);
    assert.equal(isHostAddress('fe80::1', false), true);
    assert.equal(isHostAddress('compute-1', false), true);
    assert.equal(isHostAddress('-bad.example', true), false);
    assert.equal(isHostAddress('1.2.3', true), false);
    assert.deepEqual(problems('live_migration_inbound_addr', '<None>'), ['nova-invalid-host-address']);
  });

  it('skips values that use $name or ${group.name} interpolation, but not $$ or \\$ escapes', () => {
    assert.equal(hasInterpolation('$state_path/mnt'), true);
    assert.equal(hasInterpolation('${libvirt.cpu_mode}'), true);
    assert.equal(hasInterpolation('$$literal'), false);
    assert.equal(hasInterpolation('\\$literal'), false);
    assert.deepEqual(problems('cpu_mode', '$virt_type'), []);
  });
});

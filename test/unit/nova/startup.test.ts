/** nova-compute startup failures: file_backed_memory requirements and `$name` interpolation (NoSuchOptError). */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { codes, lint, msg, only } from './helpers';

describe('nova rules: file_backed_memory', () => {
  const conf = (defaults: string[], libvirt: string[]): string => ['[DEFAULT]', ...defaults, '', '[libvirt]', ...libvirt, ''].join('\n');

  it('is fine with kvm and ram_allocation_ratio = 1.0', () => {
    assert.deepEqual(codes(lint(conf(['ram_allocation_ratio = 1.0'], ['virt_type = kvm', 'file_backed_memory = 1048576'])).diags), []);
  });

  it('with virt_type=lxc nova-compute will not start', () => {
    const { doc, diags } = lint(conf(['ram_allocation_ratio = 1.0'], ['virt_type = lxc', 'uid_maps = 0:1000:100', 'gid_maps = 0:1000:100', 'file_backed_memory = 1048576']));
    const d = only(diags, 'nova-file-backed-memory-virt-type');
    assert.equal(d.length, 1);
    assert.equal(doc.getText(d[0].range), '1048576');
    assert.equal(d[0].severity, DiagnosticSeverity.Error);
    assert.match(msg(d[0]), /kvm or qemu, not "lxc": nova-compute will not start/);
  });

  it('with ram_allocation_ratio other than 1.0, or unset, nova-compute will not start', () => {
    const set = lint(conf(['ram_allocation_ratio = 1.5'], ['file_backed_memory = 1048576'])).diags;
    assert.match(msg(only(set, 'nova-file-backed-memory-ratio')[0]), /not "1.5"/);
    const unset = lint(conf([], ['file_backed_memory = 1048576'])).diags;
    assert.match(msg(only(unset, 'nova-file-backed-memory-ratio')[0]), /does not set/);
    assert.deepEqual(codes(lint(conf([], ['file_backed_memory = 0'])).diags), []);
  });
});

describe('nova rules: $name interpolation', () => {
  it('options of [libvirt] and well-known [DEFAULT] options resolve', () => {
    const text = ['[DEFAULT]', 'my_ip = 192.0.2.10', '', '[libvirt]', 'live_migration_inbound_addr = $my_ip', 'images_rbd_ceph_conf = ${state_path}/ceph.conf', 'images_rbd_pool = $$literal', ''].join('\n');
    assert.deepEqual(codes(lint(text).diags), []);
  });

  it('a name no group registers raises NoSuchOptError', () => {
    const { doc, diags } = lint(['[libvirt]', 'live_migration_inbound_addr = $my_ipp', ''].join('\n'));
    const d = only(diags, 'nova-interpolation-unknown');
    assert.equal(d.length, 1);
    assert.equal(doc.getText(d[0].range), '$my_ipp');
    assert.equal(d[0].severity, DiagnosticSeverity.Error);
    assert.match(msg(d[0]), /NoSuchOptError/);
  });

  it('a group-qualified name must be registered in that group', () => {
    const { doc, diags } = lint(['[libvirt]', 'images_rbd_pool = ${libvirt.rbd_pool}', 'images_rbd_ceph_conf = ${libvirt.images_rbd_pool}.conf', ''].join('\n'));
    const d = only(diags, 'nova-interpolation-unknown');
    assert.deepEqual(d.map((x) => doc.getText(x.range)), ['${libvirt.rbd_pool}']);
    assert.match(msg(d[0]), /"rbd_pool" is not registered in "\[libvirt\]"/);
  });

  it('values of keys nova does not register are never read, so never interpolated', () => {
    const d = lint(['[libvirt]', 'not_an_option = $nothing', ''].join('\n')).diags;
    assert.deepEqual(codes(d), ['nova-unknown-key']);
    assert.equal(d[0].severity, DiagnosticSeverity.Warning);
  });
});

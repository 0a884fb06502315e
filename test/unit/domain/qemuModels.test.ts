/** QEMU's model names per guest arch: generated from scripts/data, and used where libvirt leaves models to QEMU. */
import * as assert from 'node:assert/strict';
import { qemuJudgesModels, qemuKnowsModel } from '../../../server/src/lang/domain/qemuModels';

describe('QEMU CPU model names', () => {
  it('knows the names libvirt writes back in its own tests, per arch and case rule', () => {
    assert.ok(qemuKnowsModel('aarch64', 'cortex-a15'));
    assert.ok(qemuKnowsModel('aarch64', 'neoverse-n1'));
    assert.ok(qemuKnowsModel('armv7l', 'arm926'));
    assert.ok(!qemuKnowsModel('armv7l', 'neoverse-n1'), '64-bit cores are not in qemu-system-arm');
    assert.ok(qemuKnowsModel('ppc64', 'g3'));
    assert.ok(qemuKnowsModel('ppc64', 'POWER9'), 'ppc names are case-insensitive');
    assert.ok(!qemuKnowsModel('aarch64', 'Cortex-A15'), 'ARM names are exact');
    assert.ok(!qemuJudgesModels('x86_64', 'kvm'));
    assert.ok(qemuJudgesModels('aarch64', 'kvm'));
    assert.ok(!qemuJudgesModels('ppc64', 'kvm'), 'KVM ppc64 guests are compared with the host through cpu_map');
    assert.ok(qemuJudgesModels('ppc64', 'qemu'));
  });
});

import * as assert from 'node:assert/strict';
import { qemuCpuArg } from '../../../server/src/lang/domain/qemu';
import { fixture, load } from './helpers';

function arg(xml: string, arch?: string) {
  const l = load(xml);
  return qemuCpuArg(l.domain.cpus[0], arch ?? l.domain.arch);
}

const wrap = (cpu: string): string => `<domain type='kvm'>\n  ${cpu}\n</domain>\n`;

describe('qemuCpuArg', () => {
  it('host-passthrough is -cpu host (seed how-to)', () => {
    const q = arg(fixture('seed-howto.xml'));
    assert.deepEqual(q, { value: 'host', arg: '-cpu host', dependsOnHost: false, optional: [] });
  });

  it('host-passthrough keeps migratable and features', () => {
    const q = arg(wrap("<cpu mode='host-passthrough' migratable='off'><feature policy='disable' name='vmx'/></cpu>"));
    assert.equal(q.arg, '-cpu host,migratable=off,-vmx');
  });

  it('maximum is -cpu max', () => {
    assert.equal(arg(wrap("<cpu mode='maximum' migratable='on'/>")).arg, '-cpu max,migratable=on');
  });

  it('host-model is -cpu host, but depends on the host', () => {
    const q = arg(fixture('etc-libvirt-qemu-instance.xml'));
    assert.equal(q.arg, '-cpu host,+vmx');
    assert.equal(q.dependsOnHost, true);
  });

  it('custom: the model with +feature for require/force/optional and -feature for disable/forbid', () => {
    const q = arg(
      wrap(
        "<cpu mode='custom' match='exact'><model fallback='forbid'>Haswell-noTSX</model>" +
          "<feature policy='require' name='vmx'/><feature policy='disable' name='pcid'/><feature policy='force' name='x2apic'/>" +
          "<feature policy='forbid' name='hle'/><feature policy='optional' name='pdpe1gb'/><feature name='ssbd'/></cpu>",
      ),
    );
    assert.equal(q.arg, '-cpu Haswell-noTSX,+vmx,-pcid,+x2apic,-hle,+pdpe1gb,+ssbd');
    assert.deepEqual(q.optional, ['pdpe1gb']);
    assert.equal(q.dependsOnHost, false);
  });

  it('custom with the mode omitted, from a virsh dumpxml', () => {
    assert.equal(arg(fixture('dumpxml-custom.xml')).arg, '-cpu Haswell-noTSX,+ss,-pcid');
    assert.equal(arg(wrap('<cpu><model>Westmere</model></cpu>')).arg, '-cpu Westmere');
  });

  it('no model: no -cpu, QEMU picks its default for the arch', () => {
    assert.deepEqual(arg(wrap("<cpu mode='custom'><topology sockets='1' cores='2' threads='1'/></cpu>")), {
      value: undefined,
      arg: '',
      dependsOnHost: false,
      optional: [],
      defaultCpu: 'qemu64',
    });
    assert.equal(arg(wrap("<cpu mode='bogus'/>"), 'aarch64').defaultCpu, 'cortex-a15');
  });
});

/** The probe reads a host's modprobe.d with the shared parser: continuations and comments as kmod reads them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFacts } from '../../server/src/probe/facts';
import { reportFromOutput } from '../../server/src/probe/index';
import { parseProbeOutput } from '../../server/src/probe/parse';
import { check, fx, runShell } from './helpers';

describe('probe: modprobe.d through the shared parser', () => {
  it('joins a `\\` continuation and drops the line a continued comment swallows', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nv-mp-'));
    try {
      fs.cpSync(fx('amd-nested-off'), root, { recursive: true });
      fs.writeFileSync(
        path.join(root, 'etc/modprobe.d/kvm-nested.conf'),
        '# turn nesting off again for the storage nodes \\\noptions kvm_amd nested=0\noptions kvm_amd \\\n    nested=1\n',
      );
      const out = runShell(['dash'], root);
      const f = buildFacts(parseProbeOutput(out), 'amd');
      const file = f.modprobe.files.find((x) => x.base === 'kvm-nested.conf')!;
      assert.deepEqual(file.lines.map((l) => [l.line, l.text, l.module, l.params]), [[3, 'options kvm_amd nested=1', 'kvm_amd', [{ name: 'nested', value: '1' }]]]);
      const mp = check(reportFromOutput('amd', out), 'probe-modprobe');
      assert.ok(mp.details.includes('/etc/modprobe.d/kvm-nested.conf:3: options kvm_amd nested=1 — effective'), mp.details.join('\n'));
      assert.ok(mp.details.some((d) => d.startsWith('/etc/modprobe.d/dist.conf:2: options amd nested=1')), mp.details.join('\n'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

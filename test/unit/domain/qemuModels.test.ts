/** QEMU's model names per guest arch: generated from scripts/data, and used where libvirt leaves models to QEMU. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { qemuJudgesModels, qemuKnowsModel } from '../../../server/src/lang/domain/qemuModels';
import { REPO } from '../../helpers';

describe('QEMU CPU model names', () => {
  it('the committed data is what the generator makes from scripts/data/qemu-cpu-models.json', function () {
    this.timeout(60000);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-gen-')), 'qemuModels.json');
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO, 'scripts', 'gen-qemu-models.ts'), out], { stdio: 'pipe' });
    const committed = fs.readFileSync(path.join(REPO, 'server', 'src', 'lang', 'data', 'qemuModels.generated.json'), 'utf8');
    assert.ok(fs.readFileSync(out, 'utf8') === committed, 'run: npx tsx scripts/gen-qemu-models.ts');
  });

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

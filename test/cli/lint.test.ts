import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES } from '../helpers';
import { nestedVirt } from './run';

interface JsonResult {
  file: string;
  diagnostics: { range: { start: { line: number; character: number } }; severity: number; code: string; source: string; message: string }[];
}

describe('nested-virt lint (domain XML)', () => {
  it('lints the bundled examples compiler-style and exits 1 on errors', () => {
    const r = nestedVirt(['lint', 'examples/']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('examples/vm.xml:6:37: error vcpu-current-exceeds current="20" is greater than the maximum of 16 vCPUs; libvirt refuses this.'), r.stdout);
    assert.ok(lines.some((l) => /^examples\/vm\.xml:17:37: error cpu-feature-unknown CPU feature "avx512"/.test(l)));
    // The how-to's persistence step, found by its place: modprobe.d/*.conf.
    assert.ok(lines.some((l) => /^examples\/etc\/modprobe\.d\/kvm\.conf:3:9: warning modprobe-unknown-module /.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^examples\/etc\/modprobe\.d\/kvm\.conf:5:24: error modprobe-bad-value /.test(l)), r.stdout);
    assert.match(r.stderr, /file\(s\) checked: \d+ error\(s\)/);
  });

  it('JSON output has LSP diagnostics with 0-based positions and LSP severities', () => {
    const r = nestedVirt(['lint', '--format', 'json', 'examples/vm.xml']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as JsonResult[];
    assert.equal(out.length, 1);
    assert.equal(out[0].file, 'examples/vm.xml');
    const d = out[0].diagnostics.find((x) => x.code === 'vcpu-current-exceeds')!;
    assert.deepEqual(d.range.start, { line: 5, character: 36 });
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'nested-virt');
  });

  it('SARIF 2.1.0 output has rules named by code, 1-based regions and mapped levels', () => {
    const r = nestedVirt(['lint', '--format=sarif', 'examples/vm.xml']);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((x) => x.id);
    assert.ok(ids.includes('vcpu-current-exceeds'));
    const res = run.results.find((x) => x.ruleId === 'vcpu-current-exceeds')!;
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region.startLine, 6);
    assert.deepEqual(res.locations[0].physicalLocation.region.startColumn, 37);
    // vmx required with an AMD model: libvirt refuses to start it on the hosts the model is for (an error under the rule).
    assert.equal(run.results.find((x) => x.ruleId === 'cpu-nested-vendor-mismatch')!.level, 'error');
  });

  it('exits 0 on a file libvirt accepts', () => {
    const r = nestedVirt(['lint', path.join(FIXTURES, 'domain', 'valid', 'custom-vmx-topology.xml')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('recurses into directories and picks domain XML by its root element', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-dir-'));
    fs.mkdirSync(path.join(dir, 'qemu', 'autostart'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'qemu', 'bad.xml'), `<domain type='kvm'><cpu mode='host-modle'/></domain>`);
    fs.writeFileSync(path.join(dir, 'qemu', 'autostart', 'net.xml'), `<network><name>default</name></network>`);
    const r = nestedVirt(['lint', '--format', 'json', dir]);
    const out = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(out.map((x) => x.file), [path.relative(process.cwd(), path.join(dir, 'qemu', 'bad.xml'))]);
    assert.equal(out[0].diagnostics[0].code, 'cpu-mode-invalid');
    assert.equal(r.code, 1);
  });

  it('in directories, passes over XML that is not a domain (even empty) and never lints XML as nova.conf', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-dir-'));
    fs.mkdirSync(path.join(dir, 'etc', 'nova'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'empty.xml'), '');
    fs.writeFileSync(path.join(dir, 'comment.xml'), '<!-- nothing yet -->\n');
    fs.writeFileSync(path.join(dir, 'vm.xml'), `<domain type='kvm'><cpu mode='host-passthrough'/></domain>`);
    fs.writeFileSync(path.join(dir, 'etc', 'nova', 'nova.conf'), '[libvirt]\ncpu_mode = host-passthrough\nvirt_type = kvm\n');
    fs.writeFileSync(path.join(dir, 'compute.conf'), '[libvirt]\ncpu_mode = host-passthrough\n');
    const rel = (f: string): string => path.relative(process.cwd(), path.join(dir, f));
    const files = (args: string[]): { code: number | null; files: string[] } => {
      const r = nestedVirt(['lint', '--format', 'json', ...args, dir]);
      return { code: r.code, files: (JSON.parse(r.stdout) as JsonResult[]).map((x) => x.file) };
    };
    assert.deepEqual(files([]), { code: 0, files: [rel('etc/nova/nova.conf'), rel('vm.xml')] });
    assert.deepEqual(files(['--type', 'nova']), { code: 0, files: [rel('compute.conf'), rel('etc/nova/nova.conf')] });
    assert.deepEqual(files(['--type', 'domain']), { code: 0, files: [rel('vm.xml')] });
  });

  it('SARIF artifact locations are URI references: relative paths percent-encoded, absolute ones file URIs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint sarif #'));
    const file = path.join(dir, 'my vm.xml');
    fs.writeFileSync(file, `<domain type='kvm'><cpu mode='host-modle'/></domain>`);
    const uriOf = (target: string, cwd?: string): string => {
      const sarif = JSON.parse(nestedVirt(['lint', '--format', 'sarif', target], { cwd }).stdout) as {
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      return sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    };
    assert.equal(uriOf(file), pathToFileURL(file).href);
    assert.equal(uriOf('my vm.xml', dir), 'my%20vm.xml');
    assert.equal(uriOf(path.basename(dir), path.dirname(dir)), `${encodeURIComponent(path.basename(dir))}/my%20vm.xml`);
  });

  it('reads standard input with -', () => {
    const r = nestedVirt(['lint', '--type', 'domain', '-'], { input: `<domain type='qemu'><cpu mode='host-passthrough'/></domain>` });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^-:1:32: error domain-tcg-host-passthrough /m);
  });

  it('uses the cpu_map given with --cpu-map', () => {
    const legacy = path.join(FIXTURES, 'cpumap', 'legacy', 'cpu_map.xml');
    const text = `<domain type='kvm'><cpu mode='custom'><model>core2duo</model><feature policy='require' name='vmx'/></cpu></domain>`;
    assert.equal(nestedVirt(['lint', '--type', 'domain', '--cpu-map', legacy, '-'], { input: text }).code, 0);
    const r = nestedVirt(['lint', '--type', 'domain', '--cpu-map', legacy, '-'], { input: text.replace('core2duo', 'Haswell') });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /cpu-model-unknown/);
  });

  it('speaks Chinese under LANG=zh_CN.UTF-8 or --lang zh-CN, with the same codes', () => {
    const a = nestedVirt(['lint', 'examples/vm.xml'], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.match(a.stdout, /examples\/vm\.xml:6:37: 错误 vcpu-current-exceeds current="20" 大于最大 vCPU 数 16/);
    assert.match(a.stderr, /共检查 1 个文件/);
    const b = nestedVirt(['lint', '--lang', 'zh-CN', 'examples/vm.xml']);
    assert.match(b.stdout, /大于最大 vCPU 数/);
  });

  it('exits 2 on bad usage or an unreadable file, with a clear message', () => {
    const a = nestedVirt(['lint', '--format', 'xml', 'examples/vm.xml']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /Invalid value "xml" for --format. Allowed: text, json, sarif/);
    const b = nestedVirt(['lint', 'no/such/file.xml']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /Cannot read no\/such\/file.xml: ENOENT/);
    assert.equal(nestedVirt(['lint']).code, 2);
    assert.equal(nestedVirt(['frobnicate']).code, 2);
    const help = nestedVirt(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit status: 0 no errors/);
  });
});

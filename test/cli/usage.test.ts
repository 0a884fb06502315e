import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classify } from '../../server/src/facade/service';
import { SERVER } from '../protocol/lspClient';
import { nestedVirt } from './run';

function server(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', ...env }, timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command-line usage errors (exit 2, messages from the catalogs)', () => {
  it('nested-virt: unknown option or command, no arguments', () => {
    assert.match(nestedVirt(['--nope']).stderr, /^nested-virt: Unknown option "--nope"\.\n\nUsage:/);
    assert.equal(nestedVirt(['--nope']).code, 2);
    assert.equal(nestedVirt(['frobnicate']).code, 2);
    assert.match(nestedVirt(['frobnicate']).stderr, /Unknown command "frobnicate"/);
    assert.equal(nestedVirt([]).code, 2);
    assert.equal(nestedVirt(['help']).code, 0);
    assert.equal(nestedVirt(['-h']).code, 0);
  });

  it('nested-virt lint: missing value, unknown short flag, bad value, in the --lang language', () => {
    const missing = nestedVirt(['lint', 'examples/vm.xml', '--format']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Option --format needs a value\./);
    assert.match(nestedVirt(['lint', '-qx', 'examples/vm.xml']).stderr, /Unknown option "-x"\./);
    const zh = nestedVirt(['lint', '--type', 'yaml', '--lang', 'zh-CN', 'examples/vm.xml']);
    assert.equal(zh.code, 2);
    assert.match(zh.stderr, /--type 的值 "yaml" 无效。允许的值：domain, nova, modprobe, cmdline。/);
  });

  it('nested-virt lint reads "-" as standard input and "--" ends the options', () => {
    const r = nestedVirt(['lint', '--type', 'domain', '--', '-'], { input: "<domain type='kvm'><vcpu current='4'>2</vcpu></domain>" });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /vcpu-current-exceeds/);
  });

  it('nested-virt probe: unknown option and bad values', () => {
    const r = nestedVirt(['probe', '--concurency', '4', 'h']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nested-virt probe: unknown option --concurency\n/);
    assert.match(nestedVirt(['probe', '--timeout', '0', 'h']).stderr, /invalid value "0" for --timeout \(expected 1-3600\)/);
    assert.match(nestedVirt(['probe', '--nova-conf', 'etc/nova.conf', 'h']).stderr, /expected \/absolute\/path/);
  });

  it('the language server: --help, and exit 2 with usage on an unknown option or a missing value', () => {
    assert.match(server(['--help']).stdout, /^Usage: nested-virt-language-server --stdio/);
    const bad = server(['--stdoi']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^nested-virt-language-server: Unknown option "--stdoi"\.\n\nUsage:/);
    const zh = server(['--socket'], { LANG: 'zh_CN.UTF-8' });
    assert.equal(zh.code, 2);
    assert.match(zh.stderr, /选项 --socket 需要一个值。/);
  });
});

describe('nested-virt lint decides document kinds as the editor does', () => {
  it('a domain after a BOM is linted; text that only contains <domain> is neither kind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinds-'));
    fs.writeFileSync(path.join(dir, 'vm.xml'), "\ufeff<domain type='kvm'><vcpu current='4'>2</vcpu></domain>");
    fs.writeFileSync(path.join(dir, 'notes.txt'), "see <domain type='kvm'> in vm.xml");
    const vm = nestedVirt(['lint', 'vm.xml'], { cwd: dir });
    assert.equal(vm.code, 1, vm.stderr);
    assert.match(vm.stdout, /vcpu-current-exceeds/);
    assert.equal(classify('xml', fs.readFileSync(path.join(dir, 'vm.xml'), 'utf8'), pathToFileURL(path.join(dir, 'vm.xml')).href), 'domain');
    const notes = nestedVirt(['lint', 'notes.txt'], { cwd: dir });
    assert.equal(notes.code, 2);
    assert.match(notes.stderr, /Cannot tell what kind of file notes\.txt is; use --type domain\|nova\|modprobe\|cmdline/);
    assert.equal(classify('plaintext', "see <domain type='kvm'> in vm.xml", pathToFileURL(path.join(dir, 'notes.txt')).href), 'none');
  });
});

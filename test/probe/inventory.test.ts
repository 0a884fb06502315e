/** Inventory and destination validation as Ansible and OpenSSH read them; sanitized output. */
import * as assert from 'node:assert/strict';
import { expandRange, MAX_HOSTS, parseInventory } from '../../server/src/probe/inventory';
import { sanitize } from '../../server/src/probe/sanitize';
import { sshArgs, validateHost } from '../../server/src/probe/ssh';

describe('Ansible inventory: variables, caps and validation', () => {
  const inventory = [
    '[all:vars]',
    'ansible_user=deploy',
    'ansible_port=2200',
    '',
    '[compute]',
    'cmp[01:03].dc1',
    'cmp04.dc1 ansible_port=22',
    '',
    '[gpu]',
    'gpu1 ansible_host=fe80::10',
    '',
    '[compute:vars]',
    'ansible_user = ops',
    '',
    '[cloud:children]',
    'compute',
    'gpu',
    '',
    '[cloud:vars]',
    'ansible_user=cloud',
    'ansible_port=2201',
  ].join('\n');

  it('host vars beat child-group vars, which beat parent-group vars, which beat [all:vars]', () => {
    const inv = parseInventory(inventory);
    assert.deepEqual(inv.problems, []);
    const by = new Map(inv.hosts.map((h) => [h.name, h]));
    // compute (child of cloud) sets the user; cloud sets the port; all:vars loses both.
    assert.equal(by.get('cmp01.dc1')!.destination, 'ops@cmp01.dc1');
    assert.equal(by.get('cmp01.dc1')!.port, 2201);
    // a host's own ansible_port=22 is the default: no -p.
    assert.equal(by.get('cmp04.dc1')!.port, undefined);
    // gpu is in cloud only: cloud's user and port; its IPv6 address stays bare.
    assert.equal(by.get('gpu1')!.destination, 'cloud@fe80::10');
    assert.equal(by.get('gpu1')!.port, 2201);
  });

  it('deeply nested and cyclic :children groups resolve without recursion', () => {
    const chain = Array.from({ length: 20000 }, (_, i) => `[g${i + 1}:children]\ng${i}`).join('\n');
    const inv = parseInventory(`[g0]\nleaf\n${chain}\n[g20000:vars]\nansible_user=top\n[g0:vars]\nansible_user=bottom\n[g0:children]\ng20000\n`);
    assert.deepEqual(inv.hosts.map((h) => h.destination), ['bottom@leaf']);
  });

  it('a bad ansible_port is a problem for that host, not port 22', () => {
    const inv = parseInventory('[compute]\ncmp1 ansible_port=22x\ncmp2\n');
    assert.deepEqual(inv.hosts.map((h) => h.name), ['cmp2']);
    assert.match(inv.problems[0].message, /cmp1: ansible_port "22x" is not a port/);
    assert.equal(inv.problems[0].line, 2);
  });

  it('caps expansion at 10,000 hosts with a clear problem, and expands ranges linearly', () => {
    const inv = parseInventory('[big]\nn[0:99]-[0:99]-[0:9].dc\n');
    assert.equal(inv.hosts.length, 0);
    assert.match(inv.problems[0].message, /more than 10000 hosts/);
    const ok = parseInventory('[big]\nn[0:99]-[0:99].dc\n');
    assert.equal(ok.hosts.length, MAX_HOSTS);
    assert.equal(expandRange('a[0:99]b[0:99]c[0:99]').length, MAX_HOSTS);
    // 5,000 ranges on one line: the cap applies before any expansion.
    const many = parseInventory(`[x]\n${'h[1:2]'.repeat(5000)}\n`);
    assert.match(many.problems[0].message, /more than 10000 hosts/);
  });

  it('OpenSSH destinations: user@host:port is refused, IPv6 and ports go as a bare host and -p', () => {
    assert.match(validateHost('root@cmp-01:2222')!, /OpenSSH does not take host:port/);
    assert.match(validateHost('cmp-01:22')!, /host:port/);
    assert.equal(validateHost('fe80::1'), undefined);
    assert.equal(validateHost('root@fe80::1'), undefined);
    const args = sshArgs('root@[fe80::1]', { port: 2222 });
    assert.deepEqual(args.slice(args.indexOf('-p')), ['-p', '2222', '--', 'root@fe80::1', 'sh', '-s']);
    assert.ok(!args.some((a) => a.startsWith('ssh://')));
  });

  it('sanitizes what reaches the terminal: controls, separators and bidi marks are shown escaped', () => {
    assert.equal(sanitize('host\u001b[31m\u2028\u200e\u202e.txt'), 'host\\u{001b}[31m\\u{2028}\\u{200e}\\u{202e}.txt');
    assert.equal(sanitize('plain-name'), 'plain-name');
  });
});

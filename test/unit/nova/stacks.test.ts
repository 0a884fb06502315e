import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SERVER_SETTINGS, parseServerSettings } from '../../../shared/src/settings';
import { LanguageService, type RequestOptions } from '../../../server/src/facade/service';
import { explainStackValue, stackActions, stackFindings, stackHover, type StackDocs } from '../../../server/src/facade/stacks';
import { parseNovaConf } from '../../../server/src/lang/nova';
import { NovaView } from '../../../server/src/lang/nova/stack';
import { explicitStack, findStacks, globToRegExp, homeStack, settingStacks, type StackSpec } from '../../../server/src/lang/nova/stackLayout';
import { LineIndex } from '../../../server/src/core/lines';
import { FIXTURES, applyEdits } from '../../helpers';
import { toDiagnostics } from '../../../server/src/edge/diagnostics';
import type { HostFacts } from '../../../shared/src/hostFacts';

const STACKS = path.join(FIXTURES, 'stacks');
const opts: RequestOptions = { settings: { ...DEFAULT_SERVER_SETTINGS, cpuMapPath: 'bundled' }, locale: 'en' };

/** Every file under a folder, in the order readdir gives them. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const todo = [dir];
  for (let d = todo.pop(); d !== undefined; d = todo.pop()) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) todo.push(p);
      else out.push(p);
    }
  }
  return out;
}

function docsOf(spec: StackSpec): StackDocs {
  return { spec, docs: spec.paths.map((p) => TextDocument.create(pathToFileURL(p).toString(), 'nova-conf', 1, fs.readFileSync(p, 'utf8'))) };
}

function byName(specs: readonly StackSpec[], name: string): StackSpec {
  const s = specs.find((x) => x.name === name);
  assert.ok(s, `no stack ${name} in ${specs.map((x) => x.name).join(', ')}`);
  return s;
}

/** `label:line code` for every finding of the stack at or above a severity. */
function summary(service: LanguageService, stack: StackDocs, severities = ['error', 'warning']): string[] {
  const out: string[] = [];
  stackFindings(service, stack, opts).forEach((list, i) => {
    const lines = new LineIndex(stack.docs[i].getText());
    for (const f of list) if (severities.includes(f.severity)) out.push(`${path.relative(stack.spec.root, stack.spec.paths[i])}:${lines.lineNumber(f.start)} ${f.code}`);
  });
  return out;
}

describe('nova.conf stacks: kolla-ansible config/ folder', () => {
  const root = path.join(STACKS, 'kolla', 'config');
  const specs = findStacks(filesUnder(root));
  const service = new LanguageService();

  it('finds one stack for every host folder plus one for all other hosts, in merge order', () => {
    assert.deepEqual(specs.map((s) => s.name), ['kolla:*', 'kolla:compute-01', 'kolla:compute-07']);
    const rel = (s: StackSpec): string[] => s.paths.map((p) => path.relative(root, p));
    assert.deepEqual(rel(byName(specs, 'kolla:*')), ['global.conf', 'nova.conf', 'nova/nova-compute.conf']);
    assert.deepEqual(rel(byName(specs, 'kolla:compute-07')), ['global.conf', 'nova.conf', 'nova/nova-compute.conf', 'nova/compute-07/nova.conf']);
    assert.equal(byName(specs, 'kolla:compute-07').host, 'compute-07');
  });

  it('cpu_mode=custom in nova.conf with cpu_models in nova-compute.conf: no error (each file alone has one)', () => {
    assert.deepEqual(summary(service, docsOf(byName(specs, 'kolla:*'))), []);
    // The old behaviour, each fragment alone, gives the two false errors.
    const alone = (f: string): string[] => service.findings(TextDocument.create(pathToFileURL(path.join(root, f)).toString(), 'nova-conf', 1, fs.readFileSync(path.join(root, f), 'utf8')), opts).map((x) => x.code);
    assert.ok(alone('nova.conf').includes('nova-custom-without-models'));
    assert.ok(alone('nova/nova-compute.conf').includes('nova-cpu-models-without-custom'));
  });

  it('a host overlay switching to host-passthrough under the service cpu_models: one error, in the host file at its cpu_mode line', () => {
    const stack = docsOf(byName(specs, 'kolla:compute-07'));
    assert.deepEqual(summary(service, stack), ['nova/compute-07/nova.conf:3 nova-cpu-models-without-custom']);
    const f = stackFindings(service, stack, opts)[3].find((x) => x.severity === 'error');
    assert.ok(f);
    assert.equal(stack.docs[3].getText().slice(f.start, f.end), 'host-passthrough');
    assert.match(f.message, /Also involved: `cpu_models = Haswell-noTSX` \(nova\/nova-compute\.conf:7\)/, f.message);
    // The other hosts are fine.
    assert.deepEqual(summary(service, docsOf(byName(specs, 'kolla:compute-01'))), []);
  });

  it('marks a value a later file overrides, with an information finding naming that file', () => {
    const stack = docsOf(byName(specs, 'kolla:compute-07'));
    const info = stackFindings(service, stack, opts)[1].filter((x) => x.code === 'nova-overridden');
    assert.equal(info.length, 1);
    assert.equal(info[0].severity, 'information');
    assert.equal(stack.docs[1].getText().slice(info[0].start, info[0].end), 'cpu_mode');
    assert.match(info[0].message, /nova\/compute-07\/nova\.conf:3.*host-passthrough/);
  });

  it('hover on a global.conf key that nova-compute.conf overrides shows the effective value and the file', () => {
    const stack = docsOf(byName(specs, 'kolla:*'));
    const text = stack.docs[0].getText();
    const h = stackHover(service, stack, 0, text.indexOf('debug') + 2, opts);
    const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(md, /nova-compute reads `False`, set by nova\/nova-compute\.conf:3/);
    assert.match(md, /overridden by `debug = False` \(nova\/nova-compute\.conf:3\)/);
    // And from the other side: what it overrides.
    const t2 = stack.docs[2].getText();
    const h2 = stackHover(service, stack, 2, t2.indexOf('debug') + 1, opts);
    const md2 = h2 && typeof h2.contents === 'object' && 'value' in h2.contents ? h2.contents.value : '';
    assert.match(md2, /Overrides: `debug = True` \(global\.conf:3\)/);
  });

  it('hover on a shared file lists the host stacks where another file decides the value', () => {
    const home = docsOf(byName(specs, 'kolla:*'));
    const others = ['kolla:compute-01', 'kolla:compute-07'].map((n) => docsOf(byName(specs, n)));
    const text = home.docs[1].getText();
    const h = stackHover(service, home, 1, text.indexOf('cpu_mode') + 1, opts, others);
    const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(md, /nova-compute reads `custom`, set by nova\.conf:9/);
    assert.match(md, /- In `kolla:compute-07`: `host-passthrough`, set by nova\/compute-07\/nova\.conf:3\./);
    assert.doesNotMatch(md, /compute-01/, 'compute-01 reads the same value');
  });

  it('the host stack is home for the host file, kolla:* for the shared ones', () => {
    assert.equal(homeStack(specs, path.join(root, 'nova', 'compute-07', 'nova.conf'))?.name, 'kolla:compute-07');
    assert.equal(homeStack(specs, path.join(root, 'global.conf'))?.name, 'kolla:*');
    assert.equal(homeStack(specs, path.join(root, 'nova', 'nova-compute.conf'))?.name, 'kolla:*');
  });

  it('the passthrough fix for a host overlay stays in the host file: an empty cpu_models clears the shared list there', () => {
    const stack = docsOf(byName(specs, 'kolla:compute-07'));
    const f = stackFindings(service, stack, opts)[3].find((x) => x.severity === 'error');
    assert.ok(f);
    const diags = toDiagnostics([f], new LineIndex(stack.docs[3].getText()));
    const actions = stackActions(service, stack, 3, diags[0].range, diags, opts);
    const pass = actions.find((a) => /host-passthrough/.test(a.title));
    assert.ok(pass?.edit?.changes);
    assert.deepEqual(Object.keys(pass.edit.changes), [stack.docs[3].uri], 'nova-compute.conf, which every host reads, is left alone');
    const after = applyEdits(stack.docs[3].getText(), pass.edit.changes[stack.docs[3].uri]);
    assert.match(after, /^\[libvirt\]\ncpu_models =\ncpu_mode = host-passthrough$/m);
    assert.ok(!actions.some((a) => a.title === 'Switch to host-passthrough'), 'the single-file switch is not offered');
    // Applied, the host's stack is clean and the other hosts keep their models.
    const fixed: StackDocs = { spec: stack.spec, docs: stack.docs.map((d, i) => (i === 3 ? TextDocument.create(d.uri, 'nova-conf', 2, after) : d)) };
    assert.deepEqual(summary(service, fixed), []);
  });

  it('in a stack every host reads, the passthrough fix changes the deciding cpu_mode and comments out cpu_models everywhere', () => {
    const oslo = docsOf(findStacks(filesUnder(path.join(STACKS, 'oslo', 'etc', 'nova')))[0]);
    const f = stackFindings(service, oslo, opts)[2].find((x) => x.severity === 'error');
    assert.ok(f);
    const diags = toDiagnostics([f], new LineIndex(oslo.docs[2].getText()));
    const pass = stackActions(service, oslo, 2, diags[0].range, diags, opts).find((a) => /host-passthrough/.test(a.title));
    assert.ok(pass?.edit?.changes);
    assert.deepEqual(Object.keys(pass.edit.changes).sort(), [oslo.docs[1].uri, oslo.docs[2].uri].sort());
    assert.match(applyEdits(oslo.docs[1].getText(), pass.edit.changes[oslo.docs[1].uri]), /^# cpu_models = Skylake-Client-IBRS$/m);
  });

  it('custom without models, with a probed host: adds cpu_models in the file where the CPU options live', () => {
    const spec = explicitStack([path.join(root, 'global.conf'), path.join(root, 'nova.conf')]);
    const stack = docsOf(spec);
    const f = stackFindings(service, stack, opts)[1].find((x) => x.code === 'nova-custom-without-models');
    assert.ok(f);
    const host: HostFacts = {
      host: 'compute-07', probedAt: '2026-11-30T10:00:00Z', arch: 'x86_64',
      cpu: { vendor: 'Intel', modelName: 'Intel(R) Xeon(R) Gold 6248', vmx: true, svm: false, hypervisor: false },
      nested: { module: 'kvm_intel', enabled: true },
      libvirt: { version: '10.0.0', source: 'domcapabilities', hostModel: { name: 'Cascadelake-Server', vendor: 'Intel', features: ['vmx'] }, models: [] },
    };
    const diags = toDiagnostics([f], new LineIndex(stack.docs[1].getText()));
    const actions = stackActions(service, stack, 1, diags[0].range, diags, { ...opts, host });
    const add = actions.find((a) => a.title.startsWith('Add `cpu_models'));
    assert.ok(add?.edit?.changes?.[stack.docs[1].uri], 'edits nova.conf, where cpu_mode lives');
    assert.match(applyEdits(stack.docs[1].getText(), add.edit.changes[stack.docs[1].uri]), /\[libvirt\]\ncpu_models = Cascadelake-Server\n/);
  });
});

describe('nova.conf stacks: nova.conf with nova.conf.d (--config-dir)', () => {
  const dir = path.join(STACKS, 'oslo', 'etc', 'nova');
  const service = new LanguageService();

  it('reads nova.conf, then *.conf in code-point name order (10-… before 9-…), no dot files, no README', () => {
    const files = filesUnder(dir);
    for (const order of [files, [...files].reverse()]) {
      const [spec] = findStacks(order);
      assert.deepEqual(spec.paths.map((p) => path.relative(dir, p)), ['nova.conf', 'nova.conf.d/10-cpu-models.conf', 'nova.conf.d/9-nested-ci.conf']);
    }
    const [a] = findStacks(['/e/nova.conf.d/_local.conf', '/e/nova.conf.d/Z.conf', '/e/nova.conf.d/a.conf']);
    assert.deepEqual(a.paths, ['/e/nova.conf.d/Z.conf', '/e/nova.conf.d/_local.conf', '/e/nova.conf.d/a.conf'], "Python's sorted(), not localeCompare");
  });

  it('the fragment read last decides: host-passthrough over the custom models of 10-…', () => {
    const stack = docsOf(findStacks(filesUnder(dir))[0]);
    assert.deepEqual(summary(service, stack), ['nova.conf.d/9-nested-ci.conf:4 nova-cpu-models-without-custom']);
  });
});

describe('nova.conf stacks: explicit --stack with $name across files', () => {
  const dir = path.join(STACKS, 'explicit');
  const spec = explicitStack(['base.conf', 'site.conf', 'host.conf'].map((f) => path.join(dir, f)));
  const service = new LanguageService();

  it('substitutes from the merged configuration: the later state_path, the host my_ip', () => {
    const lines = explainStackValue(service, docsOf(spec), 'DEFAULT.instances_path', opts);
    assert.equal(lines.at(-1), '  effective value: /srv/nova/instances');
    const addr = explainStackValue(service, docsOf(spec), 'libvirt.live_migration_inbound_addr', opts);
    assert.equal(addr.at(-1), '  effective value: 172.29.236.256');
  });

  it('checks the substituted value: an invalid my_ip in host.conf breaks live_migration_inbound_addr in base.conf', () => {
    assert.deepEqual(summary(service, docsOf(spec)), ['base.conf:10 nova-invalid-host-address']);
    const f = stackFindings(service, docsOf(spec), opts)[0].find((x) => x.code === 'nova-invalid-host-address');
    assert.match(f?.message ?? '', /Also involved: `my_ip = 172\.29\.236\.256` \(host\.conf:3\)/);
  });

  it('site.conf cpu_mode=custom with its models overrides base.conf host-model; flags from host.conf apply', () => {
    const lines = explainStackValue(service, docsOf(spec), 'libvirt.cpu_mode', opts);
    assert.deepEqual(lines, [
      '[libvirt] cpu_mode in the stack `explicit`:',
      '  1. base.conf:9: cpu_mode = host-model (overridden)',
      '  2. site.conf:6: cpu_mode = custom (read by nova-compute)',
      '  effective value: custom',
    ]);
  });
});

describe('nova.conf stacks: the view follows oslo.config', () => {
  const view = (...texts: string[]): NovaView => new NovaView(texts.map((t, i) => ({ path: `f${i}.conf`, file: parseNovaConf(t) })));

  it('newest file first; within a file the current name beats the deprecated one, whatever the order', () => {
    const v = view('[libvirt]\ncpu_models = A\n', '[libvirt]\ncpu_model = B\ncpu_models = C\ncpu_model = D\n');
    assert.equal(v.find('libvirt', ['cpu_models', 'cpu_model'])?.value, 'C');
    const w = view('[libvirt]\ncpu_models = A\n', '[LIBVIRT]\ncpu_model = B\n');
    assert.equal(w.find('libvirt', ['cpu_models', 'cpu_model'])?.value, 'B', 'a deprecated name in a later file wins');
  });

  it('$$ and \\$ are a literal $, ${group.name} reads another group, a cycle stays unresolved', () => {
    const v = view('[DEFAULT]\na = x$$y\nb = x\\$y\n[libvirt]\nc = ${DEFAULT.d}\n', '[DEFAULT]\nd = $e\ne = $d\nf = ${a}-$a\n');
    const val = (g: string, k: string): string | undefined => v.valueOf(v.last(g, k)!);
    assert.equal(val('DEFAULT', 'a'), 'x$y');
    assert.equal(val('DEFAULT', 'b'), 'x$y');
    assert.equal(val('libvirt', 'c'), undefined);
    assert.equal(val('DEFAULT', 'f'), 'x$y-x$y');
  });

  it('multi-valued options accumulate across files', () => {
    const v = view('[libvirt]\nx = 1\n', '[libvirt]\nx = 2\n');
    assert.equal(v.effective('libvirt', 'x', true)?.value, '1\n2');
    assert.equal(v.effective('libvirt', 'x')?.value, '2');
  });
});

describe('nova.conf stacks: settings globs', () => {
  it('nestedVirt.nova.stacks is a list of lists of globs; anything else falls back to [] and is reported', () => {
    assert.deepEqual(parseServerSettings({ nova: { stacks: [['a.conf', 'b/*.conf']] } }).novaStacks, [['a.conf', 'b/*.conf']]);
    const problems: string[] = [];
    assert.deepEqual(parseServerSettings({ nova: { stacks: ['a.conf'] } }, problems).novaStacks, []);
    assert.match(problems[0], /nestedVirt\.nova\.stacks/);
  });

  it('globs match / paths with **, * and {a,b}; each glob in name order, globs in the order given', () => {
    assert.ok(globToRegExp('/srv/**/nova-*.conf').test('/srv/a/b/nova-x.conf'));
    assert.ok(globToRegExp('/srv/**/nova-*.conf').test('/srv/nova-x.conf'));
    assert.ok(!globToRegExp('/srv/*.conf').test('/srv/a/x.conf'));
    assert.ok(globToRegExp('/srv/{a,b}.conf').test('/srv/b.conf'));
    const paths = ['/w/rendered/host.conf', '/w/rendered/b.conf', '/w/base/nova.conf', '/w/rendered/a.conf'];
    const [s] = settingStacks([['base/nova.conf', 'rendered/[ab].conf', 'rendered/host.conf']], paths, '/w');
    assert.deepEqual(s.paths, ['/w/base/nova.conf', '/w/rendered/a.conf', '/w/rendered/b.conf', '/w/rendered/host.conf']);
    assert.equal(s.name, 'setting:1');
  });
});

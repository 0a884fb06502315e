/** The generated per-release option table, checked against oslo-config-generator's view of nova 26 (zed). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOVA_RELEASES } from '../../../shared/src/settings';
import { novaOptions } from '../../../server/src/lang/nova/options';

const FIX = path.resolve(__dirname, '..', '..', 'fixtures', 'nova', 'oslo');
interface GenOpt {
  name: string;
  type: string;
  default: unknown;
  choices: [string | number, string | null][];
  min: number | null;
  max: number | null;
  deprecated_for_removal: boolean;
  deprecated_since: string | null;
  deprecated_opts: { group: string; name: string }[];
}
const zed = JSON.parse(fs.readFileSync(path.join(FIX, 'zed-libvirt-opts.json'), 'utf8')) as { opts: GenOpt[] };
const TYPE: Record<string, string> = {
  'string value': 'string', 'integer value': 'integer', 'boolean value': 'boolean', 'list value': 'list',
  'host domain value': 'hostdomain', 'host address value': 'hostaddress',
};

describe('nova option table', () => {
  const table = novaOptions();

  it('covers the 19 releases of the settings schema, in order', () => {
    assert.deepEqual(table.releases, NOVA_RELEASES);
  });

  it('matches oslo-config-generator for zed: names, types, choices, bounds, deprecations, old names', () => {
    assert.deepEqual(table.names('zed').sort(), zed.opts.map((o) => o.name).sort());
    for (const o of zed.opts) {
      const spec = table.get(o.name, 'zed');
      assert.ok(spec, o.name);
      assert.equal(spec.t, TYPE[o.type], `${o.name} type`);
      assert.deepEqual(spec.c ?? [], o.choices.map((c) => String(c[0])), `${o.name} choices`);
      assert.equal(spec.min, o.min ?? undefined, `${o.name} min`);
      assert.equal(spec.max, o.max ?? undefined, `${o.name} max`);
      assert.equal(Boolean(spec.dep), o.deprecated_for_removal, `${o.name} deprecated`);
      if (o.deprecated_since) assert.equal(spec.dep, o.deprecated_since);
      assert.deepEqual(spec.al ?? [], o.deprecated_opts.filter((d) => d.group === 'libvirt').map((d) => d.name), `${o.name} aliases`);
      const d = o.default === null ? undefined : Array.isArray(o.default) ? o.default.join(',') : String(o.default);
      if (!/state_path/.test(spec.d ?? '')) assert.equal(spec.d, d, `${o.name} default`);
    }
  });

  it('records history as ranges: added, removed, renamed, deprecated', () => {
    assert.deepEqual({ ...table.history('cpu_models'), releases: undefined }, { added: 'train', removed: undefined, deprecatedIn: undefined, releases: undefined });
    assert.equal(table.history('cpu_model').removed, 'train');
    assert.equal(table.history('use_usb_tablet').removed, 'wallaby');
    assert.equal(table.history('live_migration_tunnelled').deprecatedIn, 'wallaby');
    assert.equal(table.history('tb_cache_size').added, '2023.2');
    assert.equal(table.history('num_memory_encrypted_guests').removed, 'master');
    assert.equal(table.aliases('zed').get('cpu_model'), 'cpu_models');
    assert.equal(table.aliases('stein').get('cpu_model'), undefined);
    assert.deepEqual(table.moved('remove_unused_resized_minimum_age_seconds', 'ussuri'), {
      name: 'remove_unused_resized_minimum_age_seconds', group: 'image_cache', newName: 'remove_unused_resized_minimum_age_seconds',
    });
    assert.equal(table.moved('remove_unused_resized_minimum_age_seconds', 'train'), undefined);
  });

  it('stays compact (ranges, not 19 copies)', () => {
    const size = fs.statSync(path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'lang', 'data', 'novaOptions.generated.json')).size;
    assert.ok(size < 20_000, `${size} bytes`);
  });
});

import * as assert from 'node:assert/strict';
import { parseCommandLine, rawOption } from '../../server/src/core/util/args';

const TABLE = {
  format: { type: 'string', default: 'text' },
  quiet: { type: 'boolean', short: 'q', default: false },
  lang: { type: 'string' },
} as const;

describe('command lines against one option table (node:util parseArgs)', () => {
  it('reads --opt value, --opt=value, short flags, positionals anywhere, "-" and "--"', () => {
    const r = parseCommandLine(['a.xml', '--format', 'json', '-q', '-', '--', '--not-an-option'], TABLE);
    assert.equal(r.problem, undefined);
    assert.deepEqual({ ...r.values }, { format: 'json', quiet: true });
    assert.deepEqual(r.positionals, ['a.xml', '-', '--not-an-option']);
    assert.equal(parseCommandLine(['--format=sarif'], TABLE).values?.format, 'sarif');
    assert.equal(parseCommandLine([], TABLE).values?.format, 'text');
  });

  it('returns the first problem as written instead of throwing', () => {
    assert.deepEqual(parseCommandLine(['x', '--formt', 'json'], TABLE).problem, { kind: 'unknown-option', option: '--formt' });
    assert.deepEqual(parseCommandLine(['-qx'], TABLE).problem, { kind: 'unknown-option', option: '-x' });
    assert.deepEqual(parseCommandLine(['--format'], TABLE).problem, { kind: 'missing-value', option: '--format' });
    assert.deepEqual(parseCommandLine(['--format', '--quiet'], TABLE).problem, { kind: 'missing-value', option: '--format' });
    assert.deepEqual(parseCommandLine(['--quiet=yes'], TABLE).problem, { kind: 'unknown-option', option: '--quiet=yes' });
  });

  it('reads one option before the table is checked (the language of the errors)', () => {
    assert.equal(rawOption(['--bogus', '--lang', 'zh-CN'], TABLE, 'lang'), 'zh-CN');
    assert.equal(rawOption(['--lang=zh-CN'], TABLE, 'lang'), 'zh-CN');
    assert.equal(rawOption(['x'], TABLE, 'lang'), undefined);
  });
});

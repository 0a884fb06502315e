/**
 * oslo.config value conversion rules (`oslo_config/types.py`), as checks with
 * document ranges. Verified against oslo.config 9.0:
 *
 *  - Boolean: true/1/on/yes and false/0/off/no, any case, no stripping
 *    (`" true"` in quotes is an error; an empty value is an error);
 *  - Integer: Python `int()` of the value: surrounding whitespace, a sign, leading
 *    zeros and `_` between digits are fine, `0x10` and `1.0` are not; an empty value
 *    means "unset" (None); choices replace min/max;
 *  - Port: an Integer between 0 and 65535 unless narrower bounds are given;
 *  - String choices: exact match unless the option ignores case;
 *  - List: strip, drop trailing commas, split on every comma, strip each item;
 *    no quote or bracket handling for nova's lists (`[a, b]` gives `[a` and `b]`);
 *  - HostAddress/HostDomain: an IPv4/IPv6 address or a host name whose labels are
 *    1–63 letters, digits or `-` (HostDomain also `_`), not starting or ending with
 *    `-`, with a non-numeric last label.
 *  - `$name` and `${group.name}` are substituted before conversion, so values that
 *    use them are not checked here.
 */
import { isIP } from 'node:net';
import type { OptionSpec } from './optionTypes';
import { pyLstrip, pyRstrip, pyStrip, valueOffsetToDoc, type NovaEntry } from './parser';

export type ValueProblemCode =
  | 'nova-invalid-boolean'
  | 'nova-invalid-integer'
  | 'nova-invalid-float'
  | 'nova-value-out-of-range'
  | 'nova-invalid-port'
  | 'nova-invalid-choice'
  | 'nova-invalid-list-item'
  | 'nova-invalid-host-address';

export interface ValueProblem {
  readonly code: ValueProblemCode;
  readonly start: number;
  readonly end: number;
  /** The offending text (the value or the list item). */
  readonly text: string;
  /** Allowed values, for choice problems. */
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export interface ListItem {
  readonly text: string;
  /** Document offsets of the stripped item. */
  readonly start: number;
  readonly end: number;
}

export const TRUE_VALUES = ['true', '1', 'on', 'yes'] as const;
export const FALSE_VALUES = ['false', '0', 'off', 'no'] as const;

/** oslo's Boolean conversion; undefined when the text is not a boolean. */
export function parseBoolean(value: string): boolean | undefined {
  const s = value.toLowerCase();
  if ((TRUE_VALUES as readonly string[]).includes(s)) return true;
  if ((FALSE_VALUES as readonly string[]).includes(s)) return false;
  return undefined;
}

const INT_RE = /^[+-]?[0-9]+(?:_[0-9]+)*$/;
const DIGITS = '[0-9]+(?:_[0-9]+)*';
const FLOAT_RE = new RegExp(
  `^[+-]?(?:(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`,
  'i',
);

/** Python `int()`; null for an empty value (oslo: None); NaN when invalid. */
export function parseInteger(value: string): number | null {
  const s = pyStrip(value);
  if (s === '') return null;
  return INT_RE.test(s) ? Number(s.replace(/_/g, '')) : Number.NaN;
}

export function parseFloatValue(value: string): number | null {
  const s = pyStrip(value);
  if (s === '') return null;
  if (!FLOAT_RE.test(s)) return Number.NaN;
  const l = s.toLowerCase().replace(/_/g, '');
  if (l.endsWith('nan')) return Number.NaN;
  if (l.endsWith('inf') || l.endsWith('infinity')) return l.startsWith('-') ? -Infinity : Infinity;
  return Number(l);
}

/** True when oslo would substitute `$name` / `${name}` in the value. */
export function hasInterpolation(value: string): boolean {
  const v = value.replace(/\\\$/g, '').replace(/\$\$/g, '');
  return /\$(?:[_a-z]|\{)/.test(v);
}

/** oslo's List splitting, with the document range of each stripped item. */
export function splitList(entry: NovaEntry): ListItem[] {
  const v = entry.value;
  let e = pyRstrip(v, 0, v.length);
  const s = pyLstrip(v, 0, e);
  while (e > s && v.charCodeAt(e - 1) === 0x2c) e--;
  if (e === s) return [];
  const items: ListItem[] = [];
  let from = s;
  for (let i = s; i <= e; i++) {
    if (i === e || v.charCodeAt(i) === 0x2c) {
      const ie = pyRstrip(v, from, i);
      const is = pyLstrip(v, from, ie);
      const start = valueOffsetToDoc(entry, is);
      items.push({ text: v.slice(is, ie), start, end: ie > is ? valueOffsetToDoc(entry, ie - 1) + 1 : start });
      from = i + 1;
    }
  }
  return items;
}

const HOST_LABEL = /^(?!-)[A-Z0-9-]{1,63}(?<!-)$/i;
const DOMAIN_LABEL = /^(?!-)[A-Z0-9_-]{1,63}(?<!-)$/i;

export function isHostAddress(value: string, allowUnderscore: boolean): boolean {
  if (value === '') return false;
  if (isIP(value) !== 0) return true;
  if (value.length > 253) return false;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const labels = name.split('.');
  if (!/[a-zA-Z-]/.test(labels[labels.length - 1])) return false;
  return labels.every((l) => HOST_LABEL.test(l) || (allowUnderscore && DOMAIN_LABEL.test(l)));
}

function matchChoice(text: string, choices: readonly string[], ignoreCase: boolean | undefined): boolean {
  if (!ignoreCase) return choices.includes(text);
  const l = text.toLowerCase();
  return choices.some((c) => c.toLowerCase() === l);
}

/** Checks one assignment against the option's type. */
export function checkValue(entry: NovaEntry, spec: OptionSpec): ValueProblem[] {
  const value = entry.value;
  if (hasInterpolation(value)) return [];
  const whole = { start: entry.valueStart, end: entry.valueEnd, text: value };
  switch (spec.t) {
    case 'boolean':
      return parseBoolean(value) === undefined ? [{ code: 'nova-invalid-boolean', ...whole }] : [];
    case 'integer':
    case 'port':
    case 'float': {
      const n = spec.t === 'float' ? parseFloatValue(value) : parseInteger(value);
      if (n === null) return [];
      if (Number.isNaN(n)) {
        const code = spec.t === 'float' ? 'nova-invalid-float' : spec.t === 'port' ? 'nova-invalid-port' : 'nova-invalid-integer';
        return [{ code, ...whole }];
      }
      if (spec.c) {
        return spec.c.map(Number).includes(n) ? [] : [{ code: 'nova-invalid-choice', ...whole, choices: spec.c }];
      }
      const min = spec.min ?? (spec.t === 'port' ? 0 : undefined);
      const max = spec.max ?? (spec.t === 'port' ? 65535 : undefined);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        return [{ code: spec.t === 'port' ? 'nova-invalid-port' : 'nova-value-out-of-range', ...whole, min, max }];
      }
      return [];
    }
    case 'string':
      if (spec.c && !matchChoice(value, spec.c, spec.ci)) return [{ code: 'nova-invalid-choice', ...whole, choices: spec.c }];
      return [];
    case 'hostaddress':
    case 'hostdomain':
      return isHostAddress(value, spec.t === 'hostdomain') ? [] : [{ code: 'nova-invalid-host-address', ...whole }];
    case 'ipaddress':
      return isIP(value) !== 0 ? [] : [{ code: 'nova-invalid-host-address', ...whole }];
    case 'list': {
      const choices = spec.it?.c;
      if (!choices) return [];
      return splitList(entry)
        .filter((item) => !matchChoice(item.text, choices, spec.it?.ci))
        .map((item) => ({ code: 'nova-invalid-list-item' as const, start: item.start, end: item.end, text: item.text, choices }));
    }
    default:
      return [];
  }
}

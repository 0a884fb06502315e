/**
 * Command lines against one declarative option table, with `node:util` parseArgs.
 * Positionals are allowed anywhere and `--` ends the options. Instead of parseArgs'
 * English errors the first problem is returned, for the caller to report through its
 * own message catalog (and exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionTable = NonNullable<ParseArgsConfig['options']>;

export interface ArgProblem {
  readonly kind: 'unknown-option' | 'missing-value';
  /** The option as written, e.g. `--formt` or `-x`. */
  readonly option: string;
}

type Strict<O extends OptionTable> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export type ParsedCommandLine<O extends OptionTable> =
  | { readonly values: Strict<O>['values']; readonly positionals: string[]; readonly problem?: undefined }
  | { readonly values?: undefined; readonly positionals?: undefined; readonly problem: ArgProblem };

function firstProblem(args: string[], options: OptionTable): ArgProblem | undefined {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = Object.prototype.hasOwnProperty.call(options, t.name) ? options[t.name] : undefined;
    if (!spec) return { kind: 'unknown-option', option: t.rawName };
    if (spec.type === 'boolean' && t.inlineValue) return { kind: 'unknown-option', option: `${t.rawName}=${t.value ?? ''}` };
    // A value that looks like an option is one forgotten value, as strict parseArgs sees it.
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-')))) {
      return { kind: 'missing-value', option: t.rawName };
    }
  }
  return undefined;
}

export function parseCommandLine<O extends OptionTable>(args: readonly string[], options: O): ParsedCommandLine<O> {
  const list = [...args];
  const problem = firstProblem(list, options);
  if (problem) return { problem };
  const { values, positionals } = parseArgs({ args: list, options, allowPositionals: true, strict: true });
  return { values, positionals };
}

/** The value of one string option as written, before the table is checked (for `--lang`, which translates the errors). */
export function rawOption(args: readonly string[], options: OptionTable, name: string): string | undefined {
  const { values } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false });
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

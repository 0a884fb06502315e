/** `nested-virt lint`: the same language service the editor uses, over files, directories or stdin. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_NOVA_RELEASE, HOST_ARCHES, NOVA_RELEASES, type HostArch, type NovaRelease, type ServerSettings } from '../../../shared/src/settings';
import { translator, type Locale } from '../core/l10n';
import { isNovaConfPath } from '../lang/nova';
import { LanguageService } from '../facade/service';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFilesSync } from '../io/cpuMapFiles';
import { rootElementName } from '../lang/xml';
import { ArgReader, localeFrom, UsageError, type CliIO } from './io';
import { MAX_INPUT_BYTES, megabytes, readInputFile, readStdin, type ReadResult } from './files';
import { cliMessages } from './messages';
import type { Finding, Severity } from '../core/finding';
import { findingsToSarif } from '../edge/sarif';
import { countBySeverity, formatTextLine, toJson, type FileFindings } from '../edge/text';

export const VERSION = '0.1.0';
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
type FileType = 'domain' | 'nova';

interface LintOptions {
  format: Format;
  type?: FileType;
  release: NovaRelease;
  hostArch: HostArch;
  cpuMap: string;
  locale: Locale;
  quiet: boolean;
  targets: string[];
}

function oneOf<T extends string>(list: readonly T[], v: string, opt: string, t: ReturnType<typeof translator<keyof typeof cliMessages.en>>): T {
  if ((list as readonly string[]).includes(v)) return v as T;
  throw new UsageError(t('bad-value', v, opt, list.join(', ')));
}

function parseArgs(args: readonly string[], env: NodeJS.ProcessEnv): LintOptions {
  // The language comes first so that usage errors are already translated.
  const langArg = args.find((a, i) => a.startsWith('--lang=') || args[i - 1] === '--lang');
  const locale = localeFrom(env, langArg?.startsWith('--lang=') ? langArg.slice(7) : langArg);
  const t = translator(cliMessages, locale);
  const o: LintOptions = { format: 'text', release: DEFAULT_NOVA_RELEASE, hostArch: 'x86_64', cpuMap: 'auto', locale, quiet: false, targets: [] };
  const r = new ArgReader(args);
  for (let a = r.next(); a !== undefined; a = r.next()) {
    if (a === '-' || !a.startsWith('-')) {
      o.targets.push(a);
      continue;
    }
    if (a === '--') {
      for (let rest = r.next(); rest !== undefined; rest = r.next()) o.targets.push(rest);
      break;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const val = (): string => {
      try {
        return r.value(name, inline);
      } catch {
        throw new UsageError(t('missing-value', name));
      }
    };
    switch (name) {
      case '--format':
        o.format = oneOf(FORMATS, val(), name, t);
        break;
      case '--json':
        o.format = 'json';
        break;
      case '--type':
        o.type = oneOf(['domain', 'nova'] as const, val(), name, t);
        break;
      case '--release':
        o.release = oneOf(NOVA_RELEASES, val(), name, t);
        break;
      case '--host-arch':
        o.hostArch = oneOf(HOST_ARCHES, val(), name, t);
        break;
      case '--cpu-map':
        o.cpuMap = val();
        break;
      case '--lang':
        val();
        break;
      case '-q':
      case '--quiet':
        o.quiet = true;
        break;
      default:
        throw new UsageError(t('unknown-option', a));
    }
  }
  if (o.targets.length === 0) throw new UsageError(t('no-files'));
  return o;
}

interface Input {
  readonly file: string;
  readonly text: string;
  readonly type: FileType;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

function sniff(file: string, text: string): FileType | undefined {
  if (isNovaConfPath(file)) return 'nova';
  if (rootElementName(text) !== undefined) return 'domain';
  return undefined;
}

/**
 * The type of a file met while searching a directory, or undefined to pass over it
 * silently: domain XML by its `<domain>` root, nova.conf by its name (any `*.conf`
 * with `--type nova`). `--type` narrows the search to that type; it never turns an
 * XML file into nova.conf or the other way round.
 */
function typeInDirectory(file: string, forced: FileType | undefined): FileType | undefined {
  if (file.endsWith('.xml')) return forced !== 'nova' ? 'domain' : undefined;
  if (forced !== 'domain' && (isNovaConfPath(file) || (forced === 'nova' && file.endsWith('.conf')))) return 'nova';
  return undefined;
}

/** A file to lint; the type is known for files found in a directory and with --type. */
interface Found {
  readonly file: string;
  readonly type?: FileType;
}

function walk(dir: string, forced: FileType | undefined, found: Found[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, forced, found);
    } else if (e.isFile()) {
      const type = typeInDirectory(full, forced);
      if (type) found.push({ file: full, type });
    }
  }
}

export async function runLint(args: readonly string[], io: CliIO): Promise<number> {
  let o: LintOptions;
  try {
    o = parseArgs(args, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const t = translator(cliMessages, localeFrom(io.env));
    io.stderr.write(`nested-virt lint: ${e.message}\n\n${t('usage', DEFAULT_NOVA_RELEASE)}\n`);
    return 2;
  }
  const t = translator(cliMessages, o.locale);
  const gathered = await gatherInputs(o, io, t);
  const inputs = gathered.inputs;
  let exit = gathered.exit;

  const service = new LanguageService(new CatalogProvider(undefined, undefined, { readSync: readCpuMapFilesSync }));
  const { warning } = service.catalogs.get(o.cpuMap);
  if (warning) io.stderr.write(t('cpu-map-warning', warning) + '\n');
  const settings: ServerSettings = { cpuMapPath: o.cpuMap, novaRelease: o.release, hostArch: o.hostArch, validateDomainXml: true, validateNovaConf: true };
  const results: FileFindings[] = [];
  let internal = false;
  for (const input of inputs) {
    const uri = input.file === '-' ? 'untitled:stdin' : pathToFileURL(path.resolve(io.cwd, input.file)).toString();
    const doc = TextDocument.create(uri, input.type === 'domain' ? 'xml' : 'nova-conf', 1, input.text);
    // An internal error in one file is that file's report; the others still print.
    let findings: Finding[];
    try {
      findings = service.findings(doc, { settings, locale: o.locale });
    } catch (e) {
      io.stderr.write(t('internal-error', input.file, e instanceof Error ? e.message : String(e)) + '\n');
      internal = true;
      continue;
    }
    if (o.quiet) findings = findings.filter((f) => f.severity === 'error');
    results.push({ file: input.file, findings, lines: service.lines(doc) });
  }
  const counts = countBySeverity(results);
  if (counts.error > 0 && exit === 0) exit = 1;
  if (internal) exit = 70;

  if (o.format === 'json') io.stdout.write(toJson(results) + '\n');
  else if (o.format === 'sarif') io.stdout.write(JSON.stringify(findingsToSarif(results, VERSION), null, 2) + '\n');
  else {
    const word = (s: Severity): string => t(SEVERITY_KEY[s]);
    for (const r of results) for (const f of r.findings) io.stdout.write(formatTextLine(r.file, f, r.lines, word) + '\n');
    if (!o.quiet) io.stderr.write(t('summary', results.length, counts.error, counts.warning, counts.information + counts.hint) + '\n');
  }
  return exit;
}

type CliT = ReturnType<typeof translator<keyof typeof cliMessages.en>>;

/**
 * The documents to lint: standard input (capped), regular files (FIFOs and devices refused),
 * and domain XML / nova.conf found in directories. Problems go to stderr and set exit 2.
 */
async function gatherInputs(o: LintOptions, io: CliIO, t: CliT): Promise<{ inputs: Input[]; exit: number }> {
  let exit = 0;
  const inputs: Input[] = [];
  for (const target of o.targets) {
    if (target === '-') {
      const text = await readStdin(io.stdin);
      if (text === undefined) {
        io.stderr.write(t('too-large', '-', `> ${megabytes(MAX_INPUT_BYTES)}`, megabytes(MAX_INPUT_BYTES)) + '\n');
        exit = 2;
        continue;
      }
      const type = o.type ?? (text.trimStart().startsWith('<') ? 'domain' : 'nova');
      inputs.push({ file: '-', text, type });
      continue;
    }
    const full = path.resolve(io.cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (e) {
      io.stderr.write(t('unreadable', target, (e as NodeJS.ErrnoException).code ?? String(e)) + '\n');
      exit = 2;
      continue;
    }
    const explicit = !stat.isDirectory();
    const files: Found[] = [];
    if (explicit) files.push({ file: full, type: o.type });
    else {
      walk(full, o.type, files);
      if (files.length === 0 && !o.quiet) io.stderr.write(t('nothing-found', target) + '\n');
    }
    for (const { file: f, type: known } of files) {
      const read = readInputFile(f);
      if (!('text' in read)) {
        io.stderr.write(readProblem(t, explicit ? target : path.relative(io.cwd, f) || f, read) + '\n');
        exit = 2;
        continue;
      }
      const text = read.text;
      const display = explicit ? target : path.relative(io.cwd, f) || f;
      const type = known ?? sniff(f, text);
      if (!type) {
        io.stderr.write(t('unknown-type', display) + '\n');
        exit = 2;
        continue;
      }
      // XML other than a libvirt domain is left alone; found in a directory, without a word.
      if (type === 'domain' && (!explicit || !o.type) && rootElementName(text) !== 'domain') {
        if (explicit && !o.quiet) io.stderr.write(t('not-domain', display) + '\n');
        continue;
      }
      inputs.push({ file: display, text, type });
    }
  }
  return { inputs, exit };
}

const SEVERITY_KEY = { error: 'severity-error', warning: 'severity-warning', information: 'severity-info', hint: 'severity-hint' } as const;

function readProblem(t: (key: 'not-regular' | 'too-large' | 'unreadable', ...args: string[]) => string, file: string, r: Exclude<ReadResult, { text: string }>): string {
  if (r.problem === 'not-regular') return t('not-regular', file, r.kind);
  if (r.problem === 'too-large') return t('too-large', file, megabytes(r.bytes), megabytes(MAX_INPUT_BYTES));
  return t('unreadable', file, r.code);
}

/** `nested-virt lint`: the same language service the editor uses, over files, directories or stdin. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SERVER_SETTINGS, HOST_ARCHES, NOVA_RELEASES, type HostArch, type NovaRelease, type ServerSettings } from '../../../shared/src/settings';
import { localeFrom, translator, type Locale } from '../core/l10n';
import { VERSION } from '../core/version';
import { domainXmlKind } from '../lang/domain/detect';
import { isNovaConfPath } from '../lang/nova/paths';
import { looksLikeCmdline, looksLikeGrub, looksLikeModprobe, modprobeKindOfPath } from '../lang/modprobe';
import { modprobeTreeFindings } from './modprobeTree';
import { LanguageService } from '../facade/service';
import { parseCommandLine, rawOption, type OptionTable } from '../core/util/args';
import { UsageError, type CliIO } from './io';
import { MAX_INPUT_BYTES, megabytes, readInputFile, readStdin, type ReadResult } from './files';
import { CatalogProvider } from '../lang/cpumap/provider';
import { readCpuMapFilesSync } from '../io/cpuMapFiles';
import { cliMessages } from './messages';
import type { Finding, Severity } from '../core/finding';
import { findingsToSarif } from '../edge/sarif';
import { countBySeverity, formatTextLine, toJson, type FileFindings } from '../edge/text';
import { cliUsage } from './usage';
import { explicitStack } from '../lang/nova/stackLayout';
import { cliStacks, explainStacks, lintStacks } from './stacks';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const FILE_TYPES = ['domain', 'nova', 'modprobe', 'cmdline'] as const;
type FileType = (typeof FILE_TYPES)[number];

interface LintOptions {
  format: Format;
  type?: FileType;
  release: NovaRelease;
  hostArch: HostArch;
  cpuMap: string;
  locale: Locale;
  quiet: boolean;
  targets: string[];
  /** `--stack a,b,c` (repeatable): nova.conf files read as one configuration, in this order. */
  stacks: string[][];
  /** `--explain-value GROUP.KEY`: print the resolution chain instead of findings. */
  explain?: string;
}

function oneOf<T extends string>(list: readonly T[], v: string, opt: string, t: ReturnType<typeof translator<keyof typeof cliMessages.en>>): T {
  if ((list as readonly string[]).includes(v)) return v as T;
  throw new UsageError(t('bad-value', v, opt, list.join(', ')));
}

const d = DEFAULT_SERVER_SETTINGS;
/** Every `nested-virt lint` option; defaults from the settings schema. */
const LINT_OPTIONS = {
  format: { type: 'string', default: 'text' },
  json: { type: 'boolean', default: false },
  type: { type: 'string' },
  release: { type: 'string', default: d.novaRelease },
  'host-arch': { type: 'string', default: d.hostArch },
  'cpu-map': { type: 'string', default: d.cpuMapPath },
  lang: { type: 'string' },
  stack: { type: 'string', multiple: true },
  'explain-value': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
} as const satisfies OptionTable;

function parseLintArgs(args: readonly string[], env: NodeJS.ProcessEnv): LintOptions {
  // The language comes first so that usage errors are already translated.
  const locale = localeFrom(env, rawOption(args, LINT_OPTIONS, 'lang'));
  const t = translator(cliMessages, locale);
  const { values: v, positionals, problem } = parseCommandLine(args, LINT_OPTIONS);
  if (problem) throw new UsageError(t(problem.kind === 'missing-value' ? 'missing-value' : 'unknown-option', problem.option));
  const o: LintOptions = {
    format: v.json ? 'json' : oneOf(FORMATS, v.format, '--format', t),
    type: v.type === undefined ? undefined : oneOf(FILE_TYPES, v.type, '--type', t),
    release: oneOf(NOVA_RELEASES, v.release, '--release', t),
    hostArch: oneOf(HOST_ARCHES, v['host-arch'], '--host-arch', t),
    cpuMap: v['cpu-map'],
    locale,
    quiet: v.quiet,
    targets: positionals,
    stacks: (v.stack ?? []).map((x) => x.split(',').filter((p) => p !== '')),
    explain: v['explain-value'],
  };
  if (o.targets.length === 0 && o.stacks.length === 0) throw new UsageError(t('no-files'));
  return o;
}

interface Input {
  readonly file: string;
  readonly text: string;
  readonly type: FileType;
  /** The absolute path, for files read from disk (stacks match members by it). */
  readonly abs?: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** A file named without --type: nova.conf by its path, else domain XML if it is markup at all. */
/** Stdin has no path: domain XML by its root, a command line or modprobe.d text by its lines, else nova.conf. */
function stdinType(text: string): FileType {
  if (domainXmlKind(text)) return 'domain';
  if (looksLikeGrub(text) || looksLikeCmdline(text)) return 'cmdline';
  return looksLikeModprobe(text) ? 'modprobe' : 'nova';
}

function sniff(file: string, text: string): FileType | undefined {
  if (isNovaConfPath(file)) return 'nova';
  const mp = modprobeKindOfPath(file);
  if (mp) return mp;
  return domainXmlKind(text) ? 'domain' : undefined;
}

/**
 * The type of a file met while searching a directory, or undefined to pass over it
 * silently: domain XML by its `<domain>` root, nova.conf by its name (any `*.conf`
 * with `--type nova`). `--type` narrows the search to that type; it never turns an
 * XML file into nova.conf or the other way round.
 */
function typeInDirectory(file: string, forced: FileType | undefined): FileType | undefined {
  if (file.endsWith('.xml')) return forced === undefined || forced === 'domain' ? 'domain' : undefined;
  const mp = modprobeKindOfPath(file);
  if (mp) return forced === undefined || forced === mp || (forced === 'modprobe' && file.endsWith('.conf')) ? mp : undefined;
  if ((forced === undefined || forced === 'nova') && (isNovaConfPath(file) || (forced === 'nova' && file.endsWith('.conf')))) return 'nova';
  if (forced === 'modprobe' && file.endsWith('.conf')) return 'modprobe';
  return undefined;
}

/** A file to lint; the type is known for files found in a directory and with --type. */
interface Found {
  readonly file: string;
  readonly type?: FileType;
}

function walk(dir: string, forced: FileType | undefined, found: Found[], confs: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, forced, found, confs);
    } else if (e.isFile()) {
      if (e.name.endsWith('.conf') && forced !== 'domain') confs.push(full);
      const type = typeInDirectory(full, forced);
      if (type) found.push({ file: full, type });
    }
  }
}

/**
 * The files (and stdin) to lint with their kinds, and every `*.conf` met in directories
 * (for nova.conf stacks); exit 2 when one could not be read or told apart.
 */
async function readInputs(o: LintOptions, io: CliIO, t: ReturnType<typeof translator<keyof typeof cliMessages.en>>): Promise<{ inputs: Input[]; confs: string[]; exit: number }> {
  let exit = 0;
  const inputs: Input[] = [];
  const confs: string[] = [];
  for (const target of o.targets) {
    if (target === '-') {
      const text = await readStdin(io.stdin);
      if (text === undefined) {
        io.stderr.write(t('too-large', '-', `> ${megabytes(MAX_INPUT_BYTES)}`, megabytes(MAX_INPUT_BYTES)) + '\n');
        exit = 2;
        continue;
      }
      inputs.push({ file: '-', text, type: o.type ?? stdinType(text) });
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
      walk(full, o.type, files, confs);
      if (files.length === 0 && !o.quiet) io.stderr.write(t('nothing-found', target) + '\n');
    }
    for (const { file: f, type: known } of files) {
      // Regular files only (FIFOs and devices refused), at most MAX_INPUT_BYTES.
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
      if (type === 'domain' && (!explicit || !o.type) && domainXmlKind(text) !== 'domain') {
        if (explicit && !o.quiet) io.stderr.write(t('not-domain', display) + '\n');
        continue;
      }
      inputs.push({ file: display, text, type, abs: f });
    }
  }
  return { inputs, confs, exit };
}

export async function runLint(args: readonly string[], io: CliIO): Promise<number> {
  let o: LintOptions;
  try {
    o = parseLintArgs(args, io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const t = translator(cliMessages, localeFrom(io.env));
    io.stderr.write(`nested-virt lint: ${e.message}\n\n${cliUsage(t)}\n`);
    return 2;
  }
  const t = translator(cliMessages, o.locale);
  const read = await readInputs(o, io, t);
  const inputs = read.inputs;
  let exit = read.exit;
  const stacks = cliStacks(read.confs, o.stacks, io.cwd);
  const inStack = new Set(stacks.flatMap((s) => s.spec.paths));
  const texts = new Map(inputs.filter((i) => i.abs !== undefined).map((i) => [i.abs as string, i.text]));

  const service = new LanguageService(new CatalogProvider(undefined, undefined, { readSync: readCpuMapFilesSync }));
  const { warning } = service.catalogs.get(o.cpuMap);
  if (warning) io.stderr.write(t('cpu-map-warning', warning) + '\n');
  const settings: ServerSettings = { cpuMapPath: o.cpuMap, novaRelease: o.release, hostArch: o.hostArch, validateDomainXml: true, validateNovaConf: true, validateModprobe: true };
  const results: FileFindings[] = [];
  const stackOpts = { settings, locale: o.locale };
  try {
    if (o.explain !== undefined) {
      const singles = inputs.filter((i) => i.type === 'nova' && i.abs && !inStack.has(i.abs)).map((i) => ({ spec: explicitStack([i.abs as string], i.file), display: [i.file] }));
      io.stdout.write(explainStacks(service, [...stacks, ...singles], texts, o.explain, stackOpts, io.cwd) + '\n');
      return exit;
    }
    results.push(...lintStacks(service, stacks, texts, stackOpts, o.quiet));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(t('unreadable', path.relative(io.cwd, err.path ?? '') || String(err.path), err.code ?? String(e)) + '\n');
    return 2;
  }
  const internal = lintInputs(service, inputs.filter((i) => !(i.abs && inStack.has(i.abs))), { settings, locale: o.locale }, o.quiet, results, io, t);
  if (!o.quiet) modprobeTreeFindings(inputs, results, io.cwd, o.locale);
  const counts = countBySeverity(results);
  if (counts.error > 0 && exit === 0) exit = 1;
  if (internal) exit = 70;

  if (o.format === 'json') io.stdout.write(toJson(results) + '\n');
  else if (o.format === 'sarif') io.stdout.write(JSON.stringify(findingsToSarif(results, VERSION), null, 2) + '\n');
  else {
    const word = (s: Severity): string => t(SEVERITY_KEY[s]);
    for (const r of results) for (const f of r.findings) io.stdout.write(formatTextLine(r.file, f, r.lines, word, r.stack) + '\n');
    const files = new Set(results.map((r) => r.file)).size;
    if (!o.quiet) io.stderr.write(t('summary', files, counts.error, counts.warning, counts.information + counts.hint) + '\n');
  }
  return exit;
}

/** The language id the service classifies each type by (`kernel-cmdline` forces the command line reading). */
const LANGUAGE_ID: Record<FileType, string> = { domain: 'xml', nova: 'nova-conf', modprobe: 'modprobe-conf', cmdline: 'kernel-cmdline' };

const SEVERITY_KEY = { error: 'severity-error', warning: 'severity-warning', information: 'severity-info', hint: 'severity-hint' } as const;

/** Lints each input into `results`; an internal error in one file is that file's report, the others still print. True when one failed. */
function lintInputs(
  service: LanguageService, inputs: readonly Input[], opts: { settings: ServerSettings; locale: Locale }, quiet: boolean,
  results: FileFindings[], io: CliIO, t: ReturnType<typeof translator<keyof typeof cliMessages.en>>,
): boolean {
  let internal = false;
  for (const input of inputs) {
    const uri = input.file === '-' ? 'untitled:stdin' : pathToFileURL(path.resolve(io.cwd, input.file)).toString();
    const doc = TextDocument.create(uri, LANGUAGE_ID[input.type], 1, input.text);
    let findings: Finding[];
    try {
      findings = service.findings(doc, opts);
    } catch (e) {
      io.stderr.write(t('internal-error', input.file, e instanceof Error ? e.message : String(e)) + '\n');
      internal = true;
      continue;
    }
    if (quiet) findings = findings.filter((f) => f.severity === 'error');
    results.push({ file: input.file, findings, lines: service.lines(doc) });
  }
  return internal;
}

function readProblem(t: (key: 'not-regular' | 'too-large' | 'unreadable', ...args: string[]) => string, file: string, r: Exclude<ReadResult, { text: string }>): string {
  if (r.problem === 'not-regular') return t('not-regular', file, r.kind);
  if (r.problem === 'too-large') return t('too-large', file, megabytes(r.bytes), megabytes(MAX_INPUT_BYTES));
  return t('unreadable', file, r.code);
}

/** The `nested-virt` command line: `lint`, `probe` and `explain`, on the same engine as the editor. */
import { localeFrom, translator } from '../core/l10n';
import { parseCommandLine, type OptionTable } from '../core/util/args';
import type { CliIO } from './io';
import { VERSION } from '../core/version';
import { runExplain } from './explain';
import { runLint } from './lint';
import { cliMessages } from './messages';
import { cliUsage } from './usage';
import { runProbeCommand } from './probe';

/** The options before a command. */
const MAIN_OPTIONS = {
  version: { type: 'boolean', short: 'V', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionTable;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'lint') return runLint(rest, io);
  if (command === 'explain') return runExplain(rest, io);
  if (command === 'probe') return runProbeCommand(rest, { stdout: io.stdout, stderr: io.stderr, locale: localeFrom(io.env) });
  const t = translator(cliMessages, localeFrom(io.env));
  const { values, positionals, problem } = parseCommandLine(argv, MAIN_OPTIONS);
  if (problem || (positionals.length > 0 && positionals[0] !== 'help')) {
    const error = problem ? t(problem.kind === 'missing-value' ? 'missing-value' : 'unknown-option', problem.option) : t('unknown-command', positionals?.[0] ?? '');
    io.stderr.write(`nested-virt: ${error}\n\n${cliUsage(t)}\n`);
    return 2;
  }
  if (values.version) {
    io.stdout.write(`nested-virt ${VERSION}\n`);
    return 0;
  }
  // No arguments at all is a usage error; asking for help is not.
  (command === undefined ? io.stderr : io.stdout).write(cliUsage(t) + '\n');
  return command === undefined ? 2 : 0;
}

/**
 * A reader that closes the pipe early (`nested-virt lint . | head`) is not an error: EPIPE on
 * stdout or stderr ends the output quietly, and the exit status stays what the run decides.
 */
export function quietOnEpipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

if (require.main === module) {
  quietOnEpipe(process.stdout);
  quietOnEpipe(process.stderr);
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`nested-virt: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}

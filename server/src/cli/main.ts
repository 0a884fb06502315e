/** The `nested-virt` command line: `lint` and `probe`, on the same engine as the editor. */
import { DEFAULT_NOVA_RELEASE } from '../../../shared/src/settings';
import { translator } from '../core/l10n';
import { localeFrom, type CliIO } from './io';
import { runLint, VERSION } from './lint';
import { cliMessages } from './messages';
import { runProbeCommand } from './probe';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const t = translator(cliMessages, localeFrom(io.env));
  switch (command) {
    case 'lint':
      return runLint(rest, io);
    case 'probe':
      return runProbeCommand(rest, { stdout: io.stdout, stderr: io.stderr, locale: localeFrom(io.env) });
    case '--version':
    case '-V':
      io.stdout.write(`nested-virt ${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      (command === undefined ? io.stderr : io.stdout).write(t('usage', DEFAULT_NOVA_RELEASE) + '\n');
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`nested-virt: ${t('unknown-command', command)}\n\n${t('usage', DEFAULT_NOVA_RELEASE)}\n`);
      return 2;
  }
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

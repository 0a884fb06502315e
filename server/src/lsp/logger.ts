/** One leveled logger for the server; in stdio mode stdout is the protocol, so nothing else may print. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogSink {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export class Logger {
  constructor(
    private readonly sink: LogSink,
    private level: LogLevel = 'info',
  ) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  private emit(level: LogLevel, message: string): void {
    if (ORDER[level] > ORDER[this.level]) return;
    // No timestamp: the client's log (VS Code's LogOutputChannel, Neovim's lsp.log) adds its own.
    const line = message;
    if (level === 'error') this.sink.error(line);
    else if (level === 'warn') this.sink.warn(line);
    else if (level === 'info') this.sink.info(line);
    else this.sink.log(line);
  }

  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.stack ?? err.message}` : err === undefined ? '' : `: ${String(err)}`;
    this.emit('error', message + detail);
  }
  warn(message: string): void {
    this.emit('warn', message);
  }
  info(message: string): void {
    this.emit('info', message);
  }
  debug(message: string): void {
    this.emit('debug', message);
  }
}

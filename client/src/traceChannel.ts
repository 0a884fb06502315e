/**
 * The protocol trace channel. vscode-languageclient traces only while its trace
 * channel's log level is Trace, and then ignores `trace.server: off`. So this
 * channel reports its level from `nestedVirt.trace.server` (off → Info, else Trace)
 * and says so when the setting changes: the setting alone turns tracing on and off.
 * Lines go to a plain output channel with one timestamp each.
 */
import * as vscode from 'vscode';

export function createTraceChannel(name: string, section: string): vscode.LogOutputChannel {
  const out = vscode.window.createOutputChannel(name);
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const level = (): vscode.LogLevel =>
    vscode.workspace.getConfiguration(section).get<string>('trace.server', 'off') === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
  const sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${section}.trace.server`)) changed.fire(level());
  });
  const write = (tag: string) => (message: string | Error, ...args: unknown[]): void => {
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    out.appendLine(`${new Date().toISOString()} [${tag}] ${text}${args.length ? ' ' + args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : ''}`);
  };
  return {
    name,
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: changed.event,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    append: (v: string) => out.append(v),
    appendLine: (v: string) => out.appendLine(v),
    replace: (v: string) => out.replace(v),
    clear: () => out.clear(),
    show: (a?: vscode.ViewColumn | boolean, b?: boolean) => (typeof a === 'boolean' || a === undefined ? out.show(a) : out.show(a, b)),
    hide: () => out.hide(),
    dispose: () => {
      sub.dispose();
      changed.dispose();
      out.dispose();
    },
  };
}

/**
 * Per-resource settings pulled from the client with workspace/configuration and
 * cached by uri; the cache is dropped when the client says settings changed.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SERVER_SETTINGS, parseServerSettings, SECTION, type ServerSettings } from '../../../../shared/src/settings';
import type { Logger } from '../logger';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
    private readonly pull: boolean,
  ) {}

  /** For clients without workspace/configuration: settings pushed with didChangeConfiguration. */
  setGlobal(raw: unknown): void {
    this.global = this.validate(raw);
  }

  clear(): void {
    this.cache.clear();
  }

  get(uri: string): Promise<ServerSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SECTION })
        .then((raw) => this.validate(raw))
        .catch((e: unknown) => {
          this.logger.warn(`could not read settings for ${uri}: ${String(e)}`);
          return this.global;
        });
      this.cache.set(uri, p);
    }
    return p;
  }

  private validate(raw: unknown): ServerSettings {
    const problems: string[] = [];
    const s = parseServerSettings(raw, problems);
    for (const p of problems) this.logger.warn(p);
    return s;
  }
}

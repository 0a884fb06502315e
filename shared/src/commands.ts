/** Command ids contributed by the extension (`nestedVirt.<verb>`). */
export const Commands = {
  probeHost: 'nestedVirt.probeHost',
  probeLocal: 'nestedVirt.probeLocal',
  probeAll: 'nestedVirt.probeAll',
  selectHost: 'nestedVirt.selectHost',
  restartServer: 'nestedVirt.restartServer',
  showOutput: 'nestedVirt.showOutput',
  /** Also a `workspace/executeCommand` of the language server (shared/src/explain.ts). */
  explainError: 'nestedVirt.explainError',
  lintWorkspace: 'nestedVirt.lintWorkspace',
  openExample: 'nestedVirt.openExample',
  changeRelease: 'nestedVirt.changeRelease',
  changeHostArch: 'nestedVirt.changeHostArch',
  changeCpuMap: 'nestedVirt.changeCpuMap',
} as const;

/** Language ids. `xml` is VS Code's own; we register `nova-conf` and `modprobe-conf`. */
export const LanguageIds = { xml: 'xml', novaConf: 'nova-conf', modprobeConf: 'modprobe-conf' } as const;

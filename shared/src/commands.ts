/** Command ids contributed by the extension (`nestedVirt.<verb>`). */
export const Commands = {
  probeHost: 'nestedVirt.probeHost',
  probeLocal: 'nestedVirt.probeLocal',
  probeAll: 'nestedVirt.probeAll',
  selectHost: 'nestedVirt.selectHost',
  restartServer: 'nestedVirt.restartServer',
  showOutput: 'nestedVirt.showOutput',
  lintWorkspace: 'nestedVirt.lintWorkspace',
  openExample: 'nestedVirt.openExample',
  changeRelease: 'nestedVirt.changeRelease',
  changeHostArch: 'nestedVirt.changeHostArch',
  changeCpuMap: 'nestedVirt.changeCpuMap',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Language ids. `xml` is VS Code's own; we only register `nova-conf`. */
export const LanguageIds = { xml: 'xml', novaConf: 'nova-conf' } as const;

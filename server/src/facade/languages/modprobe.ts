/** modprobe.d files and kernel command lines (one `modprobe-conf` language id, two parsers). */
import {
  cmdlineCompletion,
  cmdlineFindings,
  cmdlineHover,
  isLegacyModprobePath,
  legacyFileFindings,
  modprobeCodeActions,
  modprobeCompletion,
  modprobeFindings,
  modprobeHover,
  parseCmdline,
  parseModprobe,
  type CmdlineFile,
  type ModprobeFile,
} from '../../lang/modprobe';
import type { Language } from './types';

export const modprobeLanguage: Language<ModprobeFile> = {
  id: 'modprobe',
  parse: parseModprobe,
  applies: () => true,
  enabled: (s) => s.validateModprobe,
  findings: (file, ctx) => modprobeFindings(file, ctx),
  placeFindings: (fsPath, file, ctx) => (isLegacyModprobePath(fsPath) ? legacyFileFindings(file, ctx.locale) : []),
  completion: (doc, file, offset, ctx) => modprobeCompletion(doc, file.text, offset, ctx, { snippets: ctx.serveSnippets }),
  hover: (doc, file, offset, ctx) => modprobeHover(doc, file, offset, ctx),
  codeActions: (doc, file, _range, diags, ctx) => modprobeCodeActions(doc, file, diags, ctx),
};

export const cmdlineLanguage: Language<CmdlineFile> = {
  id: 'cmdline',
  parse: (text) => parseCmdline(text),
  applies: () => true,
  enabled: (s) => s.validateModprobe,
  findings: (file, ctx) => cmdlineFindings(file, ctx),
  completion: (doc, file, offset, ctx) => cmdlineCompletion(doc, file, offset, ctx),
  hover: (doc, file, offset, ctx) => cmdlineHover(doc, file, offset, ctx),
  codeActions: (doc, _file, _range, diags, ctx) => modprobeCodeActions(doc, undefined, diags, ctx),
};

/**
 * modprobe.d files and kernel command lines as languages: one parser each (with
 * offsets), the kvm module facts generated from the kernel source, findings,
 * completion, hover and quick-fixes. Pure functions; the probe uses the same parser.
 */
export type { ModprobeContext } from './context';
export { parseModprobe } from './parser';
export type { ModprobeFile } from './parser';
export { parseCmdline, effectiveOrder } from './cmdline';
export type { CmdlineFile } from './cmdline';
export { modprobeFindings, cmdlineFindings } from './diagnostics';
export { modprobeCompletion, cmdlineCompletion } from './completion';
export { modprobeHover, cmdlineHover } from './hover';
export { modprobeCodeActions } from './codeActions';
export { whichFilesWin, treeFindings, legacyFileFindings } from './files';
export type { ConfFile } from './files';
export { isLegacyModprobePath, looksLikeCmdline, looksLikeGrub, looksLikeModprobe, modprobeKindOfPath, modprobeKindOf, modprobePlace, MODPROBE_DIRS, MODPROBE_FILENAMES, MODPROBE_FILENAME_PATTERNS } from './paths';
export { kvmParam, defaultFor } from './modules';
export { modprobeSnippetFileText } from './snippets';

/**
 * modprobe.d files and kernel command lines as languages: one parser each (with
 * offsets), the kvm module facts generated from the kernel source, findings,
 * completion, hover and quick-fixes. Pure functions; the probe uses the same parser.
 */
export type { ModprobeContext, ModprobeFinding, ModprobeFix } from './context';
export { parseModprobe, normModule, COMMANDS } from './parser';
export type { ModprobeFile, Directive, Param, Word, Command } from './parser';
export { parseCmdline, effectiveOrder } from './cmdline';
export type { CmdlineFile, CmdlineParam, GrubAssignment, CmdlineSource } from './cmdline';
export { modprobeFindings, cmdlineFindings } from './diagnostics';
export { modprobeCompletion, cmdlineCompletion } from './completion';
export { modprobeHover, cmdlineHover, paramMarkdown } from './hover';
export { modprobeCodeActions } from './codeActions';
export { whichFilesWin, treeFindings, legacyFileFindings } from './files';
export type { ConfFile, Precedence } from './files';
export { modprobeKindOfPath, modprobeKindOf, looksLikeGrub, modprobePlace, MODPROBE_DIRS, MODPROBE_FILENAMES, MODPROBE_FILENAME_PATTERNS } from './paths';
export type { ModprobeKind, ModprobePlace } from './paths';
export { KVM_MODULES, kvmModule, kvmParam, isKvmModule, meantKvmModule, vendorModule, acceptsValue, onOff, defaultFor, parseKernelBool } from './modules';
export { modprobeMessages } from './messages';
export { modprobeDescriptions } from './descriptions';
export { MODPROBE_SNIPPETS, modprobeSnippetFileText } from './snippets';

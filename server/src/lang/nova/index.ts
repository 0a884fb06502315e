/**
 * nova.conf language services: a parser with oslo.config semantics and the
 * `[libvirt]` diagnostics, completion, hover and quick-fixes. Pure functions: they
 * take the document, its parse and a context, and never touch a Connection.
 */
export type { NovaContext, NovaFinding, FixData } from './context';
export { parseNovaConf, normalizeGroupName, lastEntry, entriesOfGroup } from './parser';
export type { NovaConfFile, NovaEntry, NovaSection, NovaComment, ParseProblem, ParseProblemCode, ValuePiece } from './parser';
export { novaFindings } from './diagnostics';
export { novaCompletion, NOVA_GROUPS } from './completion';
export { novaHover } from './hover';
export { novaCodeActions } from './codeActions';
export { isNovaConfPath, NOVA_CONF_FILENAMES, NOVA_CONF_FILENAME_PATTERNS } from './paths';
export { novaOptions, NovaOptionTable } from './options';
export type { OptionSpec, ValueType, OptionHistory } from './options';
export { novaMessages } from './messages';
export { novaDescriptions } from './descriptions';
export { NOVA_SNIPPETS, novaSnippetFileText } from './snippets';


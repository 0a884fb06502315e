/**
 * nova.conf language services: a parser with oslo.config semantics and the
 * `[libvirt]` diagnostics, completion, hover and quick-fixes. Pure functions: they
 * take the document, its parse and a context, and never touch a Connection.
 */
export type { NovaContext } from './context';
export { parseNovaConf } from './parser';
export type { NovaConfFile, NovaEntry } from './parser';
export { novaFindings } from './diagnostics';
export { novaCompletion } from './completion';
export { novaHover } from './hover';
export { novaCodeActions } from './codeActions';
export { isNovaConfPath, NOVA_CONF_FILENAMES, NOVA_CONF_FILENAME_PATTERNS } from './paths';
export { novaMessages } from './messages';
export { novaDescriptions } from './descriptions';

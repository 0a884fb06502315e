import { novaCodeActions, novaCompletion, novaFindings, novaHover, parseNovaConf, type NovaConfFile } from '../../lang/nova';
import { novaDocumentSymbols, novaFoldingRanges, novaSelectionRanges } from '../../lang/nova/symbols';
import type { Language } from './types';

export const novaLanguage: Language<NovaConfFile> = {
  id: 'nova',
  parse: parseNovaConf,
  applies: () => true,
  enabled: (s) => s.validateNovaConf,
  findings: (file, ctx) => novaFindings(file, ctx),
  completion: (doc, file, offset, ctx) => novaCompletion(doc, file, offset, ctx, { snippets: ctx.serveSnippets }),
  hover: (doc, file, offset, ctx) => novaHover(doc, file, offset, ctx),
  codeActions: (doc, file, range, diags, ctx) => novaCodeActions(doc, file, range, diags, ctx),
  documentSymbols: (file) => novaDocumentSymbols(file),
  foldingRanges: (file) => novaFoldingRanges(file),
  selectionRanges: (file, offsets) => novaSelectionRanges(file, offsets),
};

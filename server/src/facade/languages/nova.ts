import { novaCodeActions, novaCompletion, novaFindings, novaHover, parseNovaConf, type NovaConfFile } from '../../lang/nova';
import { novaT } from '../../lang/nova/messages';
import { novaDocumentSymbols, novaFoldingRanges, novaSelectionRanges } from '../../lang/nova/symbols';
import { wholeRange, type Language } from './types';

export const novaLanguage: Language<NovaConfFile> = {
  id: 'nova',
  parse: parseNovaConf,
  applies: () => true,
  enabled: (s) => s.validateNovaConf,
  findings: (file, ctx) => novaFindings(file, ctx),
  completion: (doc, file, offset, ctx) => novaCompletion(doc, file, offset, ctx, { snippets: ctx.serveSnippets }),
  hover: (doc, file, offset, ctx) => novaHover(doc, file, offset, ctx),
  codeActions: (doc, file, range, diags, ctx) => novaCodeActions(doc, file, range, diags, ctx),
  fixAll: (doc, file, diags, ctx) => ({
    title: novaT(ctx.locale)('fix.all'),
    actions: novaCodeActions(doc, file, wholeRange(doc), diags, ctx, { targetedOnly: true }),
  }),
  documentSymbols: (file) => novaDocumentSymbols(file),
  foldingRanges: (file) => novaFoldingRanges(file),
  selectionRanges: (file, offsets) => novaSelectionRanges(file, offsets),
};

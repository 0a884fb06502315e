import { domainCodeActions } from '../../lang/domain/codeActions';
import { domainCompletion } from '../../lang/domain/completion';
import { domainFindings } from '../../lang/domain/diagnostics';
import { domainHover } from '../../lang/domain/hover';
import { parseDomain, type DomainInfo } from '../../lang/domain/model';
import { translator } from '../../core/l10n';
import { domainMessages } from '../../lang/domain/messages';
import { wholeRange, type Language } from './types';

type Parsed = ReturnType<typeof parseDomain>;

function domainOf(p: Parsed): DomainInfo {
  // applies() guarantees a domain before any feature runs.
  return p.domain as DomainInfo;
}

export const domainLanguage: Language<Parsed> = {
  id: 'domain',
  parse: parseDomain,
  applies: (p) => p.domain !== undefined,
  enabled: (s) => s.validateDomainXml,
  findings: (p, ctx) => domainFindings(domainOf(p), ctx),
  completion: (doc, p, offset, ctx) => domainCompletion(doc, domainOf(p), offset, ctx),
  hover: (doc, p, offset, ctx) => domainHover(doc, domainOf(p), offset, ctx),
  codeActions: (doc, p, range, diags, ctx) => domainCodeActions(doc, domainOf(p), range, diags, ctx),
  fixAll: (doc, p, diags, ctx) => ({
    title: translator(domainMessages, ctx.locale)('fix-all'),
    actions: domainCodeActions(doc, domainOf(p), wholeRange(doc), diags, ctx),
  }),
};

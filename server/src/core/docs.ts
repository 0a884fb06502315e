/**
 * Where each diagnostic code is explained: a section of docs/diagnostics.md whose
 * anchor is the code itself. Editors show it as a link on the code
 * (`Diagnostic.codeDescription`), SARIF as the rule's help URI.
 */
export const DIAGNOSTICS_DOC_URL = 'https://github.com/nested-virt/nested-virt/blob/main/docs/diagnostics.md';

/** The link for a code: `…/docs/diagnostics.md#<code>` (GitHub makes that anchor from a `### <code>` heading). */
export function codeHref(code: string): string {
  return `${DIAGNOSTICS_DOC_URL}#${code}`;
}

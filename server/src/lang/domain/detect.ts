/**
 * Whether a text is libvirt domain XML: the one test the editor (facade/service.ts)
 * and the CLI (`nested-virt lint`) both use. Editors name XML differently (VS Code
 * and Neovim say `xml`, Emacs eglot `nxml`), so the text decides, not the language
 * id: it must start with markup (after blanks and a BOM), and its root element must
 * be `<domain>`. Only the first tag is read, so other XML costs next to nothing.
 */
import { rootElementName } from '../xml/root';

/** `domain`: domain XML; `other-xml`: markup with another root (or none yet); undefined: not markup. */
export type MarkupKind = 'domain' | 'other-xml';

export function domainXmlKind(text: string): MarkupKind | undefined {
  if (!startsWithMarkup(text)) return undefined;
  return rootElementName(text) === 'domain' ? 'domain' : 'other-xml';
}

/** True when the first non-blank character (after a BOM) is `<`. */
function startsWithMarkup(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return false;
}

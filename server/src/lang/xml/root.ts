/** The root element's name, read cheaply: XML that is not a libvirt domain costs next to nothing. */
import { isNameCode } from './chars';

/**
 * Returns the name of the first element in the text without building a tree,
 * so that XML files that are not libvirt domains cost next to nothing.
 */
export function rootElementName(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    const next = text.charAt(lt + 1);
    if (next === '?') {
      const e = text.indexOf('?>', lt + 2);
      if (e < 0) return undefined;
      i = e + 2;
    } else if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      if (e < 0) return undefined;
      i = e + 3;
    } else if (next === '!') {
      const e = text.indexOf('>', lt + 2);
      if (e < 0) return undefined;
      i = e + 1;
    } else {
      let j = lt + 1;
      while (j < n && isNameCode(text.charCodeAt(j))) j++;
      return j > lt + 1 ? text.slice(lt + 1, j) : undefined;
    }
  }
  return undefined;
}

/** Explain an error: the signature catalog, the matcher, explain() and the locator. Pure. */
export { explain, matchText, fill, type ExplainContext } from './explain';
export { locate, type Location, type LocatedKind, type WorkspaceDoc } from './locate';
export { explainMessages, signatureCatalog } from './messages';
export { SIGNATURES } from './signatures';
export { CATEGORIES, type Category, type Captures, type Evidence, type Explanation, type Signature } from './types';

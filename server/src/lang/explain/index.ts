/** Explain an error: the signature catalog, the matcher, explain() and the locator. Pure. */
export { explain, matchText } from './explain';
export { locate, type WorkspaceDoc } from './locate';
export { explainMessages } from './messages';
export { SIGNATURES } from './signatures';
export { CATEGORIES, type Captures, type Explanation } from './types';

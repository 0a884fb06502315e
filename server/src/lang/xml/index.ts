export * from './types';
export * from './query';
export { parseXml, rootElementName } from './parser';

export * from './types';
export * from './query';
export { decodeEntities, parseXml, rootElementName } from './parser';

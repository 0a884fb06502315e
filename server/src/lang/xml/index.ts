export * from './types';
export * from './query';
export { decodeEntities, parseXml } from './parser';
export { rootElementName } from './root';

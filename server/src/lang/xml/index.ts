export * from './types';
export * from './query';
export { parseXml } from './parser';
export { rootElementName } from './root';

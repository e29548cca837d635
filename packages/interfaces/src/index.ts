export { dataHash, lenientJsonLoads, pythonJsonDumps } from './python-json.js';
export type { JsonData } from './python-json.js';

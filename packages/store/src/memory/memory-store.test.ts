/** The in-memory store passes the store contract. */
import { MemoryStore } from './memory-store.js';
import { describeLogBound, describeStoreContract } from '../test-support/store-contract.js';

describeStoreContract('MemoryStore', () => {
  const store = new MemoryStore();
  return Promise.resolve({ store, secondWriter: () => store, dispose: () => store.close() });
});

describeLogBound('MemoryStore', (maxLogRecords) => {
  const store = new MemoryStore({ maxLogRecords });
  return Promise.resolve({ store, secondWriter: () => store, dispose: () => store.close() });
});

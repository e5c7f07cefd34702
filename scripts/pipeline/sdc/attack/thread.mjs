// The entry of a worker thread of disclosure control (the attack's shares, attack/threads.ts; the parts'
// protection, parts-threads.ts). A worker thread does not inherit the process's TypeScript loader on Node 20, so
// it registers tsx's here, then runs the module named in its data.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

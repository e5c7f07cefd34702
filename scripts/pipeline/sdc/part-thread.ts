// A worker thread of the parts' protection (parts-threads.ts): protects each part it is sent, until it is sent null.
import { parentPort } from 'node:worker_threads';
import { protectPart, type PartJob } from './parts.ts';

parentPort!.on('message', (job: PartJob | null) => {
  if (job === null) { parentPort!.close(); return; }
  parentPort!.postMessage(protectPart(job));
});

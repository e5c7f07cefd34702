// A worker thread of disclosure control by parts (parts-threads.ts): protects or attacks each part it is sent, until
// it is sent null.
import { parentPort } from 'node:worker_threads';
import { attack } from './attack.ts';
import { protectPart, type AttackJob, type PartJob } from './parts.ts';

type Task = { task: 'protect'; job: PartJob } | { task: 'attack'; job: AttackJob };

parentPort!.on('message', (message: Task | null) => {
  if (message === null) { parentPort!.close(); return; }
  const { task, job } = message;
  parentPort!.postMessage(task === 'protect' ? protectPart(job) : attack(job.model, job.suppressed, job.options));
});

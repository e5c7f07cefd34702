// One share of the attack on a worker thread (threads.ts): the model, the pattern and the options arrive as the
// thread's data, the share's result goes back as its one message.
import { parentPort, workerData } from 'node:worker_threads';
import { attack, type AttackOptions } from '../attack.ts';
import type { CellModel } from '../model.ts';

const { model, suppressed, options } = workerData as { model: CellModel; suppressed: Uint8Array; options: AttackOptions };
parentPort!.postMessage(attack(model, suppressed, options));

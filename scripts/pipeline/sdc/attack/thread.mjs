// The entry of one worker thread of the attack (threads.ts). A worker thread does not inherit the process's
// TypeScript loader on Node 20, so it registers tsx's here, then runs the share of the attack it was given.
import { register } from 'tsx/esm/api';

register();
await import('./share.ts');

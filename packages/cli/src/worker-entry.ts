// The script a lint worker thread runs (see parallel.ts).
import { runWorker } from './worker.js';

runWorker();

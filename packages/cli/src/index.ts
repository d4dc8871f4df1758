/** The satlint command as a function, for tests and for tools that embed it. */
export { main } from './main.js';
export type { CliIo } from './main.js';

/**
 * Reading resources out of parsed files (`resources.ts`, `origin.ts`) and the shared walkers every
 * rule reads them through: pod specs, containers, volumes and tokens (`pod-spec.ts`), command lines
 * (`command.ts`) and their flags (`flags.ts`).
 */
export * from './resources.js';
export * from './origin.js';
export * from './pod-spec.js';
export { commandBasename } from './command.js';

// Globals of the web platform that core uses, present alike in Node (22 and later) and in browsers
// (the playground): core's lib is ES2023 without DOM or Node types, for it calls no Node API.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
declare function structuredClone<T>(value: T): T;

import { describe, expect, it } from 'vitest';
import { localeOrder } from './locale-order.js';

const sign = (n: number) => Math.sign(n);

describe('localeOrder', () => {
  it('orders lower-case ids and paths exactly as localeCompare does, without ICU', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-./';
    let seed = 22;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const pairs: [string, string][] = [['no-automount-token', 'service-account-automount'], ['a-b', 'ab'], ['a', 'a-'], ['a/b', 'a.b'], ['9', 'a'], ['', 'a'], ['x', 'x']];
    for (let i = 0; i < 20000; i++) {
      const a = word();
      // Shared prefixes too, where the order is decided late or by length.
      pairs.push([a, random() < 0.5 ? word() : a + word()]);
    }
    for (const [a, b] of pairs) {
      expect(sign(localeOrder(a, b)), `${a} vs ${b}`).toBe(sign(a.localeCompare(b)));
      expect(sign(localeOrder(b, a)), `${b} vs ${a}`).toBe(sign(b.localeCompare(a)));
    }
  });

  it('asks ICU for anything else (upper case, underscores, other scripts)', () => {
    for (const [a, b] of [['a', 'B'], ['a_b', 'a-b'], ['Z', 'a'], ['é', 'f'], ['rule:x', 'rule.x']] as const) expect(sign(localeOrder(a, b)), `${a} vs ${b}`).toBe(sign(a.localeCompare(b)));
  });
});

import { describe, expect, it } from 'vitest';
import { formatFloat32, isGoTimestamp, jsonKey, jsonValue, resolveGo, resolvePlain } from './yaml11.js';

// Expected values are go-yaml v2's (sigs.k8s.io/yaml/goyaml.v2 resolve.go, decoded into interface{}
// and marshalled to JSON as kubectl does), several of which the `yaml` package's 1.1 schema reads
// differently (marked "yaml package:").
describe('resolvePlain: plain scalars as go-yaml v2 resolves them', () => {
  it('takes the string shortcut exactly where go-yaml resolves without a hint', () => {
    for (let c = 32; c < 0x250; c++) {
      for (const rest of ['', 'es', 'rue', 'ull', '1', '.5', 'x y', '<<', 'n', 'ff', '~']) {
        const s = String.fromCharCode(c) + rest;
        expect(resolvePlain(s), JSON.stringify(s)).toEqual(jsonValue(resolveGo('', s)));
      }
    }
  });
  it('reads the map words (bools, nulls) and the words that only start like them exactly as go-yaml does', () => {
    const words = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL'];
    for (const w of words) for (const s of [w, `${w}x`, `${w} `, w.slice(0, -1) || 'o']) expect(resolvePlain(s), JSON.stringify(s)).toEqual(jsonValue(resolveGo('', s)));
    expect([resolvePlain('type'), resolvePlain('object'), resolvePlain('nullable'), resolvePlain('~x')]).toEqual(['type', 'object', 'nullable', '~x']);
  });
  it('agrees with go-yaml whatever follows a map word\'s first character (a scalar no word begins like skips the lookup)', () => {
    // Every second character, then scalars of one to seven characters that begin like the words
    // (`false`, five characters, is the longest) or do not.
    for (const c of 'yYnNtTfFoO~') {
      for (let d = 32; d < 0x180; d++) {
        const s = c + String.fromCharCode(d);
        expect(resolvePlain(s), JSON.stringify(s)).toEqual(jsonValue(resolveGo('', s)));
      }
      for (const tail of ['alse', 'ALSE', 'alsey', 'amespace', 'ull', 'ULL', 'uLL', 'ull_', 'es', 'ES', 'eS', 'rue', 'RUE', 'rueish', 'ff', 'FF', 'fF', 'n', 'N', 'ode', 'odeName', 'o', 'ype', 'emplate', 'ield', 'rom']) {
        for (let n = 1; n <= 7; n++) {
          const s = (c + tail).slice(0, n);
          expect(resolvePlain(s), JSON.stringify(s)).toEqual(jsonValue(resolveGo('', s)));
        }
      }
    }
    expect(['false', 'FALSE', 'falsey', 'Off', 'oFF', 'namespace', 'nodeName', 'No', 'nO', '~'].map(resolvePlain)).toEqual([false, false, 'falsey', false, 'oFF', 'namespace', 'nodeName', false, 'nO', null]);
  });
  it.each([
    ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
    ['yes', true], ['Off', false], ['y', true], ['n', false], ['ON', true], ['TRUE', true], ['tRUE', 'tRUE'],
    ['0755', 493], ['0x1F', 31], ['0X1f', 31], ['0b101', 5], ['-0b101', -5], ['1_000', 1000], ['-42', -42], ['+7', 7], ['0', 0], ['-0', 0],
    ['0o17', 15], // yaml package: the string "0o17"
    ['08', 8], ['09.5', 9.5], ['3.5', 3.5], ['.5', 0.5], ['-.5', -0.5], ['+.5e1', 5], ['1.', 1], ['1e3', 1000], ['1E3', 1000], ['1.e2', 100],
    ['e5', 'e5'], // yaml package: NaN
    ['1e400', '1e400'], // out of float range: go-yaml keeps the string (yaml package: Infinity)
    ['1:20', '1:20'], ['190:20:30', '190:20:30'], // no base 60 in go-yaml (yaml package: 80, 685230)
    ['2001-12-14', '2001-12-14'], ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'], // timestamps decode to their text
    ['9007199254740993', 2 ** 53], // int64 kept by go-yaml; JSON → a JavaScript number (precision beyond 2^53 lost)
    ['9223372036854775808', 2 ** 63], // uint64
    ['18446744073709551616', 2 ** 64], // beyond uint64: a float
    ['0x10000000000000000', '0x10000000000000000'], // hex beyond uint64: a string
    ['+18446744073709551615', 2 ** 64], // ParseUint takes no sign: the float form
    ['0x', '0x'], ['0b', '0b'], ['-', '-'], ['+', '+'], ['_1', '_1'], ['1_', 1], ['.', '.'], ['._5', '._5'], ['.5_5', 0.55], ['.5__5', '.5__5'], ['.5_', '.5_'],
    ['.inf', Infinity], ['-.Inf', -Infinity], ['+.INF', Infinity], ['.nan', NaN], ['inf', 'inf'], ['nan', 'nan'],
    ['<<', '<<'], ['v1', 'v1'], ['true-ish', 'true-ish'], ['nginx', 'nginx'], ['Deployment', 'Deployment'], ['-a', '-a'], ['0x1.8p1', '0x1.8p1'],
  ])('%j → %j', (s, v) => {
    expect(resolvePlain(s)).toEqual(v);
  });
});

describe('explicit tags', () => {
  it('are honoured or refused as go-yaml does', () => {
    expect(resolveGo('tag:yaml.org,2002:str', '123')).toEqual({ type: 'str', value: '123' });
    expect(resolveGo('tag:yaml.org,2002:int', '0x10')).toEqual({ type: 'int', value: 16n });
    expect(resolveGo('tag:yaml.org,2002:float', '1')).toEqual({ type: 'float', value: 1 });
    expect(resolveGo('tag:yaml.org,2002:binary', 'aGVs\nbG8=')).toEqual({ type: 'binary', value: 'hello' });
    expect(resolveGo('tag:yaml.org,2002:binary', '/w==')).toEqual({ type: 'binary', value: '\ufffd' });
    expect(resolveGo('!custom', '12')).toEqual({ type: 'str', value: '12' });
    expect(resolveGo('tag:yaml.org,2002:timestamp', '2001-12-14')).toEqual({ type: 'timestamp', value: '2001-12-14' });
    expect(() => resolveGo('tag:yaml.org,2002:int', 'abc')).toThrow('cannot decode !!str `abc` as a !!int');
    expect(() => resolveGo('tag:yaml.org,2002:bool', '1')).toThrow('cannot decode !!int `1` as a !!bool');
    expect(() => resolveGo('tag:yaml.org,2002:int', '')).toThrow('cannot decode !!null `` as a !!int');
    expect(() => resolveGo('tag:yaml.org,2002:binary', 'a b')).toThrow('!!binary value contains invalid base64 data');
    expect(() => resolveGo('tag:yaml.org,2002:timestamp', '2001-02-30')).toThrow('as a !!timestamp');
  });
});

describe('timestamps (go-yaml tries four time.Parse layouts)', () => {
  it.each([
    ['2001-12-14', true], ['2001-1-2', true], ['2001-12-14T21:59:43.10Z', true], ['2001-12-14t21:59:43+05:00', true], ['2001-12-14 21:59:43.10', true],
    ['2001-02-29', false], ['2000-02-29', true], ['2001-13-01', false], ['2001-12-14 21:59:43.10 -5', false], ['2001-12-14T25:00:00Z', false], ['01-12-14', false], ['2001-12-14T21:59:43', false],
  ])('%j → %j', (s, v) => expect(isGoTimestamp(s)).toBe(v));
});

describe('mapping keys as sigs.k8s.io/yaml makes them strings', () => {
  it('ints exact, bools true/false, floats as FormatFloat(f, g, -1, 32); null and uint64 refused', () => {
    expect(jsonKey(resolveGo('', '9007199254740993'))).toBe('9007199254740993');
    expect(jsonKey(resolveGo('', 'yes'))).toBe('true');
    expect(jsonKey(resolveGo('', '0x10'))).toBe('16');
    expect(jsonKey(resolveGo('', '1.5'))).toBe('1.5');
    expect(jsonKey(resolveGo('', '1.0'))).toBe('1');
    expect(jsonKey(resolveGo('', '1e6'))).toBe('1e+06');
    expect(jsonKey(resolveGo('', '123456.0'))).toBe('123456');
    expect(jsonKey(resolveGo('', '0.1'))).toBe('0.1');
    expect(jsonKey(resolveGo('', '0.00001'))).toBe('1e-05');
    expect(jsonKey(resolveGo('', '3.14159265358979'))).toBe('3.1415927');
    expect(jsonKey(resolveGo('', '.inf'))).toBe('.inf');
    expect(() => jsonKey(resolveGo('', '~'))).toThrow('unsupported map key of type: <nil>');
    expect(() => jsonKey(resolveGo('', '18446744073709551615'))).toThrow('unsupported map key of type: uint64');
    expect(formatFloat32(-2.5)).toBe('-2.5');
    expect(formatFloat32(1e21)).toBe('1e+21');
  });
});

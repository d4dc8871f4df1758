// The esbuild plugin of scripts/bundle.mjs that defers modules a one-file run does not need.
// esbuild wraps every module of the bundle in an init function and calls it when an importer is
// initialised, so everything reachable from the CLI's imports runs (and is compiled, and lands in
// V8's code cache) at start-up. A deferred module is replaced, for every importer, by a stub that
// exports placeholders: the first call of any of them requires the real module (bundled as usual,
// so still one file) and rebinds every export to the real one, so later calls go straight there.
// Hand-written.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The module's exports, evaluated once at build time (bundled alone with the bundle's options). */
async function exportsOf(file, root, options) {
  const req = createRequire(join(root, 'package.json'));
  if (file.includes('/node_modules/')) return req(file);
  const out = await build({ ...options, entryPoints: [file], write: false, plugins: [] });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__filename', '__dirname', '__satlintModuleUrl', out.outputFiles[0].text)(module, module.exports, req, file, dirname(file), pathToFileURL(file).href);
  return module.exports;
}

/**
 * The stub's source. Functions and classes get placeholders (a class is constructed through it);
 * `constants` (primitive values, copied at build time) are exported as they are. Any other export
 * (an object, a function with properties of its own such as yaml's visit.BREAK) is left out, so an
 * import of it fails the build instead of seeing a placeholder.
 */
function stubSource(file, mod, constants) {
  const real = JSON.stringify(`./${relative(dirname(file), file)}`);
  const body = [];
  const rebind = [];
  for (const name of Object.keys(mod)) {
    const v = mod[name];
    const local = name === 'default' ? 'default_' : name;
    const key = JSON.stringify(name);
    if (constants.includes(name)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw new Error(`${file}: ${name} is not a primitive constant`);
      body.push(`const ${local} = ${JSON.stringify(v)};`);
    } else if (typeof v === 'function' && Object.getOwnPropertyNames(v).every((k) => ['length', 'name', 'prototype', 'arguments', 'caller'].includes(k))) {
      // A placeholder kept by a caller from before the load still forwards, and copies what a call
      // leaves on the function (an ajv validator's `errors`).
      body.push(
        `let ${local} = function (...args) {`,
        `  const fn = load()[${key}];`,
        `  if (new.target) return Reflect.construct(fn, args, new.target === placeholder_${local} ? fn : new.target);`,
        `  const r = fn.apply(this, args);`,
        `  Object.assign(placeholder_${local}, fn);`,
        `  return r;`,
        `};`,
        `const placeholder_${local} = ${local};`,
      );
      rebind.push(`  ${local} = real[${key}];`);
    } else continue;
    body.push(name === 'default' ? `export { ${local} as default };` : `export { ${local} };`);
  }
  return [`let real;`, `function load() {`, `  if (real !== undefined) return real;`, `  real = require(${real});`, ...rebind, `  return real;`, `}`, ...body].join('\n');
}

/**
 * `deferred`: absolute path → names of its primitive constants. `options`: the bundle's esbuild
 * options, to evaluate a module with at build time.
 */
export function deferModules(deferred, root, options) {
  return {
    name: 'satlint-deferred-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'satlint-deferred' || args.pluginData?.satlintReal || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, namespace: args.namespace, pluginData: { satlintReal: true } });
        if (r.errors.length > 0 || !deferred.has(r.path)) return undefined;
        // Relative: the bundle must not depend on where the checkout is.
        return { path: relative(root, r.path), namespace: 'satlint-deferred' };
      });
      b.onLoad({ filter: /.*/, namespace: 'satlint-deferred' }, async (args) => {
        const file = join(root, args.path);
        return { contents: stubSource(file, await exportsOf(file, root, options), deferred.get(file)), resolveDir: dirname(file), loader: 'js' };
      });
    },
  };
}

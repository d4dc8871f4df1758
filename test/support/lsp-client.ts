/**
 * A Language Server Protocol client for tests: it starts `vscode-eslint-language-server` (npm
 * `vscode-langservers-extracted`) over stdio and talks to it the way VS Code and Neovim do —
 * `initialize` with the capabilities an editor announces, answers to the server's
 * `workspace/configuration` requests, `didOpen`/`didChange`, pulled (`textDocument/diagnostic`) and
 * pushed (`textDocument/publishDiagnostics`) diagnostics, `textDocument/codeAction`, and
 * `workspace/executeCommand` with the `workspace/applyEdit` the server sends back.
 *
 * Usage:
 *   const client = await LspClient.start({ root: dir });
 *   const uri = client.open(join(dir, 'pod.yaml'));
 *   const diagnostics = await client.pullDiagnostics(uri);
 *   const actions = await client.codeActions(uri, diagnostics[0]!);
 *   const edited = await client.execute(actions[0]!);  // the document's text after the server's edit
 *   await client.stop();
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(import.meta.dirname, '../..');

/** The server's path in this repository's node_modules (a dev dependency). */
export const ESLINT_SERVER = join(repoRoot, 'node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server');

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  data?: unknown;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: Command;
}
export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}

/**
 * The settings the ESLint extension sends for a workspace folder (the shape of `eslint.*` in VS
 * Code's settings.json, with the extension's defaults); `overrides` are merged in, one level deep.
 */
export function eslintSettings(root: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults: Record<string, unknown> = {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: basename(root), uri: pathToFileURL(root).href },
  };
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(overrides)) {
    const d = defaults[k];
    out[k] = d && typeof d === 'object' && !Array.isArray(d) && v && typeof v === 'object' && !Array.isArray(v) ? { ...(d as object), ...(v as object) } : v;
  }
  return out;
}

export interface LspClientOptions {
  /** The workspace folder (the directory holding eslint.config.js). */
  root: string;
  /** Answers to `workspace/configuration` (default `eslintSettings(root)`). */
  settings?: Record<string, unknown>;
  /** Announce pull-diagnostics support (`textDocument.diagnostic`), as VS Code and Neovim 0.10+ do. Default true. */
  pullDiagnostics?: boolean;
  /** The server executable (default: this repository's vscode-eslint-language-server). */
  server?: string;
  /** Milliseconds a request may take before it fails (default 60 s: the first lint loads ESLint and the config). */
  timeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  method: string;
}

interface Doc {
  uri: string;
  version: number;
  text: string;
  languageId: string;
}

/** One language-server process and the state a client keeps for it. */
export class LspClient {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending = new Map<number, Pending>();
  readonly #docs = new Map<string, Doc>();
  #nextId = 1;
  #buffer = Buffer.alloc(0);
  readonly #timeoutMs: number;
  readonly #settings: Record<string, unknown>;
  /** Every `window/logMessage` and `window/showMessage` text, in order (the server's output panel). */
  readonly log: string[] = [];
  /** Stderr of the server process. */
  stderr = '';
  /** The latest pushed diagnostics per document URI. */
  readonly pushed = new Map<string, Diagnostic[]>();
  /** How many `workspace/configuration` requests the server made, and the sections it asked for. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  /** Every `workspace/applyEdit` the server sent. */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** Custom notifications (`eslint/status`, …) by method. */
  readonly notifications: { method: string; params: unknown }[] = [];
  #pushWaiters: { uri: string; resolve(d: Diagnostic[]): void }[] = [];
  /** The server's `initialize` result. */
  capabilities: Record<string, unknown> = {};

  private constructor(options: LspClientOptions) {
    const server = options.server ?? ESLINT_SERVER;
    if (!existsSync(server)) throw new Error(`language server not found at ${server}: run pnpm install`);
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#settings = options.settings ?? eslintSettings(options.root);
    this.#child = spawn(process.execPath, [server, '--stdio'], { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.#child.on('exit', (code, signal) => {
      for (const [, p] of this.#pending) {
        clearTimeout(p.timer);
        p.reject(new Error(`language server exited (${code ?? signal}) while ${p.method} was pending; stderr: ${this.stderr.slice(-2000)}`));
      }
      this.#pending.clear();
    });
  }

  /** Starts the server and completes the `initialize` / `initialized` handshake. */
  static async start(options: LspClientOptions): Promise<LspClient> {
    const client = new LspClient(options);
    const root = resolve(options.root);
    const textDocument: Record<string, unknown> = {
      synchronization: { dynamicRegistration: false, didSave: true, willSave: false, willSaveWaitUntil: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        dynamicRegistration: false,
        isPreferredSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'] } },
      },
    };
    if (options.pullDiagnostics !== false) textDocument['diagnostic'] = { dynamicRegistration: false, relatedDocumentSupport: false };
    const result = (await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'satlint-test-client', version: '1' },
      rootUri: pathToFileURL(root).href,
      rootPath: root,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: basename(root) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false }, executeCommand: { dynamicRegistration: false } },
        textDocument,
        window: { workDoneProgress: true, showMessage: {} },
      },
      initializationOptions: {},
    })) as { capabilities: Record<string, unknown> };
    client.capabilities = result.capabilities;
    client.notify('initialized', {});
    return client;
  }

  /** Sends a request and waits for its response (rejects on an error response or a timeout). */
  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method} timed out after ${this.#timeoutMs} ms; server log: ${this.log.slice(-10).join(' | ')}; stderr: ${this.stderr.slice(-2000)}`));
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject, timer, method });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** Opens a file as an editor does (`textDocument/didOpen`) and returns its URI. */
  open(path: string, languageId = 'yaml', text?: string): string {
    const uri = pathToFileURL(resolve(path)).href;
    if (this.#docs.has(uri)) {
      // Already open: an editor shows the same buffer (and sends its new text, if given).
      if (text !== undefined && text !== this.#docs.get(uri)!.text) this.change(uri, text);
      return uri;
    }
    const doc: Doc = { uri, version: 1, text: text ?? readFileSync(path, 'utf8'), languageId };
    this.#docs.set(uri, doc);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: doc.version, text: doc.text } });
    return uri;
  }

  /** Replaces an open document's text (`textDocument/didChange`, full text). */
  change(uri: string, text: string): void {
    const doc = this.#doc(uri);
    doc.version++;
    doc.text = text;
    this.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.#docs.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The client's copy of an open document (after any edits the server applied). */
  text(uri: string): string {
    return this.#doc(uri).text;
  }

  /** `textDocument/diagnostic` (pull): the document's diagnostics now. */
  async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri }, identifier: 'eslint' });
    if (report.kind !== 'full') throw new Error(`expected a full diagnostic report, got ${report.kind}`);
    return report.items ?? [];
  }

  /** Waits for the next `textDocument/publishDiagnostics` for `uri` (push), or undefined after `ms`. */
  waitForPushedDiagnostics(uri: string, ms: number): Promise<Diagnostic[] | undefined> {
    return new Promise((resolvePromise) => {
      const waiter = { uri, resolve: (d: Diagnostic[] | undefined) => resolvePromise(d) };
      this.#pushWaiters.push(waiter as { uri: string; resolve(d: Diagnostic[]): void });
      setTimeout(() => {
        this.#pushWaiters = this.#pushWaiters.filter((w) => w !== waiter);
        resolvePromise(this.pushed.get(uri));
      }, ms);
    });
  }

  /** `textDocument/codeAction` for the range of `diagnostic`, with it in the context (as an editor's light bulb asks). */
  codeActions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return this.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], ...(only ? { only } : {}), triggerKind: 1 } }).then((a) => a ?? []);
  }

  /**
   * Runs a code action: applies its `edit` if it has one, then executes its command (the server
   * answers with `workspace/applyEdit`, which this client applies to its copy). Returns the text of
   * `uri` afterwards (default: the first document the action touched, else the first open one).
   */
  async execute(action: CodeAction, uri?: string): Promise<string> {
    if (action.edit) this.#applyWorkspaceEdit(action.edit);
    if (action.command) await this.request('workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments ?? [] });
    const target = uri ?? Object.keys(action.edit?.changes ?? {})[0] ?? [...this.#docs.keys()][0]!;
    return this.text(target);
  }

  /** `shutdown` and `exit`; kills the process if it does not exit within 5 s. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.#child.once('exit', () => r()));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 5000))]);
      this.notify('exit', null);
    } catch {
      // the process is killed below
    }
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  #doc(uri: string): Doc {
    const doc = this.#docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  #send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.#child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.#child.stdin.write(body);
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const header = this.#buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length:\s*(\d+)/i.exec(header);
      if (!length) throw new Error(`LSP message without Content-Length: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.#buffer.length < end) return;
      const message = JSON.parse(this.#buffer.subarray(start, end).toString('utf8')) as { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string; code: number } };
      this.#buffer = this.#buffer.subarray(end);
      this.#dispatch(message);
    }
  }

  #dispatch(message: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string; code: number } }): void {
    if (message.method === undefined) {
      const p = this.#pending.get(message.id as number);
      if (!p) return;
      this.#pending.delete(message.id as number);
      clearTimeout(p.timer);
      if (message.error) p.reject(new Error(`${p.method} failed: ${message.error.message} (${message.error.code})`));
      else p.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      this.#send({ jsonrpc: '2.0', id: message.id, result: this.#answer(message.method, message.params) });
      return;
    }
    switch (message.method) {
      case 'textDocument/publishDiagnostics': {
        const { uri, diagnostics } = message.params as { uri: string; diagnostics: Diagnostic[] };
        this.pushed.set(uri, diagnostics);
        for (const w of this.#pushWaiters.filter((x) => x.uri === uri)) w.resolve(diagnostics);
        this.#pushWaiters = this.#pushWaiters.filter((x) => x.uri !== uri);
        break;
      }
      case 'window/logMessage':
      case 'window/showMessage':
        this.log.push((message.params as { message: string }).message);
        break;
      default:
        this.notifications.push({ method: message.method, params: message.params });
    }
  }

  /** Answers a request from the server, as an editor does. */
  #answer(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration': {
        const items = (params as { items: { scopeUri?: string; section?: string }[] }).items;
        this.configurationRequests.push(...items);
        return items.map(() => this.#settings);
      }
      case 'workspace/applyEdit':
        this.#applyWorkspaceEdit((params as { edit: WorkspaceEdit }).edit);
        return { applied: true };
      case 'window/showMessageRequest':
        this.log.push((params as { message: string }).message);
        return null;
      case 'workspace/workspaceFolders': {
        return null;
      }
      default:
        // client/registerCapability, window/workDoneProgress/create, eslint/noConfig, eslint/probeFailed, …
        this.notifications.push({ method, params });
        return null;
    }
  }

  #applyWorkspaceEdit(edit: WorkspaceEdit): void {
    this.appliedEdits.push(edit);
    const perDoc: [string, TextEdit[]][] = [...Object.entries(edit.changes ?? {}), ...(edit.documentChanges ?? []).map((c): [string, TextEdit[]] => [c.textDocument.uri, c.edits])];
    for (const [uri, edits] of perDoc) {
      const doc = this.#docs.get(uri);
      if (!doc) throw new Error(`the server edited ${fileURLToPath(uri)}, which is not open`);
      // As an editor does: apply the edit to the buffer, then tell the server the buffer changed.
      this.change(uri, applyEdits(doc.text, edits));
    }
  }
}

/** Offset of an LSP position (UTF-16 code units, as LSP counts by default) in `text`. */
export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i) === 10) i++;
      line++;
    }
  }
  return Math.min(i + pos.character, text.length);
}

/** Applies LSP text edits (non-overlapping, in any order) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text a range covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

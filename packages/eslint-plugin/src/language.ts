import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { File, FileProblem, Language, OkParseResult, ParseResult, SourceLocation, SourceRange, TraversalStep } from '@eslint/core';
import { parseManifests, type ParsedFile } from '@satlint/core';
import { yamlComments } from '@satlint/core/adapter';

/** Options of the `satlint/yaml` language (`languageOptions` in a flat config). */
export interface SatlintLanguageOptions {
  /**
   * Globs (relative to the working directory) of other manifests whose ServiceAccounts, Secrets and
   * RBAC objects the rules should see: cross-file rules in an editor. Read once per ESLint run.
   */
  inventory?: string[];
  /** Namespace for objects that name none (default `default`). */
  namespace?: string;
  /** How rules treat a ServiceAccount that is not in the input. */
  unknownServiceAccount?: 'assume-mounted' | 'assume-disabled';
  /** Audiences that mean "the Kubernetes API server". */
  apiAudiences?: string[];
  [key: string]: unknown;
}

/** A `#` comment of the file. */
export interface YamlComment {
  type: 'Comment';
  value: string;
  range: SourceRange;
  loc: SourceLocation;
}

/** The root node: the whole file. Named `Program` so that rules also run under eslint-plugin-yml. */
export interface YamlRoot {
  type: 'Program';
  range: SourceRange;
  loc: SourceLocation;
  /** satlint's parse of the file (documents, problems, positions). */
  parsed: ParsedFile;
}

type SourceCodeOptions = { LangOptions: SatlintLanguageOptions; RootNode: YamlRoot; SyntaxElementWithLoc: YamlRoot | YamlComment; ConfigNode: YamlComment };

const commentParser = new ConfigCommentParser();
const DIRECTIVE = /^(eslint-disable|eslint-enable|eslint-disable-next-line|eslint-disable-line)$/;

/** The SourceCode ESLint works with for a Kubernetes YAML file. */
export class SatlintSourceCode extends TextSourceCodeBase<SourceCodeOptions> {
  readonly languageOptions: SatlintLanguageOptions;
  #comments: YamlComment[] | undefined;

  constructor({ text, ast, languageOptions }: { text: string; ast: YamlRoot; languageOptions: SatlintLanguageOptions }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.languageOptions = languageOptions;
  }

  /** Every `#` comment, found with the YAML lexer (so `#` inside strings and block scalars is not one), as core finds them. */
  get comments(): YamlComment[] {
    if (!this.#comments) {
      // The same lexer-based search satlint's own `# satlint-disable` directives use.
      const out: YamlComment[] = yamlComments(this.text).map((c) => {
        const range: SourceRange = [c.start, c.end];
        return { type: 'Comment', value: c.value, range, loc: { start: this.getLocFromIndex(range[0]), end: this.getLocFromIndex(range[1]) } };
      });
      this.#comments = out;
    }
    return this.#comments;
  }

  override getLoc(node: YamlRoot | YamlComment): SourceLocation {
    return node.loc;
  }

  override getRange(node: YamlRoot | YamlComment): SourceRange {
    return node.range;
  }

  /** `# eslint-disable…` comments as ESLint directives. */
  getDisableDirectives(): { directives: Directive[]; problems: FileProblem[] } {
    const directives: Directive[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.comments) {
      const parsed = commentParser.parseDirective(comment.value.trim());
      if (!parsed || !DIRECTIVE.test(parsed.label)) continue;
      const { label, value, justification } = parsed;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      directives.push(new Directive({ type: label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line', node: comment, value, justification }));
    }
    return { directives, problems };
  }

  override *traverse(): Iterable<TraversalStep> {
    yield new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] });
    yield new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] });
  }
}

function validateStringList(value: unknown, name: string): void {
  if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))) {
    throw new TypeError(`Expected languageOptions.${name} to be a list of non-empty strings.`);
  }
}

/** 1-based line and column just past the end of `text`. */
function endOf(text: string): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** A file in a `templates` directory with `{{ … }}` actions: a Helm template, not YAML. */
export function isHelmTemplate(path: string, text: string): boolean {
  return /(^|[\\/])templates[\\/]/.test(path) && text.includes('{{');
}

/** The ESLint language `satlint/yaml`: Kubernetes manifests read by satlint's own parser. */
export const yamlLanguage: Language<{ LangOptions: SatlintLanguageOptions; Code: SatlintSourceCode; RootNode: YamlRoot; Node: YamlRoot }> = {
  fileType: 'text',
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: 'type',
  visitorKeys: { Program: [] },
  defaultLanguageOptions: {},

  validateLanguageOptions(options: SatlintLanguageOptions): void {
    const known = new Set(['inventory', 'namespace', 'unknownServiceAccount', 'apiAudiences']);
    for (const key of Object.keys(options)) if (!known.has(key)) throw new TypeError(`Unexpected key "${key}" in languageOptions (satlint/yaml accepts ${[...known].join(', ')}).`);
    validateStringList(options.inventory, 'inventory');
    validateStringList(options.apiAudiences, 'apiAudiences');
    if (options.namespace !== undefined && (typeof options.namespace !== 'string' || options.namespace.trim() === '')) throw new TypeError('Expected languageOptions.namespace to be a non-empty string.');
    if (options.unknownServiceAccount !== undefined && options.unknownServiceAccount !== 'assume-mounted' && options.unknownServiceAccount !== 'assume-disabled') {
      throw new TypeError('Expected languageOptions.unknownServiceAccount to be "assume-mounted" or "assume-disabled".');
    }
  },

  parse(file: File): ParseResult<YamlRoot> {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    // A Helm template (under templates/, with template actions) is not YAML until rendered: it gets
    // the language (so languageOptions of a `**/*.yaml` block apply without error) but no documents.
    const parsed = isHelmTemplate(file.path, text) ? parseManifests('', file.path) : parseManifests(text, file.path);
    const fatal = parsed.problems.filter((p) => p.severity === 'fatal');
    if (fatal.length > 0) {
      return { ok: false, errors: fatal.map((p) => ({ message: p.message, ...parsed.position(p.range[0]) })) };
    }
    const end = parsed.text === text ? parsed.position(text.length) : endOf(text);
    return { ok: true, ast: { type: 'Program', range: [0, text.length], loc: { start: { line: 1, column: 1 }, end }, parsed } };
  },

  createSourceCode(file: File, input: OkParseResult<YamlRoot>, context: { languageOptions: SatlintLanguageOptions }): SatlintSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new SatlintSourceCode({ text, ast: input.ast, languageOptions: context.languageOptions });
  },
};

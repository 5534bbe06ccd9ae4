// A local ESLint plugin: the layering rules of docs/architecture.md as allowlists. Each layer
// says what it MAY import; anything else is an error. A relative import is resolved against the
// importing file and judged by where it lands in the repository, so moving files around inside
// a folder cannot slip past a pattern.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is build/eslint/layering.mjs. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILTINS = new Set(builtinModules);

/** `*` is one path segment or part of one, `**` any number of them. */
function globToRegExp(glob) {
  const source = glob
    .split(/(\*\*\/?|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** A package entry without a wildcard allows the package and its subpaths ('antd', 'antd/locale/zh_CN'). */
function packageMatcher(entry) {
  if (entry.includes('*')) {
    const re = globToRegExp(entry);
    return (spec) => re.test(spec);
  }
  return (spec) => spec === entry || spec.startsWith(`${entry}/`);
}

/**
 * A path entry is relative to the repository root: 'shared/**' is anything inside shared/, and an
 * entry without a wildcard is one module, however it is spelled ('electron/core' matches
 * '../core', '../core/index' and '../core/index.ts').
 */
function pathMatcher(entry) {
  if (entry.endsWith('/**')) {
    const folder = entry.slice(0, -3);
    return (target) => target === folder || target.startsWith(`${folder}/`);
  }
  if (entry.includes('*')) {
    const re = globToRegExp(entry);
    return (target) => re.test(target);
  }
  return (target) => asModule(target) === entry;
}

const asModule = (target) => target.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\/index$/, '');

const isBuiltin = (spec) => spec.startsWith('node:') || BUILTINS.has(spec);
const isRelative = (spec) =>
  spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');

/** Where a relative import lands, relative to the repository root with forward slashes. */
function landing(filename, spec) {
  const absolute = path.resolve(path.dirname(filename), spec.replace(/\?.*$/, ''));
  return path.relative(ROOT, absolute).split(path.sep).join('/');
}

const imports = {
  meta: {
    type: 'problem',
    docs: { description: 'Allow a layer to import only the packages and folders it lists.' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          why: { type: 'string' },
          builtins: { type: 'boolean' },
          packages: { type: 'array', items: { type: 'string' } },
          paths: { type: 'array', items: { type: 'string' } },
        },
        required: ['layer', 'paths'],
        additionalProperties: false,
      },
    ],
    messages: {
      package: "{{layer}} may not import the package '{{source}}'. {{why}}",
      builtin: "{{layer}} may not import Node's '{{source}}'. {{why}}",
      path: "{{layer}} may not import '{{source}}' ({{target}}). {{why}}",
    },
  },
  create(context) {
    const [{ layer, why = '', builtins = false, packages = [], paths }] = context.options;
    const packageAllowed = packages.map(packageMatcher);
    const pathAllowed = paths.map(pathMatcher);
    const filename = context.filename;
    if (!path.isAbsolute(filename)) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      const data = { layer, source, why };
      if (isRelative(source)) {
        const target = landing(filename, source);
        if (!pathAllowed.some((allowed) => allowed(target)))
          context.report({ node, messageId: 'path', data: { ...data, target } });
      } else if (isBuiltin(source)) {
        if (!builtins) context.report({ node, messageId: 'builtin', data });
      } else if (!packageAllowed.some((allowed) => allowed(source))) {
        context.report({ node, messageId: 'package', data });
      }
    }
    const literal = (node) =>
      node?.type === 'Literal'
        ? node.value
        : node?.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : undefined;

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, literal(node.source)),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node.moduleReference, literal(node.moduleReference.expression)),
      // typescript-eslint 8 names the quoted module `source` (`argument`, a literal type, before).
      TSImportType: (node) => check(node, 'source' in node ? literal(node.source) : literal(node.argument?.literal)),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) =>
        check(node, literal(node.arguments[0])),
    };
  },
};

export default { meta: { name: 'layering' }, rules: { imports } };

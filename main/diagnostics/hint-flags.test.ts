// Every `--flag` a hint, fix or message names must be an option of the real CLI: a user who follows the advice
// must not hit "unknown option". Flags are collected from the CLI's own command definitions (every command, recursively,
// lazily loaded groups included); the texts come from the source (TypeScript AST of main/**) and from the
// message catalogue (main/messages: every namespace, both languages), plus the command lines in README.md and docs/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { en as catalogueEn, zhCN as catalogueZhCN } from '../messages/index'
import { cliTree, optionsByFlag } from '../../tests/support/cli-tree'

const REPO = resolve(import.meta.dirname, '../..')
const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g

/**
 * Flags of other programs that our texts quote on purpose, each with where it belongs. Keep it short: a flag here
 * is never checked against our CLI.
 */
const FOREIGN: Record<string, string> = {
  '--hosts-dir': 'ctr image pull (containerd reads certs.d hosts.toml)',
}

let collected: Promise<Map<string, string[]>> | undefined
/** Every option of every command of the CLI, from commander's definitions (lazily loaded groups included). */
function cliFlags(): Promise<Map<string, string[]>> {
  collected ??= cliTree().then(optionsByFlag)
  return collected
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p))
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

const TEXT_NAMES = /^(hint|fix|fixZh|message|explanation|reason|reasonZh|title)$/

/** The literal text pieces inside an expression (string literals and the fixed parts of template literals). */
function literalText(node: ts.Node): string[] {
  const out: string[] = []
  const walk = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text)
    else if (ts.isTemplateExpression(n)) {
      out.push(n.head.text, ...n.templateSpans.map((s) => s.literal.text))
      n.templateSpans.forEach((s) => walk(s.expression))
      return
    }
    n.forEachChild(walk)
  }
  walk(node)
  return out
}

interface Found {
  flag: string
  where: string
  text: string
}

/**
 * Hint, fix and message texts in main/** (not tests): the values of properties with those names, variables with
 * those names, and arguments passed to parameters with those names (e.g. `make(code, reason, hint)`; parameters are
 * looked up by the function's name among the functions declared in main/**, without a type checker, for speed).
 */
function sourceTexts(): { where: string; text: string }[] {
  const files = sourceFiles(join(REPO, 'main')).map((f) =>
    ts.createSourceFile(
      f,
      readFileSync(f, 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
      f.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    ),
  )
  const params = new Map<string, string[][]>()
  const declare = (name: string, fn: ts.SignatureDeclaration): void => {
    params.set(name, [...(params.get(name) ?? []), fn.parameters.map((p) => p.name.getText())])
  }
  for (const file of files) {
    const walk = (n: ts.Node): void => {
      if (ts.isFunctionDeclaration(n) && n.name) declare(n.name.text, n)
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
      )
        declare(n.name.text, n.initializer)
      n.forEachChild(walk)
    }
    walk(file)
  }
  const out: { where: string; text: string }[] = []
  for (const file of files) {
    const add = (n: ts.Node): void => {
      const { line } = file.getLineAndCharacterOfPosition(n.getStart(file))
      for (const text of literalText(n))
        out.push({ where: `${relative(REPO, file.fileName)}:${line + 1}`, text })
    }
    const walk = (n: ts.Node): void => {
      if (
        (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) &&
        n.initializer &&
        TEXT_NAMES.test(n.name.getText(file))
      )
        add(n.initializer)
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        for (const names of params.get(n.expression.text) ?? []) {
          n.arguments.forEach((arg, i) => {
            if (TEXT_NAMES.test(names[i] ?? '')) add(arg)
          })
        }
      }
      n.forEachChild(walk)
    }
    walk(file)
  }
  return out
}

/** Every text of the message catalogue, both languages (errors, CLI and GUI hints, explanations, verify, preflight...). */
function tableTexts(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  const walk = (where: string, v: unknown): void => {
    if (typeof v === 'string') out.push({ where, text: v })
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(where ? `${where}.${k}` : k, x)
  }
  walk('en', catalogueEn)
  walk('zh-CN', catalogueZhCN)
  return out
}

/** `registry-wizard ...` command lines (and their indented continuation lines) in the README and docs. */
function docCommandLines(): { where: string; text: string }[] {
  const files = [
    'README.md',
    ...readdirSync(join(REPO, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ]
  const out: { where: string; text: string }[] = []
  for (const file of files) {
    const lines = readFileSync(join(REPO, file), 'utf8').split('\n')
    let inCommand = false
    lines.forEach((line, i) => {
      if (/^(\$ )?registry-wizard /.test(line)) inCommand = true
      else if (!(inCommand && /^\s+\S/.test(line))) inCommand = false
      if (inCommand) out.push({ where: `${file}:${i + 1}`, text: line.replace(/#.*$/, '') })
    })
  }
  return out
}

function dangling(texts: { where: string; text: string }[], flags: Map<string, string[]>): Found[] {
  const found: Found[] = []
  for (const t of texts) {
    for (const flag of t.text.match(FLAG) ?? []) {
      if (!flags.has(flag) && FOREIGN[flag] === undefined) found.push({ flag, where: t.where, text: t.text })
    }
  }
  return found
}

describe('every --flag a text names is an option of the real CLI', () => {
  it('collects the options of every command from the CLI itself', async () => {
    const flags = await cliFlags()
    for (const f of [
      '--certs',
      '--registry-host',
      '--insecure-engine',
      '--ip',
      '--dns',
      '--passphrase-file',
      '--push',
      '--targets',
      '--help',
    ]) {
      expect(flags.has(f), f).toBe(true)
    }
    expect(flags.has('--san')).toBe(false)
    expect(flags.get('--registry-host')).toEqual(expect.arrayContaining(['registry start']))
  })

  it('source hints, fixes and messages (main/**), found in the AST', async () => {
    const texts = sourceTexts()
    // The scan reaches the texts it must (the words themselves now live in the catalogue, checked below).
    expect(texts.length).toBeGreaterThan(20)
    expect(dangling(texts, await cliFlags())).toEqual([])
  }, 120_000)

  it('the message catalogue: every namespace, both languages', async () => {
    const texts = tableTexts()
    expect(texts.some((t) => t.where.startsWith('en.explain') && t.text.includes('--docker-host'))).toBe(true)
    expect(texts.some((t) => t.where.startsWith('zh-CN.cliHint'))).toBe(true)
    expect(dangling(texts, await cliFlags())).toEqual([])
  })

  it('registry-wizard command lines in README.md and docs/*.md', async () => {
    const texts = docCommandLines()
    expect(texts.some((t) => t.where.startsWith('README.md') && t.text.includes('registry start'))).toBe(true)
    expect(dangling(texts, await cliFlags())).toEqual([])
  })
})

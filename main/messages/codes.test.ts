// Every error code the domain raises has its texts in both catalogues, and every known failure the diagnostics table
// (and verify) explains renders in both languages for both front ends. Codes are read from the source itself: the
// TypeScript AST of main/** (not tests), `code: '...'` in `new AppError({...})` inits and the code given to
// invalidInput(field, value, allowed, 'CODE').
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ERROR_TABLE } from '../diagnostics/error-table'
import { explainParams } from '../diagnostics/explain'
import { explainTexts } from '../diagnostics/texts'
import { VERIFY_FIXES } from '../verify/fixes'
import { createTranslator, en, zhCN, type Lang } from './index'

const MAIN = resolve(import.meta.dirname, '..')
const REPO = resolve(MAIN, '..')
const HAN = /[\u4e00-\u9fff]/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : []
  })
}

/** The string literals an expression can evaluate to (`'A'`, `c ? 'A' : 'B'`, `x ?? 'A'`). */
function literals(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)]
  if (ts.isBinaryExpression(node)) return [...literals(node.left), ...literals(node.right)]
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return literals(node.expression)
  return []
}

/** `code: ...` of an object literal (through `as` / `satisfies`). */
function codeOf(arg: ts.Expression | undefined): string[] {
  let e = arg
  while (e && (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)))
    e = e.expression
  if (!e || !ts.isObjectLiteralExpression(e)) return []
  return e.properties.flatMap((p) =>
    ts.isPropertyAssignment(p) && p.name.getText() === 'code' ? literals(p.initializer) : [],
  )
}

/** Every error code raised in main/**, with where. */
function raisedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const file of sourceFiles(MAIN)) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const add = (codes: string[], n: ts.Node): void => {
      const line = src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1
      for (const c of codes) found.set(c, [...(found.get(c) ?? []), `${relative(REPO, file)}:${line}`])
    }
    const walk = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && n.expression.getText(src) === 'AppError') add(codeOf(n.arguments?.[0]), n)
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'invalidInput') {
        const code = n.arguments[3]
        add(code === undefined ? ['INVALID_INPUT'] : literals(code), n)
      }
      n.forEachChild(walk)
    }
    walk(src)
  }
  return found
}

const catalogues: Record<Lang, typeof en | typeof zhCN> = { en, 'zh-CN': zhCN }
const errorsOf = (lang: Lang): Readonly<Record<string, { message?: string; hint?: string }>> =>
  catalogues[lang].error

describe('every error code in both catalogues', () => {
  const raised = raisedCodes()

  it('the scan finds the codes main raises (AppError inits and invalidInput calls)', () => {
    expect(raised.size).toBeGreaterThan(30)
    for (const c of ['INVALID_INPUT', 'UNEXPECTED', 'CANCELLED']) expect(raised.has(c), c).toBe(true)
  })

  it('every code raised anywhere in main/** has error.CODE.message in en and in zh-CN', () => {
    const missing: string[] = []
    for (const [code, where] of raised)
      for (const lang of ['en', 'zh-CN'] as const)
        if (typeof errorsOf(lang)[code]?.message !== 'string')
          missing.push(`${lang} error.${code} (${where[0]})`)
    expect(missing).toEqual([])
  })

  it('every error code renders in both languages: each {{parameter}} filled, zh-CN in Chinese', () => {
    const bad: string[] = []
    for (const lang of ['en', 'zh-CN'] as const) {
      const tr = createTranslator(lang)
      for (const [code, texts] of Object.entries(errorsOf(lang))) {
        for (const key of ['message', 'hint'] as const) {
          const template = texts[key]
          if (template === undefined) continue
          const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '')
          const text = tr.text(`error.${code}.${key}`, Object.fromEntries(names.map((n) => [n, `<${n}>`])))
          if (/\{\{/.test(text) || names.some((n) => !text.includes(`<${n}>`)))
            bad.push(`${lang} ${code}.${key}`)
          // A message that is only its parameter ({{detail}}: raw text from outside) has no words to translate.
          const words = /[A-Za-z\u4e00-\u9fff]/.test(template.replace(/\{\{\w+\}\}/g, ''))
          if (lang === 'zh-CN' && words && !HAN.test(text))
            bad.push(`${lang} ${code}.${key} is not Chinese: ${text}`)
        }
      }
    }
    expect(bad).toEqual([])
  })
})

describe('every explained failure in both catalogues', () => {
  const tableCodes = [...ERROR_TABLE.map((e) => e.code), ...Object.keys(VERIFY_FIXES)]

  it('the diagnostics table and verify explain exactly the codes the catalogue has texts for', () => {
    expect([...new Set(tableCodes)].sort()).toEqual(Object.keys(en.explain).sort())
    expect(Object.keys(zhCN.explain).sort()).toEqual(Object.keys(en.explain).sort())
  })

  it('every explain code renders title, explanation and fix in both languages, for the CLI and for the GUI', () => {
    const params = explainParams({ registry: '192.168.20.10:5000' })
    const bad: string[] = []
    for (const lang of ['en', 'zh-CN'] as const) {
      const tr = createTranslator(lang)
      for (const entry of [
        ...ERROR_TABLE,
        ...Object.entries(VERIFY_FIXES).map(([code, step]) => ({ code, step })),
      ])
        for (const frontEnd of ['cli', 'gui'] as const) {
          const t = explainTexts(tr, { code: entry.code, step: entry.step, params }, frontEnd)
          const code = entry.code
          for (const [part, text] of Object.entries(t)) {
            if (text.length < 2 || /\{\{|explain\.|verify\.step/.test(text))
              bad.push(`${lang} ${frontEnd} ${code}.${part}: ${text}`)
            if (lang === 'zh-CN' && !HAN.test(text))
              bad.push(`${lang} ${frontEnd} ${code}.${part} not Chinese: ${text}`)
          }
        }
    }
    expect(bad).toEqual([])
  })
})

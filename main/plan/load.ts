import { dirname, isAbsolute, resolve } from 'node:path'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { z } from 'zod'
import { AppError } from '../errors'
import { readInputText } from '../fs/read-input'
import { message, type Message } from '../messages/index'
import { planFileSchema, type PlanFile } from './file-schema'

/** A plan as read from its file: the data as written, the folder its relative paths start from, and the YAML document. */
export interface LoadedPlan {
  file: string
  /** The folder relative paths are taken from (the file's folder). */
  baseDir: string
  plan: PlanFile
  /** The document as parsed: saving over the same file keeps its comments (save.ts). */
  document: Document
}

const MAX_PLAN_BYTES = 1024 * 1024

type Path = readonly (string | number)[]

/** The node at `path` and the node of its last key (a map key), as far as the path exists. */
function walk(doc: Document, path: Path): { node: Node | undefined; key: Node | undefined; depth: number } {
  let node: Node | undefined = doc.contents ?? undefined
  let key: Node | undefined
  let depth = 0
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg)
      if (pair === undefined) break
      key = pair.key as Node
      node = (pair.value as Node | null) ?? undefined
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined
      if (item === undefined) break
      node = item
    } else break
    depth++
  }
  return { node, key, depth }
}

/** The 1-based line of a key path: the value's line when it exists, else the deepest key found on the way. */
export function lineOf(doc: Document, lc: LineCounter, path: Path, keyLevel = false): number {
  const { node, key, depth } = walk(doc, path)
  const at = keyLevel || depth < path.length ? (key ?? node) : (node ?? key)
  const offset = at?.range?.[0] ?? 0
  return lc.linePos(offset).line
}

/** A key path as it reads in the file: `registry.users[0].name`. */
export function keyName(path: Path): string {
  return path.reduce<string>(
    (s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s === '' ? seg : `${s}.${seg}`),
    '',
  )
}

const hasKey = (data: unknown, path: Path): boolean => {
  let at: unknown = data
  for (const seg of path) {
    if (at === null || typeof at !== 'object' || !(seg in at)) return false
    at = (at as Record<string | number, unknown>)[seg]
  }
  return true
}

/** What is wrong, as a message (the catalogue's `plan.problem.*`). */
function problemOf(issue: z.core.$ZodIssue, data: unknown): Message {
  const m = issue.message
  if (issue.code === 'unrecognized_keys') return message('plan.problem.unknownKey')
  if (!hasKey(data, issue.path as Path)) return message('plan.problem.required')
  if (m.startsWith('plan.problem.')) return message(m)
  if (m.startsWith('input.allowed.')) return message('plan.problem.allowed', { allowed: message(m) })
  if (issue.code === 'invalid_type') return message('plan.problem.type', { expected: issue.expected })
  if (issue.code === 'invalid_value')
    return message('plan.problem.oneOf', { values: issue.values.map((v) => String(v)) })
  if (issue.code === 'too_small' || issue.code === 'too_big')
    return message(`plan.problem.${issue.code === 'too_small' ? 'tooSmall' : 'tooBig'}`, {
      limit: Number(issue.code === 'too_small' ? issue.minimum : issue.maximum),
    })
  return message('plan.problem.invalid')
}

interface Located {
  key: string
  line: number
  problem: Message
}

function locate(doc: Document, lc: LineCounter, issue: z.core.$ZodIssue, data: unknown): Located[] {
  const path = issue.path as (string | number)[]
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => ({
      key: keyName([...path, k]),
      line: lineOf(doc, lc, [...path, k], true),
      problem: problemOf(issue, data),
    }))
  return [{ key: keyName(path) || '.', line: lineOf(doc, lc, path), problem: problemOf(issue, data) }]
}

function invalid(file: string, found: Located[]): AppError {
  const sorted = [...found].sort((a, b) => a.line - b.line)
  const first = sorted[0] as Located
  const others = sorted.slice(1).map((f) => message('plan.problemLine', { file, ...f }))
  return new AppError({
    code: 'PLAN_INVALID',
    kind: 'input',
    field: 'plan',
    params: {
      file,
      line: first.line,
      key: first.key,
      problem: first.problem,
      more: others.length === 0 ? '' : message('plan.more', { problems: others }),
    },
  })
}

/** Parses and checks a plan text; `file` names it in messages. Errors name the key and the line. */
export function parsePlan(text: string, file: string): { plan: PlanFile; document: Document } {
  const lc = new LineCounter()
  const document = parseDocument(text, { lineCounter: lc, prettyErrors: false })
  const syntax = document.errors[0]
  if (syntax !== undefined)
    throw new AppError({
      code: 'PLAN_SYNTAX',
      kind: 'input',
      field: 'plan',
      params: { file, line: lc.linePos(syntax.pos[0]).line, detail: syntax.message.split('\n')[0] ?? '' },
    })
  const data: unknown = document.toJS()
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw invalid(file, [{ key: '.', line: 1, problem: message('plan.problem.notMapping') }])
  const parsed = planFileSchema.safeParse(data)
  if (!parsed.success)
    throw invalid(
      file,
      parsed.error.issues.flatMap((i) => locate(document, lc, i, data)),
    )
  return { plan: parsed.data, document }
}

/** Reads and checks a plan file (at most 1 MiB). */
export async function loadPlanFile(file: string): Promise<LoadedPlan> {
  const abs = resolve(file)
  const text = await readInputText(abs, 'plan', { max: MAX_PLAN_BYTES, shown: file })
  const { plan, document } = parsePlan(text, file)
  return { file: abs, baseDir: dirname(abs), plan, document }
}

/** A path of the plan as the machine sees it: relative paths start from the plan file's folder. */
export function planPath(baseDir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(baseDir, p)
}

import { isMap, isSeq, parseDocument, type Document } from 'yaml'
import { AppError } from '../errors'
import { writeFileAtomic } from '../fs/atomic-write'
import { fsFailure } from '../fs/errno'
import { planFileSchema, type PlanFile } from './file-schema'

const HEADER = ' Registry Wizard plan (README "Plan file"). Paths are relative to this file.'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** Puts `value` at `path` in the document, touching only what differs (comments on unchanged keys stay). */
function update(doc: Document, path: (string | number)[], value: Json, old: unknown): void {
  const bothMaps =
    value !== null && typeof value === 'object' && !Array.isArray(value) && isMap(doc.getIn(path, true))
  if (bothMaps && old !== null && typeof old === 'object' && !Array.isArray(old)) {
    const before = old as Record<string, unknown>
    for (const k of Object.keys(before)) if (!(k in value)) doc.deleteIn([...path, k])
    for (const [k, v] of Object.entries(value)) update(doc, [...path, k], v, before[k])
    return
  }
  if (JSON.stringify(value) === JSON.stringify(old)) return
  const flow = isSeq(doc.getIn(path, true)) && (doc.getIn(path, true) as { flow?: boolean }).flow
  const node = doc.createNode(value)
  if (flow === true && isSeq(node)) node.flow = true
  doc.setIn(path, node)
}

/** The plan as YAML text: into the document it was read from (its comments and layout kept), else a new one. */
export function planText(plan: PlanFile, document?: Document): string {
  const checked = planFileSchema.parse(plan)
  const data = JSON.parse(JSON.stringify(checked)) as Json
  if (document !== undefined && isMap(document.contents)) {
    const doc = parseDocument(document.toString())
    update(doc, [], data, doc.toJS())
    return doc.toString()
  }
  const doc = parseDocument('')
  doc.contents = doc.createNode(data) as typeof doc.contents
  doc.commentBefore = HEADER
  return doc.toString()
}

/** Writes the plan file in one step (a temp file renamed over it): never a half-written plan. */
export async function savePlanFile(file: string, plan: PlanFile, document?: Document): Promise<void> {
  const text = planText(plan, document)
  try {
    await writeFileAtomic(file, text, { mode: 0o644 })
  } catch (err) {
    if (err instanceof AppError) throw err
    throw fsFailure(err, { field: 'plan', path: file })
  }
}

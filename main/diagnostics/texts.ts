import { en, type FrontEnd, type Message, type Params, type Translator } from '../messages/index'

/** An explanation as it crosses IPC and JSON: a code of the catalogue's `explain` namespace and its parameters. */
export interface ExplainRef {
  code: string
  step: string
  params?: Params | undefined
}

export type ExplainPart = 'title' | 'explanation' | 'fix'

const VARIANT: Record<FrontEnd, Record<ExplainPart, string>> = {
  cli: { title: 'cliTitle', explanation: 'cliExplanation', fix: 'cliFix' },
  gui: { title: 'guiTitle', explanation: 'guiExplanation', fix: 'guiFix' },
}

/**
 * One part of a known failure's explanation as a message, for one front end: its own variant (`explain.CODE.cliFix`,
 * naming the CLI's commands and flags) when the catalogue has one, else the neutral text (`explain.CODE.fix`).
 */
export function explainMessage(e: ExplainRef, part: ExplainPart, frontEnd: FrontEnd): Message {
  const texts = (en.explain as Readonly<Record<string, Readonly<Record<string, string>>>>)[e.code]
  const own = VARIANT[frontEnd][part]
  const key = texts?.[own] === undefined ? part : own
  return e.params === undefined
    ? { key: `explain.${e.code}.${key}` }
    : { key: `explain.${e.code}.${key}`, params: e.params }
}

/** Is this a code the catalogue explains? */
export function isExplained(code: string): boolean {
  return Object.hasOwn(en.explain, code)
}

/** The name of the step a fix sends the user back to, as a message (`verify.step.registry`). */
export function stepMessage(step: string): Message {
  return { key: `verify.step.${step}` }
}

/** A known failure's title, explanation and fix in the translator's language, for one front end. */
export function explainTexts(
  tr: Translator,
  e: ExplainRef,
  frontEnd: FrontEnd,
): { title: string; explanation: string; fix: string; step: string } {
  const part = (p: ExplainPart): string => tr.render(explainMessage(e, p, frontEnd))
  return {
    title: part('title'),
    explanation: part('explanation'),
    fix: part('fix'),
    step: tr.render(stepMessage(e.step)),
  }
}

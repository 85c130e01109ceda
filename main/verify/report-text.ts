import { explainMessage, explainTexts, stepMessage } from '../diagnostics/texts'
import { createTranslator, type FrontEnd, type Message, type Translator } from '../messages/index'
import type { CheckResult, VerifyReport } from './types'

/** The fix of a result as one front end says it: its own variant of an explanation's fix, else the check's own. */
export function checkFixMessage(r: CheckResult, frontEnd: FrontEnd): Message | undefined {
  if (r.fix === undefined) return undefined
  return r.explanation === undefined ? r.fix.message : explainMessage(r.explanation, 'fix', frontEnd)
}

/** The name of the step a result's fix sends the user back to. */
export function fixStepMessage(r: CheckResult): Message | undefined {
  return r.fix === undefined ? undefined : stepMessage(r.fix.step)
}

type Both<T> = { en: T; zhCN: T }

/**
 * A result with its texts rendered in English and Simplified Chinese: what `verify --json` prints (scripts read
 * `reason`, `reasonZhCN`, `title.en`...), and what tests read. `reasonMessage` is the reason as a message.
 */
export interface CheckResultText extends Omit<CheckResult, 'title' | 'reason' | 'fix' | 'explanation'> {
  title: Both<string>
  reason: string
  reasonZhCN: string
  reasonMessage: Message
  fix?: ({ code: string; step: string } & Both<string>) | undefined
  explanation?:
    ({ code: string; step: string } & Both<{ title: string; explanation: string; fix: string }>) | undefined
}

let both: Both<Translator> | undefined
const translators = (): Both<Translator> =>
  (both ??= { en: createTranslator('en'), zhCN: createTranslator('zh-CN') })

/** One result in both languages, for one front end (`cli`: fixes name the CLI's commands and flags). */
export function resultText(r: CheckResult, frontEnd: FrontEnd = 'cli'): CheckResultText {
  const { en, zhCN } = translators()
  const fix = checkFixMessage(r, frontEnd)
  const explain = (tr: Translator): { title: string; explanation: string; fix: string } => {
    const e = explainTexts(tr, r.explanation as NonNullable<CheckResult['explanation']>, frontEnd)
    return { title: e.title, explanation: e.explanation, fix: e.fix }
  }
  return {
    ...r,
    title: { en: en.render(r.title), zhCN: zhCN.render(r.title) },
    reason: en.render(r.reason),
    reasonZhCN: zhCN.render(r.reason),
    reasonMessage: r.reason,
    fix:
      r.fix === undefined || fix === undefined
        ? undefined
        : { code: r.fix.code, step: r.fix.step, en: en.render(fix), zhCN: zhCN.render(fix) },
    explanation:
      r.explanation === undefined
        ? undefined
        : { code: r.explanation.code, step: r.explanation.step, en: explain(en), zhCN: explain(zhCN) },
  }
}

/** A report with every result in both languages (`verify --json`). */
export function reportText(
  report: VerifyReport,
): Omit<VerifyReport, 'results'> & { results: CheckResultText[] } {
  return { ...report, results: report.results.map((r) => resultText(r)) }
}

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** One axe-core rule that failed on the page, with the elements it failed on. */
export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; summary: string }[]
}

const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

/** The page globals axe-core installs (typed here; this file compiles without the DOM lib). */
interface AxeGlobal {
  document: unknown
  axe: {
    run: (
      context: unknown,
      options: unknown,
    ) => Promise<{
      violations: {
        id: string
        impact?: string | null
        help: string
        nodes: { target: unknown[]; failureSummary?: string }[]
      }[]
    }>
  }
}

/**
 * Runs axe-core (the real library, put into the page through DevTools evaluation, which the page's Content Security
 * Policy does not block) on the whole document and returns its serious and critical violations (WCAG 2.x A and AA
 * rules and axe's best practices).
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"')
  if (loaded !== true) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as AxeGlobal
    const result = await g.axe.run(g.document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? '' })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The violations as lines a failing assertion can show. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`)
    .join('\n')
}

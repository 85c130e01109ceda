import { describe, expect, it } from 'vitest'
import { acceptedFindings, scanBuiltApp } from './electronegativity'

const ABOVE_LOW = new Set(['MEDIUM', 'HIGH', 'CRITICAL'])

describe('Electronegativity security scan of the built app', () => {
  it('finds nothing above low, except findings accepted with a reason', async () => {
    const accepted = acceptedFindings()
    for (const a of accepted) expect(a.reason.length, `${a.issue} needs a reason`).toBeGreaterThan(20)
    const findings = await scanBuiltApp()
    const open = findings.filter((f) => ABOVE_LOW.has(f.severity) && !accepted.some((a) => a.issue === f.issue))
    expect(open.map((f) => `${f.issue} (${f.severity}) ${f.filename}:${f.location} ${f.sample}`)).toEqual([])
  }, 300_000)
})

import { describe, expect, it } from 'vitest'
import { explainError, knownErrorCodes } from '../../main/diagnostics'
import { TEMPLATES } from '../../main/verify/i18n/message'
import { VERIFY_FIXES } from '../../main/verify/fixes'
import { DEFAULT_FIX } from '../../main/verify/titles'
import { cliTree, optionsByFlag } from '../support/cli-tree'

// Every CLI option and command that verify's reasons, fixes and explanations name exists in the CLI's definitions,
// read from commander's own definitions (tests/support/cli-tree.ts).

/** Every text verify can show: its reason templates, its own fixes, the default fixes, the shared table's words. */
function verifyTexts(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  for (const [lang, table] of Object.entries(TEMPLATES))
    for (const [id, t] of Object.entries(table)) out.push({ where: `${lang} ${id}`, text: t })
  for (const [code, e] of Object.entries(VERIFY_FIXES))
    for (const lang of ['en', 'zhCN'] as const)
      for (const k of ['title', 'explanation', 'fix'] as const)
        out.push({ where: `VERIFY_FIXES ${code} ${lang}.${k}`, text: e[lang][k] })
  for (const [id, d] of Object.entries(DEFAULT_FIX))
    out.push({ where: `DEFAULT_FIX ${id}`, text: d.en }, { where: `DEFAULT_FIX ${id} zh`, text: d.zhCN })
  for (const code of knownErrorCodes()) {
    const e = explainError(code, { registry: '192.168.20.10:5000' })
    if (e)
      for (const lang of ['en', 'zhCN'] as const)
        for (const k of ['title', 'explanation', 'fix'] as const)
          out.push({ where: `error table ${code} ${lang}.${k}`, text: e[lang][k] })
  }
  return out
}

describe("verify's texts name only CLI options and commands that exist", () => {
  it('every --flag and every `registry-wizard <command> [sub]` in them is defined', async () => {
    const cli = await cliTree()
    const options = optionsByFlag(cli)
    // Sanity: the walk found the commands and their options.
    expect(cli.commands.get('verify')?.options.has('--push')).toBe(true)
    expect(cli.commands.get('registry')?.commands.get('replace-cert')?.options.has('--certs')).toBe(true)
    const texts = verifyTexts()
    expect(texts.length).toBeGreaterThan(200)
    const unknown: string[] = []
    for (const { where, text } of texts) {
      for (const m of text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g))
        if (!options.has(m[0])) unknown.push(`${where}: ${m[0]}`)
      for (const m of text.matchAll(/registry-wizard ([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?/g)) {
        const top = cli.commands.get(m[1] ?? '')
        if (top === undefined) unknown.push(`${where}: registry-wizard ${m[1] ?? ''}`)
        else if (m[2] !== undefined && top.commands.size > 0 && !top.commands.has(m[2]))
          unknown.push(`${where}: registry-wizard ${m[1] ?? ''} ${m[2]}`)
      }
    }
    expect(unknown).toEqual([])
  })
})

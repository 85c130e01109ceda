import { describe, expect, it } from 'vitest'
import { en, zhCN } from '../../main/messages/index'
import { cliTree, optionsByFlag } from '../support/cli-tree'

// Every CLI option and command that verify's reasons, fixes and explanations name exists in the CLI's definitions,
// read from commander's own definitions (tests/support/cli-tree.ts).

/** Every text verify can show, both languages: its reasons and default fixes, the explanations, its CLI output. */
function verifyTexts(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  const walk = (where: string, v: unknown): void => {
    if (typeof v === 'string') out.push({ where, text: v })
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(`${where}.${k}`, x)
  }
  for (const [lang, c] of [
    ['en', en],
    ['zh-CN', zhCN],
  ] as const) {
    walk(`${lang} verify`, c.verify)
    walk(`${lang} explain`, c.explain)
    walk(`${lang} cli.verify`, c.cli.verify)
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

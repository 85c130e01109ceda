import { describe, expect, it } from 'vitest'
import en from './en.json'
import zhCN from './zh-CN.json'
import { pickLanguage } from './index'

/** Flattens to dotted keys; plural suffixes (_one, _other...) count as one key since languages differ in forms. */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')]
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('locales', () => {
  it('zh-CN and English have exactly the same keys', () => {
    const a = new Set(keys(en))
    const b = new Set(keys(zhCN))
    expect(
      [...a].filter((k) => !b.has(k)),
      'missing in zh-CN',
    ).toEqual([])
    expect(
      [...b].filter((k) => !a.has(k)),
      'missing in en',
    ).toEqual([])
  })

  it('uses the same {{placeholders}} in both languages', () => {
    const flat = (obj: unknown, prefix = ''): [string, string][] =>
      typeof obj === 'string'
        ? [[prefix, obj]]
        : Object.entries(obj as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k))
    const zh = new Map(flat(zhCN).map(([k, v]) => [k.replace(/_(one|other)$/, ''), v]))
    for (const [k, v] of flat(en)) {
      const vars = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort()
      expect(vars(zh.get(k.replace(/_(one|other)$/, '')) ?? ''), k).toEqual(vars(v))
    }
  })

  it('picks simplified Chinese for any zh locale, English otherwise', () => {
    expect(pickLanguage('zh-CN')).toBe('zh-CN')
    expect(pickLanguage('zh')).toBe('zh-CN')
    expect(pickLanguage('en-US')).toBe('en')
    expect(pickLanguage('de-DE')).toBe('en')
    expect(pickLanguage(undefined)).toBe('en')
  })
})

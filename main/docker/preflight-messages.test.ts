import { describe, expect, it } from 'vitest'
import {
  certFailureId,
  preflightEn,
  preflightText,
  preflightZhCN,
  type PreflightMessageId,
} from './preflight-messages'

const ids = Object.keys(preflightEn) as PreflightMessageId[]
const holes = (s: string): string[] => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] ?? '').sort()

describe('preflight message tables', () => {
  it('English and Chinese have exactly the same ids and the same placeholders', () => {
    expect(Object.keys(preflightZhCN)).toEqual(ids)
    for (const id of ids) expect(holes(preflightZhCN[id]), id).toEqual(holes(preflightEn[id]))
  })

  it('every id renders in both languages with no hole left; the Chinese is Chinese', () => {
    for (const id of ids) {
      const params = Object.fromEntries(holes(preflightEn[id]).map((h) => [h, `<${h}>`]))
      const { en, zhCN } = preflightText(id, params)
      for (const text of [en, zhCN]) expect(text, id).not.toMatch(/\{[A-Za-z0-9_]+\}/)
      if (id !== 'other.fail' && id !== 'engine.ok') expect(zhCN, id).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(preflightText('port.published', { by: 'web' })).toEqual({
      en: 'already published by container "web"',
      zhCN: '已被容器“web”占用',
    })
  })

  it('maps the certificate core error codes to their reason, others to the core text', () => {
    for (const code of [
      'CERT_FILES_MISSING',
      'CERT_KEY_MISMATCH',
      'CERT_EXPIRED',
      'CERT_NOT_FROM_CA',
      'CERT_HOST_NOT_COVERED',
      'CERT_INVALID',
    ]) {
      expect(certFailureId(code)).toBe(`certs.${code}`)
    }
    expect(certFailureId('SOMETHING_ELSE')).toBe('other.fail')
  })
})

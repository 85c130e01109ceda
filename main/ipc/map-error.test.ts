import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { toErrorInfo } from './map-error'

describe('toErrorInfo', () => {
  it('carries the diagnostics table’s explanation and fix in both languages for a known failure', () => {
    const err = new AppError({
      code: 'ENGINE_ERROR',
      message: 'Get "https://192.168.20.10:5000/v2/": x509: certificate signed by unknown authority',
    })
    const info = toErrorInfo(err)
    expect(info.code).toBe('ENGINE_ERROR')
    expect(info.message).toContain('x509')
    expect(info.explained?.en.fix.length).toBeGreaterThan(10)
    expect(info.explained?.zhCN.title).toMatch(/[\u4e00-\u9fff]/)
    expect(
      toErrorInfo(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' }))
        .explained?.zhCN.fix,
    ).toMatch(/[\u4e00-\u9fff]/)
  })

  it('leaves an unknown failure as it is', () => {
    const info = toErrorInfo(new AppError({ code: 'SOMETHING', message: 'an odd thing' }))
    expect(info).toEqual({ code: 'SOMETHING', message: 'an odd thing', hint: undefined, field: undefined })
  })
})

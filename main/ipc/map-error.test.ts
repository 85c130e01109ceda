import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { explainTexts } from '../diagnostics'
import { AppError, invalidInput } from '../errors'
import { createTranslator, errorTexts } from '../messages/index'
import { toErrorInfo } from './map-error'

const zh = createTranslator('zh-CN')

describe('toErrorInfo', () => {
  it('carries the code, params and field, and a known failure’s explanation as {code, step, params}', () => {
    const err = new AppError({
      code: 'ENGINE_ERROR',
      params: {
        action: 'GET /v2/',
        detail: 'Get "https://192.168.20.10:5000/v2/": x509: certificate signed by unknown authority',
      },
    })
    const info = toErrorInfo(err)
    expect(info).toMatchObject({ code: 'ENGINE_ERROR', params: err.params })
    expect(info.message).toContain('x509')
    expect(info.explain).toMatchObject({ code: 'UNKNOWN_AUTHORITY', step: 'trust' })
    expect(info).not.toHaveProperty('explained')
    expect(explainTexts(zh, info.explain ?? { code: '', step: '' }, 'gui').title).toMatch(/[\u4e00-\u9fff]/)
    const refused = toErrorInfo(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' }),
    )
    expect(refused).toMatchObject({
      code: 'UNEXPECTED',
      params: { detail: 'connect ECONNREFUSED 127.0.0.1:5000' },
      explain: { code: 'CONNECTION_REFUSED', step: 'registry' },
    })
    expect(explainTexts(zh, refused.explain ?? { code: '', step: '' }, 'gui').fix).toMatch(/[\u4e00-\u9fff]/)
  })

  it('keeps an input error’s field and params: the renderer names the field by its control', () => {
    const info = toErrorInfo(invalidInput('caDir', '/nowhere', ['a', 'b']))
    expect(info).toMatchObject({ code: 'INVALID_INPUT', field: 'caDir', params: { value: '"/nowhere"' } })
    expect(info).not.toHaveProperty('explain')
    const shown = errorTexts(zh, info, 'gui', () => 'CA 文件夹')
    expect(shown.message).toBe('CA 文件夹："/nowhere" 无效；a、b')
  })

  it('turns a zod failure into a coded INVALID_INPUT naming the field, without repeating the value', () => {
    const schema = z.object({ port: z.number().int().max(65535), passphrase: z.string().min(8) })
    const big = schema.safeParse({ port: 70000, passphrase: 'long enough' })
    const info = toErrorInfo(big.error)
    expect(info).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'port',
      params: {
        value: { key: 'request.given' },
        allowed: { key: 'request.too_big.number', params: { maximum: '65535' } },
      },
    })
    expect(errorTexts(createTranslator('en'), info, 'gui').message).toBe(
      'port: the value given is not valid; the largest allowed is 65535',
    )
    expect(errorTexts(zh, info, 'gui').message).toBe('port：给定的值 无效；最大允许值为 65535')
    const short = toErrorInfo(schema.safeParse({ port: 1, passphrase: 'topsecret'.slice(0, 3) }).error)
    expect(short).toMatchObject({
      field: 'passphrase',
      params: { allowed: { key: 'request.too_small.string' } },
    })
    expect(JSON.stringify(short)).not.toContain('top')
    // A schema's own message that is a catalogue key is what the field must be.
    const own = z.object({ n: z.string().refine(() => false, { error: 'request.other' }) })
    expect(toErrorInfo(own.safeParse({ n: 'x' }).error).params).toMatchObject({
      allowed: { key: 'request.other' },
    })
  })

  it('an abort is CANCELLED; anything else UNEXPECTED with its text as detail', () => {
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })
    expect(toErrorInfo(abort)).toMatchObject({ code: 'CANCELLED' })
    const odd = toErrorInfo('the moon is made of cheese')
    expect(odd).toMatchObject({
      code: 'UNEXPECTED',
      params: { detail: 'the moon is made of cheese' },
      message: 'the moon is made of cheese',
    })
    expect(odd).not.toHaveProperty('explain')
    expect(errorTexts(zh, odd, 'gui').hint).toBe('详情请查看日志文件（帮助 > 打开日志文件夹）。')
  })
})

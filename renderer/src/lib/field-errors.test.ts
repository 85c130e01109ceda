import { beforeEach, describe, expect, it } from 'vitest'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { initI18n } from '../i18n'
import { fieldErrorText, routeError } from './field-errors'

const noCa: ErrorInfo = {
  code: 'CA_DIR_NO_CA',
  field: 'dir',
  params: { dir: '/srv/ca', file: 'ca.crt' },
  message: 'dir: "/srv/ca" is not valid; it holds no ca.crt: create a CA there first or import one',
}

describe('routeError: the control whose name is the request field, else the form', () => {
  it('gives the error to the control named as its field and to no other', () => {
    const r = routeError(noCa, ['dir', 'commonName'])
    expect(r.at('dir')).toBe(noCa)
    expect(r.at('commonName')).toBeUndefined()
    expect(r.rest).toBeUndefined()
  })

  it('has no aliases: a CLI flag or another spelling is not claimed, so it goes by the button', () => {
    for (const field of ['ca-dir', '--dir', 'caDir', 'CN', undefined]) {
      const r = routeError({ ...noCa, field }, ['dir', 'commonName'])
      expect(r.at('dir')).toBeUndefined()
      expect(r.rest?.code).toBe('CA_DIR_NO_CA')
    }
  })
})

describe('fieldErrorText: the catalogue text with the control label as {{field}} and the GUI hint', () => {
  beforeEach(async () => {
    await initI18n('en')
  })

  it('in English', () => {
    const text = fieldErrorText(noCa, 'CA folder')
    expect(text.message).toBe(
      'CA folder: "/srv/ca" is not valid; it holds no ca.crt: create a CA there first or import one',
    )
    expect(text.hint).not.toMatch(/--|registry-wizard/)
  })

  it('in Chinese, with no word of the English texts', async () => {
    await initI18n('zh-CN')
    const text = fieldErrorText(noCa, 'CA 文件夹')
    expect(text.message.startsWith('CA 文件夹：')).toBe(true)
    expect(`${text.message} ${text.hint ?? ''}`).not.toMatch(/valid|holds|create|import/)
  })

  it("a renderer check's own message key is translated", async () => {
    await initI18n('zh-CN')
    const text = fieldErrorText({ code: 'REQUIRED', field: 'dir', message: 'common.required' }, 'CA 文件夹')
    expect(text.message).not.toBe('common.required')
    expect(text.message).not.toMatch(/[A-Za-z]{4,}/)
  })
})

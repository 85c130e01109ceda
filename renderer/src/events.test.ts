import i18next from 'i18next'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Events } from '../../main/ipc/contract'
import { startEventSubscriptions } from './events'
import { useAppStore } from './stores/app-store'
import { ok, resetAll } from './test-support/fake-api'

let api: Awaited<ReturnType<typeof resetAll>>
let stop: () => void
const menu = (action: Events['menu:action']['action']): void => {
  const call = api.on.mock.calls.find((c) => c[0] === 'menu:action')
  ;(call?.[1] as (p: Events['menu:action']) => void)({ action })
}

beforeEach(async () => {
  api = await resetAll()
  stop = startEventSubscriptions()
})
afterEach(() => stop())

describe('menu actions in the window', () => {
  it('switches the language and saves it (main then rebuilds its menu in it)', async () => {
    api.setLanguage.mockResolvedValue(ok({ language: 'zh-CN', knownCas: [], knownCerts: [] }))
    menu('language-zh-CN')
    await vi.waitFor(() => expect(api.setLanguage).toHaveBeenCalledWith({ language: 'zh-CN' }))
    expect(i18next.language).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    await vi.waitFor(() => expect(useAppStore.getState().settings?.language).toBe('zh-CN'))
  })

  it('goes home', () => {
    useAppStore.getState().go('verify')
    menu('home')
    expect(useAppStore.getState().screen).toBe('home')
  })
})

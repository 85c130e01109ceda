import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../main/ipc/contract'
import { buildApi, type IpcRendererLike } from './build-api'

const failing: IpcRendererLike = {
  invoke: () => Promise.reject(new Error("No handler registered for 'rw:invoke:getSettings'")),
  on: () => undefined,
  removeListener: () => undefined,
}

describe('the preload API', () => {
  it('has one function per channel and nothing else besides `on`', () => {
    expect(Object.keys(buildApi(failing)).sort()).toEqual([...CHANNELS, 'on'].sort())
  })

  it('answers a coded IPC_FAILED Result (with its detail) when main cannot be reached, never a throw', async () => {
    expect(await buildApi(failing).getSettings()).toEqual({
      ok: false,
      error: {
        code: 'IPC_FAILED',
        params: { detail: "No handler registered for 'rw:invoke:getSettings'" },
        message: "No handler registered for 'rw:invoke:getSettings'",
      },
    })
  })

  it('refuses events outside the contract', () => {
    const api = buildApi(failing)
    expect(() => api.on('job:secret' as 'job:log', () => undefined)).toThrow('unknown event job:secret')
  })
})

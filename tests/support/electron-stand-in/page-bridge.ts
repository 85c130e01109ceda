import type { Page } from 'playwright-core'
import { CHANNELS, EVENTS, type EventName, type RegistryWizardApi } from '../../../main/ipc/contract'
import { withSender } from './index'

/** The page globals the bridge installs (typed here; this file compiles without the DOM lib). */
interface PageGlobals {
  __rwInvoke: (channel: string, request: unknown) => Promise<unknown>
  __rwEmit: (event: string, payload: unknown) => void
}

/**
 * Puts the preload's API (running in Node) into the page as `window.registryWizard`: every call goes through a
 * Playwright binding to the real preload function, tagged with the calling frame's URL (the handlers' sender check
 * sees it); events the preload receives are pushed into the page. `seen` collects every response for assertions.
 */
export async function bridgeApiIntoPage(
  page: Page,
  api: RegistryWizardApi,
  seen: unknown[] = [],
): Promise<void> {
  await page.exposeBinding('__rwInvoke', async (source, channel: string, request: unknown) => {
    const fn = (api as unknown as Record<string, (r: unknown) => Promise<unknown>>)[channel]
    if (typeof fn !== 'function') throw new Error(`no such channel ${channel}`)
    const frame = { url: source.frame.url(), top: source.frame.parentFrame() === null }
    const result = await withSender(frame, () => fn(request))
    seen.push(result)
    return result
  })
  await page.addInitScript(
    ({ channels }) => {
      const listeners = new Map<string, Set<(p: unknown) => void>>()
      const bridged: Record<string, unknown> = {}
      const w = globalThis as unknown as PageGlobals
      // A dropped File cannot cross the binding: it goes as its name and size (webUtils in the stand-in maps it).
      const plain = (r: unknown): unknown =>
        typeof File === 'function' && r instanceof File ? { name: r.name, size: r.size } : r
      for (const c of channels) bridged[c] = (request: unknown) => w.__rwInvoke(c, plain(request))
      bridged['on'] = (event: string, listener: (p: unknown) => void) => {
        const set = listeners.get(event) ?? new Set()
        set.add(listener)
        listeners.set(event, set)
        return () => set.delete(listener)
      }
      w.__rwEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload))
      Object.defineProperty(globalThis, 'registryWizard', { value: Object.freeze(bridged) })
    },
    { channels: CHANNELS },
  )
  for (const event of EVENTS) {
    api.on(event, (payload) => {
      page
        .evaluate(([e, p]: [EventName, unknown]) => (globalThis as unknown as PageGlobals).__rwEmit(e, p), [
          event,
          payload,
        ] as [EventName, unknown])
        .catch(() => undefined)
    })
  }
}

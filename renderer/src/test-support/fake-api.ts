import { cleanup } from '@testing-library/react'
import { vi } from 'vitest'
import {
  CHANNELS,
  type AppInfo,
  type Channel,
  type RegistryWizardApi,
  type ResponseOf,
  type Result,
} from '../../../main/ipc/contract'
import { initI18n } from '../i18n'
import { initialAppState, useAppStore } from '../stores/app-store'
import { initialCertsState, useCertsStore } from '../stores/certs-store'
import { initialImagesState, useImagesStore } from '../stores/images-store'
import { useJobsStore } from '../stores/jobs-store'
import { initialPlanState, usePlanStore } from '../stores/plan-store'
import { initialStagesState, useStagesStore } from '../stores/stages-store'

export const appInfo: AppInfo = {
  version: '0.1.0',
  platform: 'linux',
  locale: 'en-US',
  defaultWorkDir: '/home/u/Registry Wizard',
}

type Fake = { [C in Channel]: ReturnType<typeof vi.fn<(req: unknown) => Promise<Result<ResponseOf<C>>>>> } & {
  on: ReturnType<typeof vi.fn>
}

/** Fakes window.registryWizard, the renderer's one seam: every channel answers NOT_FAKED unless told. */
export function installFakeApi(): Fake {
  const fake: Record<string, unknown> = {}
  for (const c of CHANNELS)
    fake[c] = vi.fn(() =>
      Promise.resolve({ ok: false, error: { code: 'NOT_FAKED', message: `${c} not faked` } }),
    )
  fake['on'] = vi.fn(() => () => undefined)
  const f = fake as unknown as Fake
  f.getAppInfo.mockResolvedValue({ ok: true, value: appInfo })
  f.getSettings.mockResolvedValue({ ok: true, value: { knownCas: [], knownCerts: [] } })
  f.listAddresses.mockResolvedValue({
    ok: true,
    value: { hostname: 'build-host', addresses: [{ address: '10.1.2.3', family: 'IPv4', iface: 'eth0' }] },
  })
  window.registryWizard = fake as unknown as RegistryWizardApi
  return f
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** Unmounts what the previous test rendered (vitest runs without globals, so Testing Library cannot), resets stores. */
export async function resetAll(language: 'en' | 'zh-CN' = 'en'): Promise<Fake> {
  cleanup()
  const f = installFakeApi()
  useAppStore.setState({ ...initialAppState })
  usePlanStore.setState({ ...initialPlanState })
  useCertsStore.setState({ ...initialCertsState })
  useStagesStore.setState({ ...initialStagesState })
  useImagesStore.setState({ ...initialImagesState })
  useJobsStore.setState({ progress: {}, logs: {}, layers: {} })
  await initI18n(language)
  await useAppStore.getState().init()
  return f
}

import { useShallow } from 'zustand/react/shallow'
import { create } from 'zustand'
import type {
  DockerEndpoint,
  EngineInfo,
  ErrorInfo,
  MachineAddresses,
  Plan,
  SanCheck,
} from '../../../main/ipc/contract'
import { api } from '../api'
import { useAppStore } from './app-store'

export type DockerKind = DockerEndpoint['kind']

interface PlanState {
  addresses: string[]
  draft: string
  port: string
  dockerKind: DockerKind
  dockerUrl: string
  tlsDir: string
  /** tcp:// without TLS allowed on purpose: the engine then receives the registry key in clear text. */
  insecureEngine: boolean
  machine: MachineAddresses | undefined
  sanCheck: SanCheck | undefined
  error: ErrorInfo | undefined
  engine: EngineInfo | undefined
  engineError: ErrorInfo | undefined
  busy: boolean
  saved: boolean
  load: (plan: Plan | undefined) => void
  loadMachine: () => Promise<void>
  setDraft: (v: string) => void
  addAddress: (v?: string) => void
  removeAddress: (v: string) => void
  setPort: (v: string) => void
  setDocker: (kind: DockerKind, url?: string, tlsDir?: string) => void
  setInsecureEngine: (v: boolean) => void
  /** Validates (locally, then with the certificate core), saves; true when the plan is good. */
  save: () => Promise<boolean>
  testConnection: () => Promise<void>
}

export const initialPlanState = {
  addresses: [] as string[],
  draft: '',
  port: '5000',
  dockerKind: 'local' as DockerKind,
  dockerUrl: '',
  tlsDir: '',
  insecureEngine: false,
  machine: undefined,
  sanCheck: undefined,
  error: undefined,
  engine: undefined,
  engineError: undefined,
  busy: false,
  saved: false,
}

const local = (field: string, code: string, message: string): ErrorInfo => ({ code, field, message })

export function planOf(
  s: Pick<PlanState, 'addresses' | 'port' | 'dockerKind' | 'dockerUrl' | 'tlsDir'> &
    Partial<Pick<PlanState, 'insecureEngine'>>,
): Plan {
  const docker: DockerEndpoint =
    s.dockerKind === 'local'
      ? { kind: 'local' }
      : s.dockerKind === 'ssh'
        ? { kind: 'ssh', url: s.dockerUrl.trim() }
        : {
            kind: 'tcp',
            url: s.dockerUrl.trim(),
            ...(s.tlsDir.trim() ? { tlsDir: s.tlsDir.trim() } : {}),
            ...(s.insecureEngine === true ? { insecure: true } : {}),
          }
  return { addresses: s.addresses, port: Number(s.port), docker }
}

export const usePlanStore = create<PlanState>()((set, get) => ({
  ...initialPlanState,
  load: (plan) => {
    if (!plan) return
    set({
      addresses: plan.addresses,
      port: String(plan.port),
      dockerKind: plan.docker.kind,
      dockerUrl: plan.docker.kind === 'local' ? '' : plan.docker.url,
      tlsDir: plan.docker.kind === 'tcp' ? (plan.docker.tlsDir ?? '') : '',
      insecureEngine: plan.docker.kind === 'tcp' && plan.docker.insecure === true,
      saved: true,
    })
  },
  loadMachine: async () => {
    const r = await api().listAddresses()
    if (r.ok) set({ machine: r.value })
  },
  setDraft: (draft) => set({ draft }),
  addAddress: (v) => {
    const value = (v ?? get().draft).trim()
    if (!value) return
    if (get().addresses.includes(value)) {
      set({ draft: '' })
      return
    }
    set((s) => ({
      addresses: [...s.addresses, value],
      draft: v === undefined ? '' : s.draft,
      saved: false,
      sanCheck: undefined,
      error: undefined,
    }))
  },
  removeAddress: (v) =>
    set((s) => ({ addresses: s.addresses.filter((a) => a !== v), saved: false, sanCheck: undefined })),
  setPort: (port) => set({ port, saved: false, error: undefined }),
  setDocker: (dockerKind, dockerUrl, tlsDir) =>
    set((s) => ({
      dockerKind,
      dockerUrl: dockerUrl ?? s.dockerUrl,
      tlsDir: tlsDir ?? s.tlsDir,
      saved: false,
      engine: undefined,
      engineError: undefined,
    })),
  setInsecureEngine: (insecureEngine) =>
    set({ insecureEngine, saved: false, engine: undefined, engineError: undefined }),

  save: async () => {
    const s = get()
    if (s.draft.trim()) get().addAddress()
    const { addresses, port, dockerKind, dockerUrl } = get()
    if (addresses.length === 0) {
      set({ error: local('addresses', 'REQUIRED', 'plan.errors.addressRequired') })
      return false
    }
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      set({ error: local('port', 'INVALID_PORT', 'plan.errors.port') })
      return false
    }
    if (dockerKind !== 'local' && !new RegExp(`^${dockerKind}://\\S+$`).test(dockerUrl.trim())) {
      set({
        error: local(
          'docker.url',
          'INVALID_URL',
          dockerKind === 'ssh' ? 'plan.errors.sshUrl' : 'plan.errors.tcpUrl',
        ),
      })
      return false
    }
    set({ busy: true, error: undefined })
    try {
      const check = await api().checkSans({ sans: addresses })
      if (!check.ok) {
        set({ error: { ...check.error, field: 'addresses' } })
        return false
      }
      const saved = await api().savePlan(planOf(get()))
      if (!saved.ok) {
        set({ error: saved.error })
        return false
      }
      useAppStore.getState().setSettings(saved.value)
      set({ sanCheck: check.value, saved: true })
      return true
    } finally {
      set({ busy: false })
    }
  },

  testConnection: async () => {
    set({ busy: true, engine: undefined, engineError: undefined })
    const r = await api().testDockerConnection({ endpoint: planOf(get()).docker })
    set(r.ok ? { engine: r.value, busy: false } : { engineError: r.error, busy: false })
  },
}))

/** The current plan, for components: re-renders only when a field of the plan changes. */
export function useCurrentPlan(): Plan {
  return planOf(
    usePlanStore(
      useShallow((s) => ({
        addresses: s.addresses,
        port: s.port,
        dockerKind: s.dockerKind,
        dockerUrl: s.dockerUrl,
        tlsDir: s.tlsDir,
        insecureEngine: s.insecureEngine,
      })),
    ),
  )
}

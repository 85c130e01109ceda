import { useShallow } from 'zustand/react/shallow'
import { create, type StateCreator } from 'zustand'
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

type Slice<K extends keyof PlanState> = StateCreator<PlanState, [], [], Pick<PlanState, K>>

/** Loading a saved plan and this machine's addresses; editing the addresses. */
const addressSlice: Slice<'load' | 'loadMachine' | 'setDraft' | 'addAddress' | 'removeAddress'> = (
  set,
  get,
) => ({
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
})

/** The port and the Docker engine: editing them, and testing the connection. */
const engineSlice: Slice<'setPort' | 'setDocker' | 'setInsecureEngine' | 'testConnection'> = (set, get) => ({
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
  testConnection: async () => {
    set({ busy: true, engine: undefined, engineError: undefined })
    const r = await api().testDockerConnection({ endpoint: planOf(get()).docker })
    set(r.ok ? { engine: r.value, busy: false } : { engineError: r.error, busy: false })
  },
})

/** The renderer's own checks of the plan (the core checks the addresses and saves). */
function checkPlan(
  s: Pick<PlanState, 'addresses' | 'port' | 'dockerKind' | 'dockerUrl'>,
): ErrorInfo | undefined {
  if (s.addresses.length === 0) return local('addresses', 'REQUIRED', 'plan.errors.addressRequired')
  if (!/^\d+$/.test(s.port) || Number(s.port) < 1 || Number(s.port) > 65535)
    return local('port', 'INVALID_PORT', 'plan.errors.port')
  if (s.dockerKind !== 'local' && !new RegExp(`^${s.dockerKind}://\\S+$`).test(s.dockerUrl.trim()))
    return local(
      'docker.url',
      'INVALID_URL',
      s.dockerKind === 'ssh' ? 'plan.errors.sshUrl' : 'plan.errors.tcpUrl',
    )
  return undefined
}

/** Validates (locally, then the addresses with the certificate core) and saves. */
const saveSlice: Slice<'save'> = (set, get) => ({
  save: async () => {
    if (get().draft.trim()) get().addAddress()
    const invalid = checkPlan(get())
    if (invalid) {
      set({ error: invalid })
      return false
    }
    set({ busy: true, error: undefined })
    try {
      const check = await api().checkSans({ sans: get().addresses })
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
})

export const usePlanStore = create<PlanState>()((...a) => ({
  ...initialPlanState,
  ...addressSlice(...a),
  ...engineSlice(...a),
  ...saveSlice(...a),
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

import { create, type StateCreator } from 'zustand'
import type { CaSummary, ErrorInfo, IssuedServerCert, SanCheck } from '../../../main/ipc/contract'
import { api } from '../api'
import { newJobId } from '../lib/job-id'
import { joinPath } from '../lib/paths'
import { useAppStore } from './app-store'
import { CA_CERT_FILE, SERVER_KEY_FILE } from '../../../main/pki/file-names'
import type { KeyType } from '../../../main/pki/key-types'

export type CaMode = 'create' | 'import' | 'open'
type Busy = 'ca' | 'issue' | 'check' | undefined

export interface CreateCaForm {
  dir: string
  commonName: string
  organization: string
  keyType: KeyType
  passphrase: string
  confirm: string
}

export interface ImportCaForm {
  dir: string
  certPath: string
  /** Optional: the certificates above an intermediate CA, the root last. */
  chainPath: string
  keyPath: string
  passphrase: string
}

interface CertsState {
  mode: CaMode
  ca: CaSummary | undefined
  issued: IssuedServerCert | undefined
  sanCheck: SanCheck | undefined
  busy: Busy
  jobId: string | undefined
  caError: ErrorInfo | undefined
  issueError: ErrorInfo | undefined
  setMode: (mode: CaMode) => void
  createCa: (form: CreateCaForm) => Promise<boolean>
  importCa: (form: ImportCaForm) => Promise<boolean>
  openCa: (dir: string) => Promise<boolean>
  checkSans: (sans: string[]) => Promise<void>
  /** Passphrases go to main for this one call and are not kept in any store. */
  issue: (req: {
    outDir: string
    sans: string[]
    passphrase: string
    force: boolean
    keyType: KeyType
  }) => Promise<boolean>
  /**
   * For a returning user: the server certificate remembered for the planned addresses (settings.knownCerts) and its
   * CA become the current ones, so the Registry, Client trust and Verify steps can act on them. False when none fits.
   */
  resume: (addresses: string[]) => Promise<boolean>
  reset: () => void
}

export const initialCertsState = {
  mode: 'create' as CaMode,
  ca: undefined,
  issued: undefined,
  sanCheck: undefined,
  busy: undefined as Busy,
  jobId: undefined,
  caError: undefined,
  issueError: undefined,
}

const refreshSettings = async (): Promise<void> => {
  const s = await api().getSettings()
  if (s.ok) useAppStore.getState().setSettings(s.value)
}

type Slice<K extends keyof CertsState> = StateCreator<CertsState, [], [], Pick<CertsState, K>>

const required = (field: string): ErrorInfo => ({ code: 'REQUIRED', field, message: 'common.required' })

/** The renderer's own checks of the create form (the core checks the rest). */
function checkCreateForm(form: CreateCaForm): ErrorInfo | undefined {
  if (!form.dir.trim()) return required('dir')
  if (!form.commonName.trim()) return required('commonName')
  if (form.passphrase !== form.confirm)
    return { code: 'MISMATCH', field: 'confirm', message: 'certs.ca.passphraseMismatch' }
  return undefined
}

/** Create a CA (a job: key generation reports progress). */
const createCaSlice: Slice<'createCa'> = (set) => ({
  createCa: async (form) => {
    const invalid = checkCreateForm(form)
    if (invalid) {
      set({ caError: invalid })
      return false
    }
    const jobId = newJobId('create-ca')
    set({ busy: 'ca', jobId, caError: undefined })
    const r = await api().createCa({
      jobId,
      dir: form.dir.trim(),
      commonName: form.commonName.trim(),
      ...(form.organization.trim() ? { organization: form.organization.trim() } : {}),
      keyType: form.keyType,
      ...(form.passphrase ? { passphrase: form.passphrase } : {}),
    })
    set(
      r.ok
        ? { ca: r.value, issued: undefined, busy: undefined, jobId: undefined }
        : { caError: r.error, busy: undefined, jobId: undefined },
    )
    if (r.ok) await refreshSettings()
    return r.ok
  },
})

/** Import a CA (with its chain, for an intermediate) or open a CA folder; which of the three the tabs show. */
const caFolderSlice: Slice<'setMode' | 'importCa' | 'openCa'> = (set) => ({
  setMode: (mode) => set({ mode, caError: undefined }),
  importCa: async (form) => {
    const missing = (['dir', 'certPath', 'keyPath'] as const).find((f) => !form[f].trim())
    if (missing) {
      set({ caError: required(missing) })
      return false
    }
    set({ busy: 'ca', caError: undefined })
    const r = await api().importCa({
      dir: form.dir.trim(),
      certPath: form.certPath.trim(),
      ...(form.chainPath.trim() ? { chainPath: form.chainPath.trim() } : {}),
      keyPath: form.keyPath.trim(),
      ...(form.passphrase ? { passphrase: form.passphrase } : {}),
    })
    set(r.ok ? { ca: r.value, issued: undefined, busy: undefined } : { caError: r.error, busy: undefined })
    if (r.ok) await refreshSettings()
    return r.ok
  },
  openCa: async (dir) => {
    if (!dir.trim()) {
      set({ caError: required('dir') })
      return false
    }
    set({ busy: 'ca', caError: undefined })
    const r = await api().openCa({ dir: dir.trim() })
    set(r.ok ? { ca: r.value, busy: undefined } : { caError: r.error, busy: undefined })
    return r.ok
  },
})

/** The renderer's own checks before issuing (the core checks the rest). */
function checkIssue(ca: CaSummary, outDir: string, passphrase: string): ErrorInfo | undefined {
  if (!outDir.trim()) return required('outDir')
  if (ca.encrypted && !passphrase)
    return { code: 'PASSPHRASE_REQUIRED', field: 'passphrase', message: 'certs.server.passphraseRequired' }
  return undefined
}

/** The SAN check before issuing, and issuing the server certificate (a job that cannot be cancelled). */
const issueSlice: Slice<'checkSans' | 'issue'> = (set, get) => ({
  checkSans: async (sans) => {
    if (sans.length === 0) return
    set({ busy: 'check' })
    const r = await api().checkSans({ sans })
    set(
      r.ok
        ? { sanCheck: r.value, busy: undefined }
        : { issueError: { ...r.error, field: 'sans' }, busy: undefined },
    )
  },
  issue: async ({ outDir, sans, passphrase, force, keyType }) => {
    const ca = get().ca
    if (!ca) return false
    const invalid = checkIssue(ca, outDir, passphrase)
    if (invalid) {
      set({ issueError: invalid })
      return false
    }
    const jobId = newJobId('issue')
    set({ busy: 'issue', jobId, issueError: undefined })
    const r = await api().issueServerCert({
      jobId,
      caDir: ca.dir,
      outDir: outDir.trim(),
      sans,
      keyType,
      ...(passphrase ? { passphrase } : {}),
      ...(force ? { force } : {}),
    })
    set(
      r.ok
        ? { issued: r.value, busy: undefined, jobId: undefined }
        : { issueError: r.error, busy: undefined, jobId: undefined },
    )
    if (r.ok) await refreshSettings()
    return r.ok
  },
})

/** A returning user's remembered certificate for the plan, and starting over. */
const resumeSlice: Slice<'resume' | 'reset'> = (set, get) => ({
  resume: async (addresses) => {
    const current = get()
      .issued?.certificate.sans.map((x) => x.value)
      .join(',')
    if (current !== undefined && current === addresses.join(',')) return true
    const known = useAppStore
      .getState()
      .settings?.knownCerts.find((c) => c.sans.join(',') === addresses.join(','))
    if (!known) return false
    const [ca, cert] = await Promise.all([
      api().openCa({ dir: known.caDir }),
      api().inspectCertificate({ path: known.certPath }),
    ])
    if (!ca.ok || !cert.ok) return false
    const outDir = known.certPath.replace(/[\\/][^\\/]+$/, '')
    set({
      ca: ca.value,
      issued: {
        outDir,
        certPath: known.certPath,
        keyPath: joinPath(outDir, SERVER_KEY_FILE),
        caCertPath: joinPath(outDir, CA_CERT_FILE),
        certificate: cert.value,
        lint: [],
      },
    })
    return true
  },
  reset: () => set(initialCertsState),
})

export const useCertsStore = create<CertsState>()((...a) => ({
  ...initialCertsState,
  ...createCaSlice(...a),
  ...caFolderSlice(...a),
  ...issueSlice(...a),
  ...resumeSlice(...a),
}))

/** After a replace, the Certificates step's summary of the pair in this folder reads the new certificate. */
export async function refreshIssued(certDir: string): Promise<void> {
  const issued = useCertsStore.getState().issued
  if (issued?.outDir !== certDir) return
  const r = await api().inspectCertificate({ path: issued.certPath })
  if (r.ok) useCertsStore.setState({ issued: { ...issued, certificate: r.value } })
}

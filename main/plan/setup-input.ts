import { AppError } from '../errors'
import type { Credential, EngineSpec, StorageSpec } from '../docker'
import { DEFAULT_IMAGE, DEFAULT_NAME } from '../docker/labels'
import { readInputText } from '../fs/read-input'
import { DEFAULT_KEY_TYPE, type KeyType, type SubjectInput } from '../pki/types'
import type { TargetId } from '../trust/types'
import type { PlanFile } from './file-schema'
import { planPath, type LoadedPlan } from './load'

/**
 * Everything `setup` needs, read and checked before the first step: every path made absolute (relative to the plan
 * file), every secret and engine file read. A missing password file fails here (exit 2), with nothing changed.
 */
export interface SetupInput {
  file: string
  addresses: string[]
  port: number
  name: string
  image: string
  imageTar: string | undefined
  /** undefined: the default named volume NAME-data. */
  storage: StorageSpec | undefined
  users: Credential[]
  deleteEnabled: boolean
  healthTimeoutMs: number
  engine: EngineSpec
  /** The engine as the plan names it, for messages (`local`, `ssh://...`). */
  engineLabel: string
  ca: {
    dir: string
    passphrase: string | undefined
    create?: { subject: SubjectInput; keyType: KeyType; days: number | undefined } | undefined
    import?: { certPem: string; chainPem: string | undefined; keyPem: string; certPath: string } | undefined
  }
  certificate: { dir: string; days: number | undefined; keyType: KeyType }
  trust: { targets: TargetId[] | undefined; root: string } | undefined
  bundle: { out: string; archive: 'zip' | 'tar.gz' | undefined } | undefined
  verify: { push: boolean; timeoutS: number; user: Credential | undefined }
}

const SECRET_MAX = 64 * 1024

/** A secret file's first line (as the CLI reads --passphrase-file); `key` names the plan key in messages. */
export async function readPlanSecret(path: string, key: string): Promise<string> {
  const text = await readInputText(path, key, { max: SECRET_MAX })
  const secret = text.split(/\r?\n/, 1)[0] ?? ''
  if (secret.length === 0)
    throw new AppError({ code: 'SECRET_FILE_EMPTY', kind: 'input', field: key, params: { value: path } })
  return secret
}

const readOptionalSecret = (path: string | undefined, key: string): Promise<string | undefined> =>
  path === undefined ? Promise.resolve(undefined) : readPlanSecret(path, key)

const readPem = (path: string, key: string): Promise<string> => readInputText(path, key)

async function engineOf(e: PlanFile['engine'], at: (p: string) => string): Promise<EngineSpec> {
  const host = e?.host ?? 'local'
  const spec: EngineSpec = {
    ...(host === 'local' ? {} : { host }),
    ...(e?.insecure ? { insecure: true } : {}),
  }
  if (e?.tls !== undefined)
    spec.tls = {
      ca: await readPem(at(e.tls.ca), 'engine.tls.ca'),
      cert: await readPem(at(e.tls.cert), 'engine.tls.cert'),
      key: await readPem(at(e.tls.key), 'engine.tls.key'),
    }
  const s = e?.ssh
  if (s !== undefined)
    spec.ssh = {
      ...(s.key === undefined ? {} : { privateKey: await readPem(at(s.key), 'engine.ssh.key') }),
      ...(s.passphraseFile === undefined
        ? {}
        : { passphrase: await readPlanSecret(at(s.passphraseFile), 'engine.ssh.passphraseFile') }),
      ...(s.hostKeyFingerprint === undefined ? {} : { hostKeyFingerprint: s.hostKeyFingerprint }),
      ...(s.knownHosts === undefined ? {} : { knownHostsFiles: [at(s.knownHosts)] }),
    }
  return spec
}

async function caOf(p: PlanFile, at: (p: string) => string): Promise<SetupInput['ca']> {
  const { create, import: imp } = p.ca
  const passphraseFile = create?.passphraseFile ?? imp?.passphraseFile
  const key = create ? 'ca.create.passphraseFile' : 'ca.import.passphraseFile'
  const passphrase = await readOptionalSecret(passphraseFile && at(passphraseFile), key)
  if (create !== undefined) {
    const { cn, o, ou, c, st, l } = create
    return {
      dir: at(p.ca.dir),
      passphrase,
      create: {
        subject: { cn, o, ou, c, st, l },
        keyType: create.keyType ?? DEFAULT_KEY_TYPE,
        days: create.days,
      },
    }
  }
  const i = imp as NonNullable<typeof imp>
  return {
    dir: at(p.ca.dir),
    passphrase,
    import: {
      certPem: await readPem(at(i.cert), 'ca.import.cert'),
      chainPem: i.chain === undefined ? undefined : await readPem(at(i.chain), 'ca.import.chain'),
      keyPem: await readPem(at(i.key), 'ca.import.key'),
      certPath: at(i.cert),
    },
  }
}

function storageOf(
  r: PlanFile['registry'],
  at: (p: string) => string,
  local: boolean,
): StorageSpec | undefined {
  if (r.volume !== undefined) return { kind: 'volume', name: r.volume }
  if (r.data === undefined) return undefined
  // On another machine's engine a relative folder would mean nothing there: it must be a path on that host.
  if (!local && !r.data.startsWith('/'))
    throw new AppError({
      code: 'PLAN_DATA_REMOTE',
      kind: 'input',
      field: 'registry.data',
      params: { data: r.data },
    })
  return { kind: 'hostPath', path: at(r.data) }
}

/** Reads every file the plan names (secrets, engine and CA files) and resolves its paths. */
export async function setupInput(loaded: LoadedPlan): Promise<SetupInput> {
  const p = loaded.plan
  const at = (x: string): string => planPath(loaded.baseDir, x)
  const r = p.registry
  const engineLabel = p.engine?.host ?? 'local'
  const users: Credential[] = []
  for (const [i, u] of (r.users ?? []).entries())
    users.push({
      user: u.name,
      password: await readPlanSecret(at(u.passwordFile), `registry.users[${i}].passwordFile`),
    })
  const verifyUser = p.verify?.user ?? users[0]?.user
  return {
    file: loaded.file,
    addresses: r.addresses,
    port: r.port,
    name: r.name ?? DEFAULT_NAME,
    image: r.image ?? DEFAULT_IMAGE,
    imageTar: r.tar === undefined ? undefined : at(r.tar),
    storage: storageOf(r, at, engineLabel === 'local'),
    users,
    deleteEnabled: r.delete === true,
    healthTimeoutMs: (r.healthTimeout ?? 60) * 1000,
    engine: await engineOf(p.engine, at),
    engineLabel,
    ca: await caOf(p, at),
    certificate: {
      dir: at(p.certificate.dir),
      days: p.certificate.days,
      keyType: p.certificate.keyType ?? p.ca.create?.keyType ?? DEFAULT_KEY_TYPE,
    },
    trust: p.trust === undefined ? undefined : { targets: p.trust.targets, root: at(p.trust.root ?? '/') },
    bundle: p.bundle === undefined ? undefined : { out: at(p.bundle.out), archive: p.bundle.archive },
    verify: {
      push: p.verify?.push ?? true,
      timeoutS: p.verify?.timeout ?? 10,
      user: users.find((u) => u.user === verifyUser),
    },
  }
}

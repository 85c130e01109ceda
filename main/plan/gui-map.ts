import { dirname, isAbsolute, join, relative } from 'node:path'
import { DEFAULT_KEY_TYPE } from '../pki/types'
import { PLAN_VERSION, type PlanFile } from './file-schema'
import type { DockerEndpoint, Plan } from './schema'

// The GUI's plan (main/plan/schema.ts: addresses, port, Docker endpoint) is the part of the plan file the wizard's
// Plan step edits. Opening a file maps that part in; saving maps it back into the file, every other key kept.

/** The TLS client files of a tcp:// engine in the GUI's folder form (ca.pem, cert.pem, key.pem). */
const TLS_FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' } as const

const absolute = (baseDir: string, p: string): string => (isAbsolute(p) ? p : join(baseDir, p))

/** The Plan step's plan from a plan file (paths made absolute against the file's folder). */
export function guiPlanOf(file: PlanFile, baseDir: string): Plan {
  const host = file.engine?.host ?? 'local'
  let docker: DockerEndpoint = { kind: 'local' }
  if (host.startsWith('ssh://')) docker = { kind: 'ssh', url: host }
  else if (host.startsWith('tcp://')) {
    const tls = file.engine?.tls
    docker = {
      kind: 'tcp',
      url: host,
      ...(tls === undefined ? {} : { tlsDir: dirname(absolute(baseDir, tls.ca)) }),
      ...(file.engine?.insecure === true ? { insecure: true } : {}),
    }
  }
  return { addresses: file.registry.addresses, port: file.registry.port, docker }
}

/** Sections of the file the Plan step does not show (kept as they are on save), by their keys. */
export function otherSections(file: PlanFile): string[] {
  return (['ca', 'certificate', 'trust', 'bundle', 'verify'] as const).filter((k) => file[k] !== undefined)
}

function engineOf(docker: DockerEndpoint, base: PlanFile['engine'], baseDir: string): PlanFile['engine'] {
  if (docker.kind === 'local') return { host: 'local' }
  if (docker.kind === 'ssh')
    return { ...(base?.ssh === undefined ? {} : { ssh: base.ssh }), host: docker.url }
  const rel = (p: string): string => relative(baseDir, p) || '.'
  const tls =
    docker.tlsDir === undefined
      ? undefined
      : {
          ca: rel(join(docker.tlsDir, TLS_FILES.ca)),
          cert: rel(join(docker.tlsDir, TLS_FILES.cert)),
          key: rel(join(docker.tlsDir, TLS_FILES.key)),
        }
  return {
    host: docker.url,
    ...(tls === undefined ? {} : { tls }),
    ...(docker.insecure === true ? { insecure: true } : {}),
  }
}

/**
 * The plan file with the Plan step's plan in it: into `base` (the file opened) with its other keys kept, or a new
 * file (a CA and a certificate folder beside it, ECDSA P-256) when there is none.
 */
export function planFileOf(plan: Plan, baseDir: string, base?: PlanFile): PlanFile {
  const from: PlanFile = base ?? {
    version: PLAN_VERSION,
    registry: { addresses: [], port: plan.port },
    ca: { dir: './ca', create: { cn: 'Registry Wizard CA', keyType: DEFAULT_KEY_TYPE } },
    certificate: { dir: './certs' },
  }
  return {
    ...from,
    registry: { ...from.registry, addresses: plan.addresses, port: plan.port },
    engine: engineOf(plan.docker, from.engine, baseDir),
  }
}

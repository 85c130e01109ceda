import { readCertDir } from '../../docker/index'
import { readInputText } from '../../fs/read-input'
import {
  DEFAULT_MIRROR_NAME,
  mirrorStatus,
  removeMirror,
  restartMirror,
  startMirror,
  stopMirror,
  type MirrorStatus,
} from '../../mirror/index'
import type { MirrorStatusInfo } from '../contract'
import type { EngineCache } from '../engine-cache'
import type { AllHandlers } from '../register-handlers'
import { statusInfo } from './registry-manage-handlers'

type MirrorChannels = 'startMirror' | 'mirrorStatus' | 'mirrorStop' | 'mirrorRestart' | 'mirrorRemove'

const mirrorInfo = (s: MirrorStatus): MirrorStatusInfo => ({
  ...statusInfo(s),
  upstream: s.upstream,
  upstreamCa: s.upstreamCa,
  ...(s.upstreamUser === undefined ? {} : { upstreamUser: s.upstreamUser }),
})

/** The password file's first line (as the CLI reads --upstream-password-file); it stays in main. */
async function readPassword(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined
  const text = await readInputText(path, 'upstreamPasswordPath', { max: 64 * 1024 })
  return text.split(/\r?\n/, 1)[0]
}

/** The Mirror panel on main/mirror: the same functions as `registry-wizard mirror ...`. */
export function mirrorHandlers(
  engines: EngineCache,
  name: string = DEFAULT_MIRROR_NAME,
): Pick<AllHandlers, MirrorChannels> {
  return {
    startMirror: async (r, { job }) => {
      const engine = await engines.get(r.plan.docker)
      const result = await startMirror(
        engine,
        {
          name,
          port: r.port,
          certs: await readCertDir(r.certDir),
          registryHost: r.plan.addresses[0],
          upstream: r.upstream,
          upstreamCaPem:
            r.upstreamCaPath === undefined
              ? undefined
              : await readInputText(r.upstreamCaPath, 'upstreamCaPath'),
          upstreamUser: r.upstreamUser,
          upstreamPassword: await readPassword(r.upstreamPasswordPath),
        },
        {
          signal: job?.signal,
          onProgress: (e) => job?.report({ step: e.step, percent: undefined, message: e.message }),
        },
      )
      return { containerId: result.id, url: result.url, upstream: result.upstream, notices: result.notices }
    },

    mirrorStatus: async ({ plan }) => mirrorInfo(await mirrorStatus(await engines.get(plan.docker), name)),

    mirrorStop: async ({ plan }) => {
      const engine = await engines.get(plan.docker)
      await stopMirror(engine, name)
      return mirrorInfo(await mirrorStatus(engine, name))
    },

    mirrorRestart: async ({ plan, certDir }, { job }) => {
      job?.progress('restart', 10)
      const health = await restartMirror(
        await engines.get(plan.docker),
        name,
        (await readCertDir(certDir)).caPem,
        { registryHost: plan.addresses[0] },
      )
      job?.progress('done', 100)
      return { status: health.status, elapsedMs: health.elapsedMs }
    },

    mirrorRemove: async ({ plan, deleteData }) => {
      const out = await removeMirror(await engines.get(plan.docker), name, { deleteData })
      return { removedVolumes: out.removedVolumes, keptStorage: out.keptStorage }
    },
  }
}

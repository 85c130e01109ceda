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
import { containerActions, statusInfo, type ContainerOps } from './registry-manage-handlers'

type MirrorChannels = 'startMirror' | 'mirrorStatus' | 'mirrorStop' | 'mirrorRestart' | 'mirrorRemove'

const mirrorInfo = (s: MirrorStatus): MirrorStatusInfo => ({
  ...statusInfo(s),
  upstream: s.upstream,
  upstreamCa: s.upstreamCa,
  ...(s.upstreamUser === undefined ? {} : { upstreamUser: s.upstreamUser }),
})

const mirrorOps: ContainerOps<MirrorStatus> = {
  status: (engine, name) => mirrorStatus(engine, name),
  stop: stopMirror,
  restart: restartMirror,
  remove: removeMirror,
}

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
  const actions = containerActions(engines, name, mirrorOps, mirrorInfo)
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

    mirrorStatus: actions.status,
    mirrorStop: actions.stop,
    mirrorRestart: actions.restart,
    mirrorRemove: actions.remove,
  }
}

// The Trust step's Kubernetes card (main/cluster/k8s). Main owns the path: the renderer names the folder by the id
// main gave it when the user picked it through main's dialog (pickK8sFolder); the manifests go into a sub-folder of it.
import { randomBytes } from 'node:crypto'
import { basename, join } from 'node:path'
import { buildK8sFiles, DEFAULT_NAMESPACE, writeK8sFolder } from '../../cluster/k8s/index'
import { AppError } from '../../errors'
import { readInputText } from '../../fs/read-input'
import { hostPort } from '../../net/address'
import { parseTrustCa } from '../../trust/ca-certificate'
import { parseMirrorAndRegistries } from '../../trust/registry-address'
import type { K8sManifestsRequest, K8sManifestsResult } from '../contract'
import type { AllHandlers } from '../register-handlers'
import type { Dialogs } from './app-handlers'

export interface ClusterHandlerDeps {
  dialogs: Pick<Dialogs, 'chooseFolder'>
}

/** The sub-folder of the picked folder: `kubernetes-HOST_PORT`, named for the registry (or the mirror alone). */
export const k8sFolderName = (fileSafe: string): string => `kubernetes-${fileSafe}`

const blank = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.trim()

async function write(dir: string, req: K8sManifestsRequest): Promise<K8sManifestsResult> {
  const pem = await readInputText(req.caCertPath, 'caCertPath')
  const ca = parseTrustCa(pem, { field: 'caCertPath', sourcePath: req.caCertPath })
  const { registries, mirror } = parseMirrorAndRegistries([hostPort(req.host, req.port)], blank(req.mirror), {
    registry: 'host',
    mirror: 'mirror',
  })
  const namespace = blank(req.namespace)
  const files = buildK8sFiles({
    ca,
    registries,
    mirror,
    namespace,
    image: blank(req.image),
    login: req.login,
  })
  const first = registries[0] ?? mirror
  const out = await writeK8sFolder(join(dir, k8sFolderName(first?.fileSafe ?? 'registry')), files, {
    force: req.force,
    field: 'folderId',
  })
  return { dir: out.dir, files: out.files, namespace: namespace ?? DEFAULT_NAMESPACE }
}

export function clusterHandlers(
  deps: ClusterHandlerDeps,
): Pick<AllHandlers, 'pickK8sFolder' | 'writeK8sManifests'> {
  const folders = new Map<string, string>()
  return {
    pickK8sFolder: async () => {
      const path = await deps.dialogs.chooseFolder({})
      if (path === null) return { picked: null }
      const id = `k8s-${randomBytes(8).toString('hex')}`
      folders.set(id, path)
      return { picked: { id, name: basename(path), path } }
    },
    writeK8sManifests: async (req) => {
      const dir = folders.get(req.folderId)
      if (dir === undefined)
        throw new AppError({ code: 'K8S_FOLDER_UNKNOWN', kind: 'input', field: 'folderId' })
      return write(dir, req)
    },
  }
}

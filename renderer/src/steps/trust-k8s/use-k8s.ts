import { useState } from 'react'
import type { ErrorInfo, K8sManifestsResult, PickedPath } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { useTarget } from '../use-target'

/** What the card's controls hold. The password stays in this component's state only (sent to main, never stored). */
export interface K8sForm {
  namespace: string
  image: string
  withLogin: boolean
  user: string
  password: string
  force: boolean
}

export const EMPTY_FORM: K8sForm = {
  namespace: 'registry-wizard',
  image: 'docker.io/library/busybox:1.36.1',
  withLogin: false,
  user: '',
  password: '',
  force: false,
}

/** The card's state and its two calls: main's folder dialog (an id comes back) and writing the manifests there. */
export function useK8s(mirror: string) {
  const target = useTarget()
  const [form, setForm] = useState<K8sForm>(EMPTY_FORM)
  const [folder, setFolder] = useState<PickedPath>()
  const [result, setResult] = useState<K8sManifestsResult>()
  const [error, setError] = useState<ErrorInfo>()
  const [busy, setBusy] = useState(false)
  const update = (patch: Partial<K8sForm>): void => setForm((f) => ({ ...f, ...patch }))
  const pick = async (): Promise<void> => {
    const r = await api().pickK8sFolder()
    if (!r.ok) setError(r.error)
    else if (r.value.picked !== null) setFolder(r.value.picked)
  }
  const write = async (): Promise<void> => {
    if (!target || !folder) return
    setBusy(true)
    setError(undefined)
    const { caCertPath, host, port } = target
    const r = await api().writeK8sManifests({
      folderId: folder.id,
      caCertPath,
      host,
      port,
      ...(mirror === '' ? {} : { mirror }),
      namespace: form.namespace,
      image: form.image,
      ...(form.withLogin ? { login: { user: form.user, password: form.password } } : {}),
      ...(form.force ? { force: true } : {}),
    })
    setBusy(false)
    if (r.ok) setResult(r.value)
    else setError(r.error)
  }
  return { target, form, update, folder, pick, write, result, error, busy }
}

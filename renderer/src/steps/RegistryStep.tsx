import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../main/ipc/contract'
import { api } from '../api'
import { CheckRows } from '../components/CheckRows'
import { useCurrentPlan } from '../stores/plan-store'
import { useStagesStore } from '../stores/stages-store'
import { NeedCertificate } from './NeedCertificate'
import { RegistryManage } from './RegistryManage'
import { MirrorPanel } from './mirror/MirrorPanel'
import { OptionsCard, type RegistryOptions } from './registry/OptionsCard'
import { StartCard } from './registry/StartCard'
import { ModeChoice, type RegistryMode } from './registry/swarm/ModeChoice'
import { SwarmPanel } from './registry/swarm/SwarmPanel'
import { useSwarmManager } from './registry/swarm/use-swarm'
import { useTarget } from './use-target'

/** Preflight, start options (image tar, storage, users), start, then the running registry's management. */
export function RegistryStep(): React.JSX.Element {
  const target = useTarget()
  if (!target) return <NeedCertificate />
  return <RegistryPanel certDir={target.certDir} />
}

function RegistryPanel({ certDir }: { certDir: string }): React.JSX.Element {
  const plan = useCurrentPlan()
  const started = useStagesStore((s) => s.containerId)
  const [options, setOptions] = useState<RegistryOptions>({ imageTar: '', storagePath: '', users: [] })
  const [error, setError] = useState<ErrorInfo>()
  // "Docker Swarm service" beside "single container" only when the plan's engine is a Swarm manager.
  const manager = useSwarmManager(plan)
  const [mode, setMode] = useState<RegistryMode>('container')
  const swarm = manager && mode === 'swarm'
  return (
    <div className="step">
      <PreflightCard certDir={certDir} onError={setError} />
      {manager && <ModeChoice mode={mode} onChange={setMode} />}
      <OptionsCard options={options} onChange={setOptions} error={error} swarm={swarm} />
      {swarm ? (
        <SwarmPanel plan={plan} certDir={certDir} shared={options} error={error} onError={setError} />
      ) : (
        <>
          <StartCard certDir={certDir} options={options} error={error} onError={setError} />
          <RegistryManage plan={plan} certDir={certDir} containerId={started} />
        </>
      )}
      <MirrorPanel plan={plan} certDir={certDir} />
    </div>
  )
}

function PreflightCard(props: {
  certDir: string
  onError: (e: ErrorInfo | undefined) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const plan = useCurrentPlan()
  const checks = useStagesStore((s) => s.preflight)
  const save = useStagesStore((s) => s.set)
  const preflight = async (): Promise<void> => {
    props.onError(undefined)
    const r = await api().registryPreflight({ plan, certDir: props.certDir })
    if (r.ok) save({ preflight: r.value.checks })
    else props.onError(r.error)
  }
  return (
    <section className="card" aria-labelledby="registry-preflight">
      <h2 id="registry-preflight">{t('registry.preflight')}</h2>
      <button type="button" className="btn btn-secondary" onClick={() => void preflight()}>
        {t('registry.runPreflight')}
      </button>
      {checks && <CheckRows rows={checks} label={t('registry.preflight')} />}
    </section>
  )
}

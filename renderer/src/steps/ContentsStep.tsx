import { lazy, Suspense, useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContentsRegistryRef } from '../../../main/ipc/contract'
import { useAppStore } from '../stores/app-store'
import { useContentsStore } from '../stores/contents-store'
import { ContentsHeader } from './contents/ContentsHeader'
import { DeleteOutcome } from './contents/DeleteOutcome'
import { GcPanel } from './contents/GcPanel'
import { RetentionPanel } from './contents/RetentionPanel'
import { TagTable } from './contents/TagTable'
import './contents/contents.css'

// The chart library loads in its own chunk when the screen shows the chart, not with the app's first screen.
const StorageChart = lazy(() => import('./contents/StorageChart'))

/** Registry contents: repositories and tags, storage per repository, deletes, retention and reclaiming disk. */
export function ContentsStep(): React.JSX.Element {
  const plan = useAppStore((s) => s.settings?.plan)
  const host = plan?.addresses[0]
  const port = plan?.port
  const ref = useMemo<ContentsRegistryRef | undefined>(
    () => (host && port ? { host, port } : undefined),
    [host, port],
  )
  const open = useContentsStore((s) => s.open)
  useEffect(() => {
    if (ref) void open(ref)
  }, [open, ref])
  if (!ref) return <NeedPlan />
  return (
    <div className="step">
      <ContentsHeader target={ref} />
      <DeleteOutcome />
      <TagTable target={ref} />
      <StorageCard />
      <RetentionPanel />
      <GcPanel />
    </div>
  )
}

function StorageCard(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="contents-chart">
      <h2 id="contents-chart">{t('contents.chart.title')}</h2>
      <Suspense fallback={<p className="muted">{t('contents.chart.loading')}</p>}>
        <StorageChart />
      </Suspense>
    </section>
  )
}

function NeedPlan(): React.JSX.Element {
  const { t } = useTranslation()
  const go = useAppStore((s) => s.go)
  return (
    <section className="card card-muted">
      <p>{t('contents.needPlan')}</p>
      <button type="button" className="btn btn-secondary" onClick={() => go('plan')}>
        {t('contents.toPlan')}
      </button>
    </section>
  )
}

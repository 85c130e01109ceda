import { useTranslation } from 'react-i18next'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DataTable, type DataColumn } from '../../components/DataTable'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TextField } from '../../components/Field'
import { JobProgress } from '../../components/ProgressBar'
import { formatDate } from '../../lib/format'
import { useContentsStore, type RetentionForm } from '../../stores/contents-store'
import type { RetentionPlanInfo } from '../../../../main/ipc/contract'
import { useFieldLabel } from './use-field-label'

type Planned = RetentionPlanInfo['deletes'][number]

/** Retention rules, the dry run's exact list, then Apply (which deletes that list, or nothing if it changed). */
export function RetentionPanel(): React.JSX.Element {
  const { t } = useTranslation()
  const planning = useContentsStore((s) => s.planning)
  const pruneJob = useContentsStore((s) => s.pruneJob)
  const pruned = useContentsStore((s) => s.pruned)
  const error = useContentsStore((s) => s.planError)
  const dryRun = useContentsStore((s) => s.dryRunRetention)
  const fieldLabel = useFieldLabel()
  return (
    <section className="card" aria-labelledby="contents-retention">
      <h2 id="contents-retention">{t('contents.retention.title')}</h2>
      <p className="muted">{t('contents.retention.intro')}</p>
      <RuleFields busy={planning || pruneJob !== undefined} />
      <button
        type="button"
        className="btn btn-secondary"
        disabled={planning || pruneJob !== undefined}
        onClick={() => void dryRun()}
      >
        {t('contents.retention.dryRun')}
      </button>
      {planning && (
        <p role="status" className="muted">
          {t('contents.retention.planning')}
        </p>
      )}
      <PlanList />
      <JobProgress jobId={pruneJob} label={t('contents.retention.progress')} channel="prune" />
      {pruned !== undefined && <p className="ok-line">✓ {t('contents.retention.done', { count: pruned })}</p>}
      <ErrorNotice error={error} fieldLabel={fieldLabel} />
    </section>
  )
}

function RuleFields({ busy }: { busy: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const form = useContentsStore((s) => s.retention)
  const set = useContentsStore((s) => s.set)
  const change = (patch: Partial<RetentionForm>): void =>
    set({ retention: { ...form, ...patch }, plan: undefined })
  return (
    <div className="contents-rules">
      <TextField
        id="contents-keep-last"
        type="number"
        label={t('contents.retention.keepLast')}
        hint={t('contents.retention.keepLastHint')}
        value={form.keepLast}
        disabled={busy}
        onChange={(keepLast) => change({ keepLast })}
      />
      <TextField
        id="contents-older-than"
        type="number"
        label={t('contents.retention.olderThan')}
        hint={t('contents.retention.olderThanHint')}
        value={form.olderThan}
        disabled={busy}
        onChange={(olderThan) => change({ olderThan })}
      />
      <TextField
        id="contents-protect"
        label={t('contents.retention.protect')}
        hint={t('contents.retention.protectHint')}
        value={form.protect}
        disabled={busy}
        onChange={(protect) => change({ protect })}
      />
    </div>
  )
}

function usePlanColumns(): DataColumn<Planned>[] {
  const { t, i18n } = useTranslation()
  return [
    {
      id: 'repository',
      header: t('contents.table.repository'),
      cell: (d) => d.repository,
      sortValue: (d) => d.repository,
      className: 'mono',
    },
    { id: 'tags', header: t('contents.retention.tags'), cell: (d) => d.tags.join(', '), className: 'mono' },
    {
      id: 'digest',
      header: t('contents.table.digest'),
      cell: (d) => d.digest.slice(7, 19),
      className: 'mono',
    },
    {
      id: 'created',
      header: t('contents.table.created'),
      cell: (d) => (d.created ? formatDate(d.created, i18n.language) : t('contents.table.unknown')),
      sortValue: (d) => d.created ?? '',
    },
  ]
}

function PlanList(): React.JSX.Element | null {
  const { t } = useTranslation()
  const plan = useContentsStore((s) => s.plan)
  const busy = useContentsStore((s) => s.pruneJob !== undefined)
  const apply = useContentsStore((s) => s.applyRetention)
  const columns = usePlanColumns()
  if (!plan) return null
  const count = plan.deletes.length
  return (
    <div className="contents-plan">
      <p>{count === 0 ? t('contents.retention.nothing') : t('contents.retention.wouldDelete', { count })}</p>
      <p className="muted">{t('contents.retention.kept', plan.kept)}</p>
      {count > 0 && (
        <>
          <DataTable
            rows={plan.deletes}
            columns={columns}
            rowKey={(d) => `${d.repository}@${d.digest}`}
            label={t('contents.retention.label')}
          />
          <ConfirmDialog
            trigger={t('contents.retention.apply', { count })}
            title={t('contents.retention.applyTitle', { count })}
            description={t('contents.retention.applyText')}
            confirm={t('contents.delete.confirm')}
            disabled={busy}
            onConfirm={() => void apply()}
          />
        </>
      )}
    </div>
  )
}

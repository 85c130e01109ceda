import { useTranslation } from 'react-i18next'
import type { Plan } from '../../../../main/ipc/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ExpiryBadge } from '../../components/ExpiryBadge'
import { JobProgress } from '../../components/ProgressBar'
import { translator } from '../../i18n'
import { formatDate } from '../../lib/format'
import { usePolledStatus } from '../../lib/use-polled-status'
import { MirrorButtons } from '../mirror/MirrorStatusCard'
import { useMirrorActions } from '../mirror/use-mirror'

/** The container state in words where the catalogue has them (the engine's word otherwise). */
function StateBadge({ state, running }: { state: string; running: boolean }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const key = `registry.manage.states.${state}`
  return (
    <span className={`badge badge-${running ? 'ok' : 'soon'}`} data-state={state}>
      {i18n.exists(key) ? t(key) : state}
    </span>
  )
}

/**
 * The Docker Hub mirror beside the registry it knows (main/mirror: found by its labels on the plan's engine), with
 * its state, its served certificate's end, and the Mirror panel's own stop, restart and remove. Absent: no row.
 */
export function MirrorRow({
  plan,
  certDir,
}: {
  plan: Plan
  certDir: string | undefined
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation()
  const { status, refresh } = usePolledStatus('mirrorStatus', plan, { nullOnError: true })
  const actions = useMirrorActions(refresh)
  if (!status) return null
  const cert = status.servedCert
  return (
    <tr data-row="mirror">
      <td>
        {status.name} <span className="muted">({t('homeMirror.kind')})</span>{' '}
        <StateBadge state={status.state} running={status.running} />
      </td>
      <td className="mono">{`${plan.addresses[0] ?? ''}:${status.port ?? ''}`}</td>
      <td>
        {cert && (
          <>
            {formatDate(cert.notAfter, i18n.language)} <ExpiryBadge notAfter={cert.notAfter} />
          </>
        )}
      </td>
      <td>
        <MirrorButtons plan={plan} certDir={certDir} status={status} actions={actions} labelled />
        {actions.busy?.action === 'restart' && (
          <JobProgress
            jobId={actions.busy.jobId}
            label={t('homeMirror.restarting')}
            channel="mirrorRestart"
          />
        )}
        {actions.done && (
          <p className="ok-line" role="status">
            {translator().render(actions.done)}
          </p>
        )}
        <ErrorNotice error={actions.error} />
      </td>
    </tr>
  )
}

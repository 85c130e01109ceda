import { useTranslation } from 'react-i18next'
import type { MirrorStatusInfo, Plan } from '../../../../main/ipc/contract'
import { api } from '../../api'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { formatDate } from '../../lib/format'
import { guiMessage, type MirrorActions } from './use-mirror'

function Facts({ status }: { status: MirrorStatusInfo }): React.JSX.Element {
  const { t, i18n } = useTranslation()
  const cert = status.servedCert
  return (
    <dl className="facts" aria-label={t('mirror.status.heading')}>
      <dt>{t('mirror.status.state')}</dt>
      <dd>
        <span className={`badge badge-${status.running ? 'ok' : 'soon'}`} data-state={status.state}>
          {status.state}
        </span>
      </dd>
      <dt>{t('mirror.status.upstream')}</dt>
      <dd className="mono">{status.upstream}</dd>
      <dt>{t('mirror.status.port')}</dt>
      <dd className="mono">{status.port ?? '—'}</dd>
      <dt>{t('mirror.status.storage')}</dt>
      <dd className="mono">{status.storage?.source ?? '—'}</dd>
      <dt>{t('mirror.status.certificate')}</dt>
      <dd>
        {cert
          ? t('mirror.status.certValue', {
              subject: cert.subject,
              notAfter: formatDate(cert.notAfter, i18n.language),
              days: cert.daysLeft,
            })
          : '—'}
      </dd>
    </dl>
  )
}

/** The mirror as it runs, with stop, restart and remove (stop and remove confirmed first). */
export function MirrorStatusCard(props: {
  plan: Plan
  certDir: string
  status: MirrorStatusInfo
  actions: MirrorActions
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div>
      <p className="muted">{t('mirror.status.proxy')}</p>
      <Facts status={props.status} />
      <MirrorButtons {...props} />
    </div>
  )
}

/**
 * Stop and remove (each confirmed first) and restart (its health check uses the CA in certDir: without one, not
 * offered). `labelled`: each button names the mirror (Home lists it beside the registry).
 */
export function MirrorButtons(props: {
  plan: Plan
  certDir: string | undefined
  status: MirrorStatusInfo
  actions: MirrorActions
  labelled?: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const { plan, status, actions } = props
  const busy = actions.busy !== undefined
  const name = status.name
  const label = (key: string): string | undefined =>
    props.labelled ? t(`homeMirror.${key}Label`, { name }) : undefined
  return (
    <div className="actions">
      <ConfirmDialog
        trigger={t('mirror.actions.stop')}
        triggerLabel={label('stop')}
        title={t('mirror.actions.stop')}
        description={t('mirror.actions.confirmStop', { name })}
        confirm={t('mirror.actions.stop')}
        disabled={busy || !status.running}
        onConfirm={() =>
          void actions.run(
            'stop',
            () => api().mirrorStop({ plan }),
            () => guiMessage('actions.stopped'),
          )
        }
      />
      {props.certDir !== undefined && (
        <RestartButton plan={plan} certDir={props.certDir} actions={actions} label={label('restart')} />
      )}
      <ConfirmDialog
        trigger={t('mirror.actions.remove')}
        triggerLabel={label('remove')}
        title={t('mirror.actions.remove')}
        description={t('mirror.actions.confirmRemove', { name })}
        confirm={t('mirror.actions.remove')}
        disabled={busy}
        onConfirm={() =>
          void actions.run(
            'remove',
            () => api().mirrorRemove({ plan, deleteData: false }),
            () => guiMessage('actions.removed'),
          )
        }
      />
    </div>
  )
}

function RestartButton(props: {
  plan: Plan
  certDir: string
  actions: MirrorActions
  label?: string | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { plan, certDir, actions } = props
  return (
    <button
      type="button"
      className="btn btn-secondary"
      aria-label={props.label}
      disabled={actions.busy !== undefined}
      onClick={() =>
        void actions.run(
          'restart',
          (jobId) => api().mirrorRestart({ jobId, plan, certDir }),
          (v) => guiMessage('actions.restarted', { status: v.status, ms: v.elapsedMs }),
        )
      }
    >
      {t('mirror.actions.restart')}
    </button>
  )
}

import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../../../main/ipc/contract'
import { TextField } from '../../../components/Field'
import { routeError } from '../../../lib/field-errors'

/** What the Swarm start takes besides the shared options (image tar, users) and the plan. */
export interface SwarmOptions {
  replicas: string
  publishMode: 'ingress' | 'host'
  volume: string
  volumeDriver: string
  /** key=value lines. */
  volumeOptions: string
  redisImage: string
  replace: boolean
}

export const DEFAULT_SWARM_OPTIONS: SwarmOptions = {
  replicas: '2',
  publishMode: 'ingress',
  volume: '',
  volumeDriver: '',
  volumeOptions: '',
  redisImage: '',
  replace: false,
}

/** The request fields (StartSwarmRequest) this card's controls edit. */
export const SWARM_CONTROLS = [
  'replicas',
  'publishMode',
  'volume.name',
  'volume.driver',
  'volume.options',
  'redisImage',
]

/** The driver options as a record, or the first line that is not key=value. */
export function parseVolumeOptions(text: string): { options: Record<string, string> } | { bad: string } {
  const options: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const eq = line.indexOf('=')
    if (eq <= 0) return { bad: line }
    options[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return { options }
}

export function SwarmOptionsCard(props: {
  options: SwarmOptions
  onChange: (o: SwarmOptions) => void
  error: ErrorInfo | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { options: o, onChange } = props
  const errors = routeError(props.error, SWARM_CONTROLS)
  const set = (patch: Partial<SwarmOptions>): void => onChange({ ...o, ...patch })
  const parsed = parseVolumeOptions(o.volumeOptions)
  return (
    <section className="card" aria-labelledby="swarm-options">
      <h2 id="swarm-options">{t('swarm.options')}</h2>
      <div className="grid-2">
        <TextField
          id="swarm-replicas"
          type="number"
          label={t('swarm.replicas')}
          value={o.replicas}
          onChange={(replicas) => set({ replicas })}
          error={errors.at('replicas')}
        />
        <PublishMode value={o.publishMode} onChange={(publishMode) => set({ publishMode })} />
        <TextField
          id="swarm-volume"
          label={t('swarm.volume')}
          value={o.volume}
          onChange={(volume) => set({ volume })}
          placeholder="registry-data"
          hint={t('swarm.volumeHint')}
          error={errors.at('volume.name')}
        />
        <TextField
          id="swarm-volume-driver"
          label={t('swarm.volumeDriver')}
          value={o.volumeDriver}
          onChange={(volumeDriver) => set({ volumeDriver })}
          hint={t('swarm.volumeDriverHint')}
          error={errors.at('volume.driver')}
        />
      </div>
      <VolumeOptions
        value={o.volumeOptions}
        onChange={(volumeOptions) => set({ volumeOptions })}
        bad={'bad' in parsed ? parsed.bad : undefined}
      />
      <ExtraFields options={o} set={set} redisError={errors.at('redisImage')} />
    </section>
  )
}

function PublishMode(props: {
  value: SwarmOptions['publishMode']
  onChange: (v: SwarmOptions['publishMode']) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="swarm-publish-mode">{t('swarm.publishMode')}</label>
      <select
        id="swarm-publish-mode"
        value={props.value}
        aria-describedby={props.value === 'host' ? 'swarm-publish-mode-hint' : undefined}
        onChange={(e) => props.onChange(e.target.value === 'host' ? 'host' : 'ingress')}
      >
        <option value="ingress">{t('swarm.ingress')}</option>
        <option value="host">{t('swarm.host')}</option>
      </select>
      {props.value === 'host' && (
        <p id="swarm-publish-mode-hint" className="muted">
          {t('swarm.hostHint')}
        </p>
      )}
    </div>
  )
}

function VolumeOptions(props: {
  value: string
  onChange: (v: string) => void
  bad: string | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="swarm-volume-options">{t('swarm.volumeOptions')}</label>
      <textarea
        id="swarm-volume-options"
        rows={2}
        value={props.value}
        aria-invalid={props.bad !== undefined}
        aria-describedby="swarm-volume-options-hint"
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p id="swarm-volume-options-hint" className={props.bad === undefined ? 'muted' : 'field-error'}>
        {props.bad === undefined
          ? t('swarm.volumeOptionsHint')
          : t('swarm.volumeOptionsBad', { line: props.bad })}
      </p>
    </div>
  )
}

function ExtraFields(props: {
  options: SwarmOptions
  set: (patch: Partial<SwarmOptions>) => void
  redisError: ErrorInfo | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { options: o, set } = props
  return (
    <>
      <TextField
        id="swarm-redis"
        label={t('swarm.redisImage')}
        value={o.redisImage}
        onChange={(redisImage) => set({ redisImage })}
        hint={t('swarm.redisImageHint')}
        error={props.redisError}
      />
      <label className="check">
        <input type="checkbox" checked={o.replace} onChange={(e) => set({ replace: e.target.checked })} />{' '}
        {t('swarm.replace')}
      </label>
    </>
  )
}

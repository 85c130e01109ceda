import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ErrorInfo } from '../../../../main/ipc/contract'
import { TextField } from '../../components/Field'
import { routeError } from '../../lib/field-errors'

export interface RegistryUser {
  user: string
  password: string
}
/** What the start request takes besides the plan: an image tar, a storage path, htpasswd users. */
export interface RegistryOptions {
  imageTar: string
  storagePath: string
  users: RegistryUser[]
}
/** The request fields (StartRegistryRequest) this card's controls edit. */
export const OPTION_CONTROLS = ['imageTar', 'storagePath']

/**
 * The image tar, the storage path and the users. `swarm`: the registry runs as a Swarm service, whose data is a named
 * volume (the Swarm options card's field), so the host path field is not shown (nor sent: swarmRequest takes no path).
 */
export function OptionsCard(props: {
  options: RegistryOptions
  onChange: (o: RegistryOptions) => void
  error: ErrorInfo | undefined
  swarm?: boolean | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { options, onChange } = props
  const errors = routeError(props.error, OPTION_CONTROLS)
  return (
    <section className="card" aria-labelledby="registry-options">
      <h2 id="registry-options">{t('registry.options')}</h2>
      <div className="grid-2">
        <TextField
          id="registry-tar"
          label={t('registry.imageTar')}
          value={options.imageTar}
          onChange={(imageTar) => onChange({ ...options, imageTar })}
          browse={{ extensions: ['tar'] }}
          hint={t('registry.imageTarHint')}
          error={errors.at('imageTar')}
        />
        {!props.swarm && (
          <TextField
            id="registry-storage"
            label={t('registry.storage')}
            value={options.storagePath}
            onChange={(storagePath) => onChange({ ...options, storagePath })}
            hint={t('registry.storageHint')}
            error={errors.at('storagePath')}
          />
        )}
      </div>
      <UsersEditor users={options.users} onChange={(users) => onChange({ ...options, users })} />
    </section>
  )
}

/** htpasswd users: add one (user + password, Enter or Add), remove one; the passwords go to main at start only. */
function UsersEditor(props: {
  users: RegistryUser[]
  onChange: (u: RegistryUser[]) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [user, setUser] = useState('')
  const [password, setPassword] = useState('')
  const add = (): void => {
    if (!user.trim() || !password) return
    props.onChange([...props.users.filter((x) => x.user !== user.trim()), { user: user.trim(), password }])
    setUser('')
    setPassword('')
  }
  return (
    <>
      <div className="inline-form">
        <TextField id="registry-user" label={t('registry.user')} value={user} onChange={setUser} />
        <TextField
          id="registry-password"
          type="password"
          autoComplete="new-password"
          label={t('registry.password')}
          value={password}
          onChange={setPassword}
          onEnter={add}
        />
        <button type="button" className="btn btn-secondary" onClick={add}>
          {t('plan.add')}
        </button>
      </div>
      <ul className="chips" aria-label={t('registry.users')}>
        {props.users.map((u) => (
          <li key={u.user} className="chip">
            {u.user}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('plan.remove', { address: u.user })}
              onClick={() => props.onChange(props.users.filter((y) => y.user !== u.user))}
            >
              ×
            </button>
          </li>
        ))}
        {props.users.length === 0 && <li className="muted">{t('registry.noUsers')}</li>}
      </ul>
    </>
  )
}

import { useTranslation } from 'react-i18next'
import { TextField } from '../../components/Field'
import { useImagesStore } from '../../stores/images-store'

/** A registry login typed again (htpasswd on); left empty, main uses the one given to the registry start. */
export function LoginFields(): React.JSX.Element {
  const { t } = useTranslation()
  const login = useImagesStore((s) => s.login)
  const set = useImagesStore((s) => s.set)
  return (
    <fieldset className="inline-form login">
      <legend>{t('images.login.title')}</legend>
      <TextField
        id="images-user"
        label={t('images.login.user')}
        value={login.user}
        onChange={(user) => set({ login: { ...login, user } })}
      />
      <TextField
        id="images-password"
        type="password"
        autoComplete="current-password"
        label={t('images.login.password')}
        value={login.password}
        onChange={(password) => set({ login: { ...login, password } })}
        hint={t('images.login.hint')}
      />
    </fieldset>
  )
}

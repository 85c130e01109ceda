import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { KEY_TYPES, type KeyType } from '../../../../main/pki/key-types'
import { api } from '../../api'

/**
 * The key type control (ECDSA P-256 first, the default). Each value it takes, the first included, is sent to main as a
 * hint (the TYPE only): main generates an RSA key in the background, so creating the CA does not wait for it, and
 * drops a key of another type. No key ever comes back to the renderer.
 */
export function KeyTypeSelect(props: {
  id: string
  label: string
  value: KeyType
  onChange: (type: KeyType) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { value } = props
  useEffect(() => {
    void api().pregenKey({ keyType: value })
  }, [value])
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={value}
        onChange={(e) => props.onChange(KEY_TYPES.find((k) => k === e.target.value) ?? value)}
        aria-describedby={value === 'ecdsa-p256' ? undefined : `${props.id}-hint`}
      >
        {KEY_TYPES.map((k) => (
          <option key={k} value={k}>
            {t(`keys.option.${k}`)}
          </option>
        ))}
      </select>
      {value !== 'ecdsa-p256' && (
        <p className="field-hint" id={`${props.id}-hint`}>
          {t('keys.rsaHint')}
        </p>
      )}
    </div>
  )
}

import * as AlertDialog from '@radix-ui/react-alert-dialog'
import { useTranslation } from 'react-i18next'

/**
 * A confirmation before an action that cannot be undone (Radix AlertDialog: modal, focus trapped inside and
 * returned to the trigger, Escape cancels, Cancel has focus first so Enter never confirms by accident).
 */
export function ConfirmDialog({
  trigger,
  triggerLabel,
  title,
  description,
  confirm,
  disabled,
  onConfirm,
}: {
  trigger: string
  /** The trigger's accessible name when its text alone is ambiguous (one Delete per table row). */
  triggerLabel?: string | undefined
  title: string
  description: string
  confirm: string
  disabled?: boolean | undefined
  onConfirm: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className="btn btn-danger" disabled={disabled} aria-label={triggerLabel}>
          {trigger}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-text">{description}</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn">
                {t('dialog.cancel')}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="btn btn-danger" onClick={onConfirm}>
                {confirm}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}

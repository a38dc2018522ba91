import { selfSendWarning } from '../../core/validation/recipient'
import { Icon } from '../../shared/ui/Icon'

export function SelfSendWarning() {
  return (
    <p className="warning-text" role="status" data-testid="self-send-warning">
      <Icon name="warning" /> {selfSendWarning}
    </p>
  )
}

import type { EndpointStatus } from '../../core/rpc/health'
import type { IconName } from './Icon'

/** Icon and word for each endpoint status (Network page, Settings): never colour alone. */
export const endpointStatusLabel: Record<EndpointStatus, { icon: IconName; text: string }> = {
  healthy: { icon: 'check', text: 'Healthy' },
  degraded: { icon: 'warning', text: 'Degraded' },
  down: { icon: 'cross', text: 'Down' },
  'wrong-chain': { icon: 'ban', text: 'Wrong chain' },
  disabled: { icon: 'pause', text: 'Disabled' },
  checking: { icon: 'clock', text: 'Checking' },
}

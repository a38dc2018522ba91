import { readFileSync } from 'node:fs'
import { parseRuntimeConfig } from '../../src/core/config/load'
import { securityHeaders } from './csp'

/**
 * `npm run csp -- [config.json] [--allow-user-endpoints]` prints the headers a deployment should send (CSP,
 * X-Frame-Options, Cross-Origin-Opener-Policy) for its config.json (or the built-in defaults without one), validated like the app does.
 */
const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const config = file
  ? parseRuntimeConfig(JSON.parse(readFileSync(file, 'utf8')), file)
  : parseRuntimeConfig({}, 'defaults')
console.log(
  securityHeaders(config, { allowUserEndpoints: args.includes('--allow-user-endpoints') }).join('\n'),
)

import { readFileSync } from 'node:fs'
import { parseRuntimeConfig } from '../../../src/core/config/load'
import { cspHeader } from './csp'

/**
 * `npm run csp -- [config.json] [--allow-user-endpoints]` prints the Content-Security-Policy header for a
 * deployment: its config.json (or the built-in defaults without one), validated like the app does.
 */
const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const config = file
  ? parseRuntimeConfig(JSON.parse(readFileSync(file, 'utf8')), file)
  : parseRuntimeConfig({}, 'defaults')
console.log(
  `Content-Security-Policy: ${cspHeader(config, { allowUserEndpoints: args.includes('--allow-user-endpoints') })}`,
)

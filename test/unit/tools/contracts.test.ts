import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { artifactsJson, artifactsPath, compileContracts } from '../../../tools/contracts/compile'

describe('committed contract artifacts', () => {
  it('are exactly what the committed Solidity sources compile to', () => {
    expect(readFileSync(artifactsPath, 'utf8')).toBe(artifactsJson(compileContracts()))
  }, 60_000)
})

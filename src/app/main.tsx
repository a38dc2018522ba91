import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Boot } from './Boot'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Boot />
    </StrictMode>,
  )
}

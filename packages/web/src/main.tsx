import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '@threatwright/server/client';
import { takeToken } from './token.js';
import { App } from './ui/App.js';
import './styles.css';

const token = takeToken(window.location, window.sessionStorage, window.history);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={createClient({ token })} />
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { NoBridge } from './components/NoBridge.js';
import { getBridge } from './bridge.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const bridge = getBridge();
createRoot(container).render(
  <StrictMode>{bridge ? <App bridge={bridge} /> : <NoBridge />}</StrictMode>,
);

// The console app: a hash-routed Preact app over the documents the netspec CLI prints as JSON.
import { render } from 'preact';
import { App } from './app.js';
import './style.css';

const root = document.getElementById('app');
if (root) render(<App />, root);

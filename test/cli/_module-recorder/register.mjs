// Loaded with `node --import`: prints on stderr every file module the process loads (`LOADED <url>`), so a test can
// tell which parts of the CLI bundle a command pulled in.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);

// The console: a read-only web app over the repository's networks (map, channels, proposals, history), served on
// a loopback address or exported as a static site. Its documents are the CLI's own JSON; its one write is a
// proposal committed on a new local branch.
export { type ConsoleNetwork, consoleNetworks, repositoryRootOf } from './console-repository.js';
export { type ConsoleContext, documentAt, documentPaths } from './console-routes.js';
export { isLoopback, type RunningConsole, startConsoleServer } from './console-server.js';
export { type ExportedSite, exportFolderProblem, exportSite } from './export-site.js';
